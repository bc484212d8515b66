// Pure helpers of the version pages (tested without a DOM).
import type { AuditInfo } from '../../api';

/**
 * Checks the ext.json text of 提交代码: empty is allowed (the template's own ext.json is
 * used), anything else must be a JSON object. Returns an error text or "".
 */
export function extJsonError(text: string): string {
  if (text.trim() === '') return '';
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    return `不是合法的 JSON：${err instanceof Error ? err.message : String(err)}`;
  }
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? '' : 'ext.json 须为一个 JSON 对象（{ … }）';
}

/** Pretty-prints valid JSON, leaves anything else as it is. */
export function formatJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** The rejection screenshots' media ids: the stored list, else WeChat's "id1|id2" string. */
export function screenshotIds(a: Pick<AuditInfo, 'screenshots' | 'screenShot'>): string[] {
  if (a.screenshots?.length) return a.screenshots;
  return (a.screenShot ?? '')
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Checks a version number as typed for 提交代码 (WeChat takes any short text; we ask for something). */
export function userVersionError(v: string): string {
  if (!v.trim()) return '请输入代码版本号';
  if (v.trim().length > 64) return '版本号不能超过 64 个字符';
  return '';
}
