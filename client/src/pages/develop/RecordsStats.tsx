import { getRecordStats, type RecordStats } from '../../api';
import { useRequest } from '../../hooks/useRequest';
import { formatUnix } from '../../utils/time';
import { sizeText, totalText } from './paging';

const tableNames: Record<string, string> = { wxcallback_component: '授权事件', wxcallback_biz: '普通消息与事件' };

/** The retention in words: days, the cap per table, and the pre-upgrade history the days spare. */
export function retentionText(s: RecordStats): string {
  const cap = s.maxRows > 0 ? s.maxRows.toLocaleString('zh-CN') : '';
  if (s.retentionDays <= 0) return cap ? `推送消息每表最多保留 ${cap} 条` : '推送消息永久保留';
  let text = `推送消息保留 ${s.retentionDays} 天`;
  if (cap) text += `，每表最多 ${cap} 条`;
  // The cap counts every push, so with one set the history is only spared by the days.
  if (s.keptBefore > 0) text += `（${formatUnix(s.keptBefore)} 升级前收到的历史消息不${cap ? '按天数' : ''}清理）`;
  return text;
}

/** The retention and size of the push tables in one line of words. */
export function statsText(s: RecordStats): string {
  const parts = [retentionText(s), ...s.tables.map((t) => `${tableNames[t.table] ?? t.table} ${totalText(t.rows, t.rowsExact)}`)];
  const bytes = s.tables.reduce((sum, t) => sum + (t.bytes ?? 0), 0);
  if (s.databaseBytes != null) parts.push(`数据库文件 ${sizeText(s.databaseBytes)}`);
  else if (s.tables.some((t) => t.bytes != null)) parts.push(`占用 ${sizeText(bytes)}`);
  return parts.join(' · ');
}

/** Retention (RECORD_RETENTION_DAYS, RECORD_RETENTION_MAX_ROWS) and table sizes, under the message viewer's tabs. */
export default function RecordsStats() {
  const { data } = useRequest(getRecordStats, []);
  if (!data) return null;
  return (
    <div className="records-stats" data-testid="records-stats">
      {statsText(data)}
    </div>
  );
}
