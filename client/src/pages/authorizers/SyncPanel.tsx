import { Alert, Button, Progress } from 'tdesign-react';
import { RefreshIcon } from 'tdesign-icons-react';
import type { SyncStatus } from '../../api';
import { formatUnix } from '../../utils/time';
import type { AuthorizerSync } from './useAuthorizerSync';

/** Percentage of a running job (0 while WeChat's list has not been read yet). */
export function syncPercent(s: SyncStatus): number {
  if (!s.total) return 0;
  return Math.min(100, Math.round(((s.done + s.failed) / s.total) * 100));
}

/** Extra counts of the summary worth telling, e.g. "新增 2 个，恢复授权 1 个". */
function summaryWords(s: SyncStatus): string {
  const sum = s.summary;
  if (!sum) return '';
  const parts: string[] = [];
  if (sum.added) parts.push(`新增 ${sum.added} 个`);
  if (sum.reactivated) parts.push(`恢复授权 ${sum.reactivated} 个`);
  if (sum.recovered) parts.push(`修复 refresh_token ${sum.recovered} 个`);
  if (sum.missing) parts.push(`${sum.missing} 个本地已授权帐号不在微信的授权列表中（已保留）`);
  return parts.join('，');
}

/** The 同步授权帐号 button. */
export function SyncButton({ sync }: { sync: AuthorizerSync }) {
  const running = sync.status?.status === 'running';
  return (
    <Button
      theme="primary"
      variant="outline"
      icon={<RefreshIcon />}
      loading={sync.starting || running}
      disabled={running}
      onClick={() => void sync.start()}
      data-testid="account-sync"
    >
      {running ? '同步中…' : '同步授权帐号'}
    </Button>
  );
}

/** Progress of the running sync, or the outcome of the last one. */
export function SyncProgress({ sync }: { sync: AuthorizerSync }) {
  const s = sync.status;
  return (
    <div data-testid="account-sync-status">
      {sync.error && <Alert theme="warning" message={sync.error} style={{ marginBottom: 12 }} data-testid="account-sync-error" />}
      {s?.status === 'running' && (
        <div className="sync-running" data-testid="account-sync-running">
          <Progress percentage={syncPercent(s)} theme="line" style={{ maxWidth: 420 }} />
          <span className="muted">
            {s.total
              ? `正在从微信同步授权帐号：已处理 ${s.done + s.failed}/${s.total}${s.failed ? `，失败 ${s.failed}` : ''}`
              : '正在读取微信的授权帐号列表…'}
          </span>
        </div>
      )}
      {s?.status === 'done' && (
        <div className="muted" data-testid="account-sync-done">
          上次同步：{formatUnix(s.finishedAt)} 完成，共 {s.total} 个帐号
          {s.failed ? `，其中 ${s.failed} 个未能更新资料` : ''}
          {summaryWords(s) ? `；${summaryWords(s)}` : ''}。
        </div>
      )}
      {s?.status === 'failed' && (
        <Alert
          theme="error"
          data-testid="account-sync-failed"
          message={`上次同步（${formatUnix(s.startedAt)} 开始）失败：${s.error || '原因未知'}。已同步的帐号不受影响，可稍后重试。`}
        />
      )}
      {s?.summary?.failures?.length ? (
        <details className="sync-failures">
          <summary className="muted">查看未能更新的帐号（{s.summary.failures.length}）</summary>
          <ul>
            {s.summary.failures.map((f) => (
              <li key={f.appid}>
                <span className="mono">{f.appid}</span>：{f.error}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
