import { useState } from 'react';
import { Button, Popconfirm } from 'tdesign-react';
import { batchAccountsAction, controlBatch, type BatchControl, type BatchReport } from '../../api/batch';
import { notifyError, notifySuccess } from '../../components/notify';
import { countOf, RETRYABLE } from './labels';

type Action = BatchControl | 'retry' | 'release';

const OPEN = ['running', 'paused', 'halted'];

/**
 * 暂停 / 继续 / 取消 / 重试失败 / 发布已通过 for one batch; retry and release act on the
 * selected accounts when there are any, else on all that qualify. onDone reloads the report.
 */
export default function BatchActions({ report, selected, onDone }: { report: BatchReport; selected: string[]; onDone: () => void }) {
  const [busy, setBusy] = useState<Action>();
  const retryable = countOf(report.counts, RETRYABLE);
  const approved = countOf(report.counts, ['approved']);
  const { state } = report;

  const run = async (action: Action, fn: () => Promise<string>) => {
    if (busy) return;
    setBusy(action);
    try {
      notifySuccess(await fn());
      onDone();
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(undefined);
    }
  };
  const control = (action: BatchControl, done: string) =>
    run(action, async () => {
      await controlBatch(report.id, action);
      return done;
    });
  const perAccount = (action: 'retry' | 'release', verb: string) =>
    run(action, async () => {
      const { count } = await batchAccountsAction(report.id, action, selected);
      return count ? `已${verb} ${count} 个帐号` : `没有需要${verb}的帐号`;
    });
  const btn = (action: Action) => ({ loading: busy === action, disabled: !!busy && busy !== action });

  return (
    <div className="batch-row" data-testid="batch-actions">
      {state === 'running' ? (
        <Button variant="outline" {...btn('pause')} onClick={() => void control('pause', '已暂停：进行中的调用完成后停止')}>
          暂停
        </Button>
      ) : null}
      {state === 'paused' || state === 'halted' ? (
        <Button theme="primary" {...btn('resume')} onClick={() => void control('resume', '已继续')}>
          {state === 'halted' ? '继续发布其余帐号' : '继续'}
        </Button>
      ) : null}
      {state !== 'canceled' && retryable > 0 ? (
        <Button variant="outline" {...btn('retry')} onClick={() => void perAccount('retry', '重试')}>
          {selected.length ? `重试所选（${selected.length}）` : `重试失败（${retryable}）`}
        </Button>
      ) : null}
      {state !== 'canceled' && approved > 0 && report.autoRelease !== true ? (
        <Button theme="success" {...btn('release')} onClick={() => void perAccount('release', '发布')}>
          {selected.length ? `发布所选（${selected.length}）` : `发布已通过（${approved}）`}
        </Button>
      ) : null}
      {OPEN.includes(state) ? (
        <Popconfirm
          content="取消后未完成的帐号不再继续（已提交的审核仍在微信进行）。确定取消此批量发布？"
          confirmBtn="确定取消"
          cancelBtn="再想想"
          theme="warning"
          onConfirm={() => void control('cancel', '已取消此批量发布')}
        >
          <Button variant="outline" theme="danger" {...btn('cancel')}>
            取消发布
          </Button>
        </Popconfirm>
      ) : null}
    </div>
  );
}
