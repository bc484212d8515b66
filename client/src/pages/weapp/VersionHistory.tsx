import { Alert, Card, Empty, Tag, Timeline } from 'tdesign-react';
import { errorText, getVersionHistory, type VersionRecord } from '../../api';
import { useRequest } from '../../hooks/useRequest';
import { formatUnix } from '../../utils/time';
import { EVENT_SOURCE, versionStateOf } from './labels';

/** Timeline dot colours: TDesign's built-in names, success as a colour value. */
const DOT: Record<string, string> = {
  primary: 'primary',
  success: 'var(--td-success-color)',
  warning: 'warning',
  danger: 'error',
  default: 'default',
};

/** One version: its state now and each state change with who made it. */
function Record({ r }: { r: VersionRecord }) {
  const st = versionStateOf(r.state);
  return (
    <div data-testid={`history-${r.id}`}>
      <div>
        <span className="mono">{r.userVersion || '-'}</span> <Tag theme={st.theme} variant="light" size="small">{st.text}</Tag>{' '}
        <span className="muted">{r.userDesc}</span>
      </div>
      <div className="muted" style={{ fontSize: 12 }}>
        模板 {r.templateId}
        {r.auditId ? ` · 审核单 ${r.auditId}` : ''} · 提交于 {formatUnix(r.createdAt)}
      </div>
      {r.reason && <div style={{ fontSize: 12, color: 'var(--td-error-color)' }}>{r.reason.replace(/<br\s*\/?>/gi, ' ')}</div>}
      {(r.events ?? []).length > 0 && (
        <ul className="weapp-events">
          {(r.events ?? []).map((e, i) => (
            <li key={i}>
              {formatUnix(e.at)} {versionStateOf(e.fromState).text} → {versionStateOf(e.toState).text}（{EVENT_SOURCE[e.source] ?? e.source}）
              {e.detail ? `：${e.detail}` : ''}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** 版本历史: the stored versions of one mini program, newest first. reloadKey changes after an action. */
export default function VersionHistory({ appid, reloadKey }: { appid: string; reloadKey: number }) {
  const h = useRequest(() => getVersionHistory(appid), [appid, reloadKey]);
  const records = h.data?.records ?? [];
  return (
    <div data-testid="version-history">
      <Card title="版本历史" bordered>
        {h.error ? <Alert theme="error" message={errorText(h.error)} /> : null}
        {!h.error && !h.loading && records.length === 0 && <Empty title="暂无记录" description="通过本服务提交的代码和审核会记录在这里。" />}
        {records.length > 0 && (
          <Timeline>
            {records.map((r) => (
              <Timeline.Item key={r.id} label={formatUnix(r.stateAt)} dotColor={DOT[versionStateOf(r.state).theme]}>
                <Record r={r} />
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </Card>
    </div>
  );
}
