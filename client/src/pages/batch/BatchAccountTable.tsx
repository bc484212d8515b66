import { PrimaryTable, Tag, type PrimaryTableCol } from 'tdesign-react';
import type { BatchAccount } from '../../api/batch';
import { formatTimeValue } from '../../utils/time';
import { ACCOUNT_STATE, STEP_LABEL, stateLabel, waveText } from './labels';

/** The failure in words, with WeChat's rejection reason when there is one. */
function explain(a: BatchAccount): string {
  const parts = [a.error, a.reason ? `驳回原因：${a.reason}` : ''].filter(Boolean);
  return parts.join('；') || '-';
}

const COLUMNS: PrimaryTableCol<BatchAccount>[] = [
  { colKey: 'row-select', type: 'multiple', width: 48 },
  {
    colKey: 'appid',
    title: '名称 / AppID',
    width: 200,
    cell: ({ row }) => (
      <div>
        <div>{row.nickName || "-"}</div>
        <div className="mono nowrap batch-muted">{row.appid}</div>
      </div>
    ),
  },
  { colKey: 'wave', title: '批次', width: 64, cell: ({ row }) => waveText(row.wave) },
  { colKey: 'step', title: '当前步骤', width: 132, cell: ({ row }) => STEP_LABEL[row.step] ?? (row.step || '-') },
  {
    colKey: 'state',
    title: '状态',
    width: 124,
    cell: ({ row }) => {
      const l = stateLabel(ACCOUNT_STATE, row.state);
      return (
        <Tag theme={l.theme} variant="light" data-testid={`state-${row.appid}`}>
          {l.text}
        </Tag>
      );
    },
  },
  { colKey: 'auditId', title: '审核单号', width: 110, cell: ({ row }) => (row.auditId ? <span className="mono">{row.auditId}</span> : '-') },
  { colKey: 'error', title: '说明', cell: ({ row }) => <span className="batch-explain">{explain(row)}</span> },
  { colKey: 'updatedAt', title: '更新时间', width: 176, cell: ({ row }) => formatTimeValue(row.updatedAt) },
];

/** The accounts of a batch; rows can be selected for 重试 / 发布. */
export default function BatchAccountTable({
  accounts,
  loading,
  selected,
  onSelect,
}: {
  accounts: BatchAccount[];
  loading: boolean;
  selected: string[];
  onSelect: (appids: string[]) => void;
}) {
  return (
    <PrimaryTable
      rowKey="appid"
      data={accounts}
      columns={COLUMNS}
      loading={loading}
      selectedRowKeys={selected}
      onSelectChange={(keys) => onSelect(keys.map(String))}
      empty="没有符合条件的帐号"
      tableLayout="fixed"
      verticalAlign="middle"
      hover
      pagination={accounts.length > 50 ? { defaultPageSize: 50, pageSizeOptions: [50, 100, 200], total: accounts.length } : undefined}
    />
  );
}
