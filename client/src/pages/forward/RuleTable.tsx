import { useState } from 'react';
import { Alert, Button, Dialog, Empty, PrimaryTable, Switch, Tag, type PrimaryTableCol } from 'tdesign-react';
import { errorText } from '../../api';
import { deleteRule, getRules, updateRule, type ForwardRule, type RuleKind } from '../../api/forward';
import { notifySuccess } from '../../components/notify';
import { labelOf } from '../../components/labels';
import { useRequest } from '../../hooks/useRequest';
import { useSubmit } from '../../hooks/useSubmit';
import { formatUnix } from '../../utils/time';
import { pageOffset, tablePagination, type TablePage } from '../../utils/tablePage';
import ConfirmAction from '../weapp/ConfirmAction';
import DeliveryDrawer from './DeliveryDrawer';
import { MODE_LABEL } from './labels';
import RuleDetail from './RuleDetail';
import RuleDialog from './RuleDialog';
import { targetText, typeText } from './ruleForm';
import TestDrawer from './TestDrawer';

/** Rules per page (the server allows up to 100). */
export const RULE_PAGE = 20;

/** Props of RuleTable. */
export interface RuleTableProps {
  kind: RuleKind;
}

/** What the table's actions open: one thing at a time. */
type Opened = { what: 'add' } | { what: 'edit' | 'test' | 'log' | 'toggle'; rule: ForwardRule } | undefined;

function Stats({ rule }: { rule: ForwardRule }) {
  const s = rule.stats ?? { pending: 0, delivered: 0, dead: 0 };
  return (
    <div className="forward-stats" data-testid={`rule-stats-${rule.id}`}>
      <Tag theme="warning" variant="light" title="待投递">待投递 {s.pending}</Tag>
      <Tag theme="success" variant="light" title="已投递">已投递 {s.delivered}</Tag>
      <Tag theme={s.dead > 0 ? 'danger' : 'default'} variant="light" title="死信">死信 {s.dead}</Tag>
    </div>
  );
}

/** Turns a rule on or off once the operator confirmed it. */
function ToggleDialog({ rule, onClose, onDone }: { rule?: ForwardRule; onClose: () => void; onDone: () => void }) {
  const { busy, error, submit, clearError } = useSubmit();
  const [shownId, setShownId] = useState<number>();
  if (rule?.id !== shownId) {
    setShownId(rule?.id);
    clearError();
  }
  const turnOn = rule?.open === 0;
  const confirm = async () => {
    if (!rule) return;
    const { id, name, infoType, msgType, event, data } = rule;
    const ok = await submit(() => updateRule({ id, name, infoType, msgType, event, data, open: turnOn ? 1 : 0 }));
    if (ok) {
      notifySuccess(turnOn ? '规则已开启' : '规则已关闭');
      onClose();
      onDone();
    }
  };
  return (
    <Dialog
      header={turnOn ? '开启规则' : '关闭规则'}
      visible={!!rule}
      onClose={onClose}
      onConfirm={() => void confirm()}
      confirmBtn={{ content: '确定', loading: busy, tag: 'button' }}
      destroyOnClose
    >
      <div data-testid="rule-toggle-dialog">
        {turnOn
          ? `开启后，匹配「${rule ? typeText(rule) : ''}」的推送将转发到 ${rule ? targetText(rule) : ''}。`
          : '关闭后，匹配的推送不再转发；已在队列中的投递会继续完成。'}
        {error && <Alert theme="error" message={error} style={{ marginTop: 12 }} />}
      </div>
    </Dialog>
  );
}

function columns(kind: RuleKind, open: (o: Opened) => void, reload: () => void, toggleExpand: (id: number) => void): PrimaryTableCol<ForwardRule>[] {
  const typeCol: PrimaryTableCol<ForwardRule> =
    kind === 1
      ? { colKey: 'infoType', title: 'InfoType', width: 140, ellipsis: true }
      : {
          colKey: 'msgType',
          title: 'MsgType / Event',
          width: 140,
          cell: ({ row }) => (
            <div>
              <div>{row.msgType}</div>
              <div className="muted">{row.event || '（无 Event）'}</div>
            </div>
          ),
        };
  return [
    {
      colKey: 'name',
      title: '规则名称',
      width: 140,
      ellipsis: true,
      cell: ({ row }) => (
        <Button variant="text" theme="primary" onClick={() => toggleExpand(row.id)} data-testid={`rule-name-${row.id}`}>
          {row.name}
        </Button>
      ),
    },
    typeCol,
    { colKey: 'target', title: '目标', ellipsis: true, cell: ({ row }) => <span data-testid={`rule-target-${row.id}`}>{targetText(row)}</span> },
    { colKey: 'mode', title: '模式', width: 120, cell: ({ row }) => labelOf(MODE_LABEL, row.data?.mode ?? 'sync') },
    {
      colKey: 'open',
      title: '开启状态',
      width: 90,
      cell: ({ row }) => (
        <Switch value={row.open !== 0} onChange={() => open({ what: 'toggle', rule: row })} data-testid={`rule-open-${row.id}`} />
      ),
    },
    { colKey: 'updateTime', title: '最新修改时间', width: 160, cell: ({ row }) => formatUnix(row.updateTime) },
    { colKey: 'stats', title: '投递统计', width: 100, cell: ({ row }) => <Stats rule={row} /> },
    {
      colKey: 'op',
      title: '操作',
      width: 170,
      cell: ({ row }) => (
        <div className="forward-ops">
          <Button variant="text" theme="primary" onClick={() => open({ what: 'edit', rule: row })} data-testid={`rule-edit-${row.id}`}>
            编辑
          </Button>
          <Button variant="text" theme="primary" onClick={() => open({ what: 'test', rule: row })} data-testid={`rule-test-${row.id}`}>
            测试
          </Button>
          <Button variant="text" theme="primary" onClick={() => open({ what: 'log', rule: row })} data-testid={`rule-log-${row.id}`}>
            投递记录
          </Button>
          <ConfirmAction
            text="删除"
            header="删除规则"
            content={`删除规则「${row.name}」后，匹配的推送不再转发，投递记录一并删除。`}
            onConfirm={() => deleteRule(row.id)}
            onDone={() => {
              notifySuccess('规则已删除');
              reload();
            }}
            variant="text"
            danger
            testId={`rule-delete-${row.id}`}
          />
        </div>
      ),
    },
  ];
}

/** One tab of 消息转发器: the rules of one kind with their actions. */
export default function RuleTable({ kind }: RuleTableProps) {
  const [page, setPage] = useState<TablePage>({ current: 1, pageSize: RULE_PAGE });
  const list = useRequest(() => getRules(kind, pageOffset(page), page.pageSize), [kind, page]);
  const [opened, setOpened] = useState<Opened>();
  const [expanded, setExpanded] = useState<(string | number)[]>([]);
  const close = () => setOpened(undefined);
  const rules = list.data?.rules ?? [];
  const ruleOf = (w: 'edit' | 'test' | 'log' | 'toggle') => (opened && opened.what === w ? opened.rule : undefined);
  // The drawers show the rule as listed now, so counters and key hint stay fresh after a reload.
  const fresh = (r?: ForwardRule) => (r ? (rules.find((x) => x.id === r.id) ?? r) : undefined);
  const toggleExpand = (id: number) => setExpanded((keys) => (keys.includes(id) ? keys.filter((k) => k !== id) : [...keys, id]));

  return (
    <div data-testid={`rules-${kind === 1 ? 'component' : 'biz'}`} className="forward-tab">
      <div className="forward-toolbar">
        <span className="muted">
          {kind === 1
            ? '授权事件（component_verify_ticket 以外的 InfoType）按 InfoType 完全匹配后转发到业务服务。'
            : '授权帐号的消息与事件按 MsgType + Event 完全匹配后转发到业务服务。'}
        </span>
        <Button theme="primary" onClick={() => setOpened({ what: 'add' })} data-testid="rule-add">
          添加规则
        </Button>
      </div>
      {list.error ? <Alert theme="error" message={errorText(list.error)} style={{ marginBottom: 12 }} /> : null}
      <PrimaryTable
        rowKey="id"
        data={rules}
        columns={columns(kind, setOpened, list.reload, toggleExpand)}
        loading={list.loading}
        empty={<Empty title="还没有转发规则" description="点击「添加规则」把匹配的推送转发到业务服务。" />}
        expandedRow={({ row }) => <RuleDetail rule={row} onChanged={list.reload} />}
        expandedRowKeys={expanded}
        onExpandChange={(keys) => setExpanded(keys)}
        tableLayout="fixed"
        verticalAlign="middle"
        hover
        pagination={tablePagination(page, setPage, list.data?.total ?? 0, [20, 50, 100])}
      />
      <RuleDialog
        kind={kind}
        rule={ruleOf('edit')}
        visible={opened?.what === 'add' || opened?.what === 'edit'}
        onClose={close}
        onSaved={list.reload}
      />
      <TestDrawer rule={fresh(ruleOf('test'))} onClose={close} />
      <DeliveryDrawer rule={fresh(ruleOf('log'))} onClose={close} onChanged={list.reload} />
      <ToggleDialog rule={ruleOf('toggle')} onClose={close} onDone={list.reload} />
    </div>
  );
}
