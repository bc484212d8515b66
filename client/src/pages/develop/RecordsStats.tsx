import { getRecordStats, type RecordStats } from '../../api';
import { useRequest } from '../../hooks/useRequest';
import { formatUnix } from '../../utils/time';
import { sizeText, totalText } from './paging';

const tableNames: Record<string, string> = { wxcallback_component: '授权事件', wxcallback_biz: '普通消息与事件' };

/** The retention and size of the push tables in one line of words. */
export function statsText(s: RecordStats): string {
  let retention = s.retentionDays > 0 ? `推送消息保留 ${s.retentionDays} 天` : '推送消息永久保留';
  if (s.retentionDays > 0 && s.keptBefore > 0) retention += `（${formatUnix(s.keptBefore)} 升级前收到的历史消息不清理）`;
  const parts = [retention, ...s.tables.map((t) => `${tableNames[t.table] ?? t.table} ${totalText(t.rows, t.rowsExact)}`)];
  const bytes = s.tables.reduce((sum, t) => sum + (t.bytes ?? 0), 0);
  if (s.databaseBytes != null) parts.push(`数据库文件 ${sizeText(s.databaseBytes)}`);
  else if (s.tables.some((t) => t.bytes != null)) parts.push(`占用 ${sizeText(bytes)}`);
  return parts.join(' · ');
}

/** Retention (RECORD_RETENTION_DAYS) and table sizes, under the message viewer's tabs. */
export default function RecordsStats() {
  const { data } = useRequest(getRecordStats, []);
  if (!data) return null;
  return (
    <div className="records-stats" data-testid="records-stats">
      {statsText(data)}
    </div>
  );
}
