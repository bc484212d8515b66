import { useEffect, useState } from 'react';
import { Alert, Button, Card, Progress, Tag } from 'tdesign-react';
import { useSearchParams } from 'react-router-dom';
import { errorText } from '../../api';
import { getBatch, type BatchReport } from '../../api/batch';
import PageLoading from '../../components/PageLoading';
import { useRequest } from '../../hooks/useRequest';
import { formatTimeValue } from '../../utils/time';
import BatchAccountTable from './BatchAccountTable';
import BatchActions from './BatchActions';
import { ACCOUNT_STATE, BATCH_STATE, countOf, stateLabel, totalOf } from './labels';
import './batch.css';

/** How often a running batch's report is read again. */
export const REFRESH_MS = 5000;

/** Template, pacing and times of a batch in one line. */
function specLine(r: BatchReport): string {
  const parts = [
    r.templateId ? `模板 ID ${r.templateId}` : '',
    r.userVersion ? `版本 ${r.userVersion}` : '',
    r.concurrency ? `并发 ${r.concurrency}` : '',
    r.canarySize ? `灰度 ${r.canarySize} 个${r.wave === 0 ? '（灰度阶段）' : ''}` : '',
    r.autoRelease === false ? '审核通过后手动发布' : r.autoRelease ? '审核通过后自动发布' : '',
    r.createdAt ? `创建于 ${formatTimeValue(r.createdAt)}` : '',
    r.finishedAt ? `结束于 ${formatTimeValue(r.finishedAt)}` : '',
  ];
  return parts.filter(Boolean).join(' · ');
}

/** Per-state counts as tags; clicking one filters the table to that state. */
function CountFilter({ counts, value, onChange }: { counts: Record<string, number>; value: string; onChange: (s: string) => void }) {
  const states = Object.keys(ACCOUNT_STATE).filter((s) => counts[s]);
  const extra = Object.keys(counts).filter((s) => !(s in ACCOUNT_STATE) && counts[s]);
  return (
    <div className="batch-counts" role="group" aria-label="按状态筛选">
      <Tag.CheckTag checked={value === ''} onChange={() => onChange('')}>
        全部 {totalOf(counts)}
      </Tag.CheckTag>
      {[...states, ...extra].map((s) => (
        <Tag.CheckTag key={s} checked={value === s} onChange={() => onChange(value === s ? '' : s)} data-testid={`count-${s}`}>
          {stateLabel(ACCOUNT_STATE, s).text} {counts[s]}
        </Tag.CheckTag>
      ))}
    </div>
  );
}

function Report({ report, reload }: { report: BatchReport; reload: () => void }) {
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const total = totalOf(report.counts);
  const done = countOf(report.counts, ['done']);
  const label = stateLabel(BATCH_STATE, report.state);
  const rows = filter ? report.accounts.filter((a) => a.state === filter) : report.accounts;

  return (
    <>
      <div className="batch-toolbar">
        <div>
          <h3 style={{ margin: 0 }}>
            {report.name || `批量发布 #${report.id}`}{' '}
            <Tag theme={label.theme} data-testid="batch-state">
              {label.text}
            </Tag>
          </h3>
          <div className="batch-muted">{specLine(report)}</div>
        </div>
        <BatchActions report={report} selected={selected} onDone={reload} />
      </div>
      {report.note ? <Alert theme={report.state === 'halted' ? 'error' : 'info'} message={report.note} style={{ marginBottom: 12 }} /> : null}
      {report.quotaHoldUntil ? (
        <Alert
          theme="warning"
          message={`平台审核额度已用尽，提交审核暂停至 ${formatTimeValue(report.quotaHoldUntil)}；额度恢复后会自动继续，也可点击「重试失败」立即再试。`}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Progress percentage={total ? Math.round((done / total) * 100) : 0} label={`已完成 ${done}/${total}`} data-testid="batch-progress" />
      <CountFilter
        counts={report.counts}
        value={filter}
        onChange={(s) => {
          setFilter(s);
          setSelected([]);
        }}
      />
      <BatchAccountTable accounts={rows} loading={false} selected={selected} onSelect={setSelected} />
    </>
  );
}

/** 批量发布详情 (?id=): state, progress, counts, accounts and the operator's actions. */
export default function BatchDetailPage({ refreshMs = REFRESH_MS }: { refreshMs?: number }) {
  const [params] = useSearchParams();
  const id = Number(params.get('id'));
  const valid = Number.isInteger(id) && id > 0;
  const report = useRequest(() => (valid ? getBatch(id) : Promise.reject(new Error('bad id'))), [id]);
  const running = report.data?.state === 'running';
  const { reload } = report;

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(reload, refreshMs);
    return () => clearInterval(timer);
  }, [running, reload, refreshMs]);

  if (!valid) return <Alert theme="error" message="缺少批量发布 ID，请从批量发布列表进入" />;
  return (
    <div data-testid="batch-detail">
      <Card bordered={false}>
        {report.error ? (
          <Alert
            theme="error"
            message={errorText(report.error)}
            operation={<Button variant="text" onClick={reload}>重试</Button>}
            style={{ marginBottom: 12 }}
          />
        ) : null}
        {report.data ? <Report key={report.data.id} report={report.data} reload={reload} /> : report.loading ? <PageLoading /> : null}
        {running ? <div className="batch-muted" style={{ marginTop: 8 }}>进行中，每 {Math.max(1, Math.round(refreshMs / 1000))} 秒自动刷新</div> : null}
      </Card>
    </div>
  );
}
