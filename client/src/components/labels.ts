// Display texts for enumerations the API returns.
import type { CallbackMode, DbKind, SecretSource } from '../api/types';

export const DB_LABEL: Record<DbKind, string> = { sqlite: 'SQLite', mysql: 'MySQL' };

export const MODE_LABEL: Record<CallbackMode, string> = {
  standard: '标准模式（消息加解密）',
  cloudrun: '云托管模式（微信云托管推送）',
};

export const SOURCE_LABEL: Record<SecretSource, string> = { env: '环境变量', console: '控制台', '': '未配置' };

/** Label for a value that might be outside the known set. */
export function labelOf<K extends string>(table: Record<K, string>, key: string | undefined): string {
  return (key && (table as Record<string, string>)[key]) || key || '-';
}
