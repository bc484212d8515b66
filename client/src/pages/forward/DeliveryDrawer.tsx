import { useState } from 'react';
import { Alert, BaseTable, Button, Drawer, Radio, Tag, type BaseTableCol } from 'tdesign-react';
import { errorText } from '../../api';
import { getDeliveries, replayDelivery, replayRule, type Delivery, type DeliveryPage, type DeliveryStatus, type ForwardRule } from '../../api/forward';
import { notifyError, notifySuccess } from '../../components/notify';
import { useRequest } from '../../hooks/useRequest';
import { formatUnix } from '../../utils/time';
import ConfirmAction from '../weapp/ConfirmAction';
import { STATUS_FILTERS, STATUS_LABEL } from './labels';
import { typeText } from './ruleForm';

/** Deliveries per page of the log. */
export const LOG_PAGE = 20;

/** Props of DeliveryDrawer. */
export interface DeliveryDrawerProps {
  rule?: ForwardRule;
  onClose: () => void;
  /** After a replay: the rule's counters changed. */
  onChanged: () => void;
}

/** Pages loaded with 加载更多 after the first, tied to the first page they continue. */
interface More {
  base: DeliveryPage;
  records: Delivery[];
  next: number;
}

function statusCell(d: Delivery) {
  const l = STATUS_LABEL[d.status] ?? { text: d.status, theme: 'default' };
  return (
    <Tag theme={l.theme} variant="light" data-testid={`delivery-status-${d.id}`}>
      {l.text}
    </Tag>
  );
}

function columns(replay: (d: Delivery) => void, replaying: number | undefined): BaseTableCol<Delivery>[] {
  return [
    { colKey: 'createTime', title: '时间', width: 160, cell: ({ row }) => formatUnix(row.createTime) },
    {
      colKey: 'appid',
      title: '来源 / AppID',
      width: 180,
      cell: ({ row }) => (
        <div>
          <div>{row.source === 'component' ? '授权事件' : '消息与事件'}</div>
          <div className="muted">{row.appid || '-'}</div>
        </div>
      ),
    },
    { colKey: 'type', title: '类型', width: 120, cell: ({ row }) => typeText(row) || '-' },
    { colKey: 'status', title: '状态', width: 80, cell: ({ row }) => statusCell(row) },
    { colKey: 'attempts', title: '尝试次数', width: 80 },
    {
      colKey: 'lastStatus',
      title: 'HTTP 状态',
      width: 90,
      cell: ({ row }) => (row.lastStatus ? String(row.lastStatus) : row.attempts ? '无应答' : '-'),
    },
    { colKey: 'latencyMs', title: '耗时 (ms)', width: 90, cell: ({ row }) => (row.attempts ? String(row.latencyMs) : '-') },
    { colKey: 'lastError', title: '最后错误', width: 200, ellipsis: true, cell: ({ row }) => row.lastError || '-' },
    { colKey: 'nextTime', title: '下次尝试', width: 160, cell: ({ row }) => formatUnix(row.nextTime) },
    {
      colKey: 'op',
      title: '操作',
      width: 100,
      fixed: 'right',
      cell: ({ row }) =>
        row.status === 'dead' ? (
          <Button variant="text" theme="primary" loading={replaying === row.id} onClick={() => replay(row)} data-testid={`delivery-replay-${row.id}`}>
            重新投递
          </Button>
        ) : null,
    },
  ];
}

/** 投递记录: a rule's deliveries newest first, with dead letters put back in the queue one or all at once. */
export default function DeliveryDrawer({ rule, onClose, onChanged }: DeliveryDrawerProps) {
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const [more, setMore] = useState<More>();
  const [loadingMore, setLoadingMore] = useState(false);
  const [replaying, setReplaying] = useState<number>();
  const ruleId = rule?.id;

  // Each rule opens on the whole log.
  const [shownId, setShownId] = useState<number>();
  if (ruleId !== shownId) {
    setShownId(ruleId);
    setStatus('');
  }

  const first = useRequest(
    () => (ruleId ? getDeliveries({ ruleId, status, limit: LOG_PAGE }) : Promise.resolve(undefined)),
    [ruleId, status],
  );
  // Pages loaded after an older first page belong to another filter or an earlier reload.
  const extra = more && first.data && more.base === first.data ? more : undefined;
  const records = [...(first.data?.records ?? []), ...(extra?.records ?? [])];
  const next = extra ? extra.next : (first.data?.nextBeforeId ?? 0);

  const loadMore = async () => {
    const base = first.data;
    if (!ruleId || !base || !next || loadingMore) return;
    setLoadingMore(true);
    try {
      const page = await getDeliveries({ ruleId, status, beforeId: next, limit: LOG_PAGE });
      setMore({ base, records: [...(extra?.records ?? []), ...(page.records ?? [])], next: page.nextBeforeId });
    } catch (err) {
      notifyError(err);
    } finally {
      setLoadingMore(false);
    }
  };
  const replayed = (n: number) => {
    notifySuccess(n > 0 ? `已重新投递 ${n} 条` : '没有需要重新投递的死信');
    first.reload();
    onChanged();
  };
  const replayOne = async (d: Delivery) => {
    setReplaying(d.id);
    try {
      replayed((await replayDelivery(d.id)).replayed);
    } catch (err) {
      notifyError(err);
    } finally {
      setReplaying(undefined);
    }
  };

  return (
    <Drawer header={rule ? `投递记录 · ${rule.name}` : '投递记录'} visible={!!rule} onClose={onClose} size="90%" footer={false} destroyOnClose>
      {rule && (
        <div data-testid="delivery-drawer" className="forward-drawer">
          <div className="filters">
            <div data-testid="delivery-filter">
              <Radio.Group value={status} onChange={(v) => setStatus(v as DeliveryStatus | '')} variant="default-filled">
                {STATUS_FILTERS.map((s) => (
                  <Radio.Button key={s.value || 'all'} value={s.value}>
                    {s.label}
                  </Radio.Button>
                ))}
              </Radio.Group>
            </div>
            <Button variant="outline" onClick={first.reload} data-testid="delivery-refresh">
              刷新
            </Button>
            <ConfirmAction
              text="全部重新投递"
              header="重新投递全部死信"
              content={`把规则「${rule.name}」的全部死信放回队列并立即投递，每条只会送达一次。`}
              onConfirm={async () => replayed((await replayRule(rule.id)).replayed)}
              testId="delivery-replay-all"
            />
          </div>
          {first.error ? <Alert theme="error" message={errorText(first.error)} style={{ marginBottom: 12 }} /> : null}
          <BaseTable
            rowKey="id"
            data={records}
            columns={columns((d) => void replayOne(d), replaying)}
            loading={first.loading}
            empty="暂无投递记录"
            tableLayout="fixed"
            hover
          />
          {next > 0 && (
            <div className="forward-more">
              <Button variant="outline" loading={loadingMore} onClick={() => void loadMore()} data-testid="delivery-more">
                加载更多
              </Button>
            </div>
          )}
        </div>
      )}
    </Drawer>
  );
}
