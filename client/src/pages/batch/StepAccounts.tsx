import { useMemo, useState } from 'react';
import { Alert, Button, Input, PrimaryTable, Radio, type PrimaryTableCol } from 'tdesign-react';
import { errorText, getAuthorizers, type Authorizer } from '../../api';
import { useRequest } from '../../hooks/useRequest';
import { parseVars } from './template';
import type { StepProps } from './wizard';

const PAGE_SIZE = 20;

const COLUMNS: PrimaryTableCol<Authorizer>[] = [
  { colKey: 'row-select', type: 'multiple', width: 48 },
  { colKey: 'nickName', title: '名称', ellipsis: true, cell: ({ row }) => row.nickName || '(未命名)' },
  { colKey: 'appid', title: 'AppID', width: 200, cell: ({ row }) => <span className="mono nowrap">{row.appid}</span> },
  { colKey: 'principalName', title: '主体', ellipsis: true },
];

/**
 * Step 3 选择帐号: the authorized mini programs with permission set 18 (code management),
 * filtered by name; pick some (kept across pages) or take all that match the filter.
 */
export default function StepAccounts({ form, onChange }: StepProps) {
  const [typed, setTyped] = useState(form.nameFilter);
  const [page, setPage] = useState(1);
  const list = useRequest(
    () => getAuthorizers({ offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE, appType: 0, funcInfo: 18, status: 'authorized', name: form.nameFilter }),
    [page, form.nameFilter],
  );
  const fromVars = useMemo(() => Object.keys(parseVars(form.variables).vars), [form.variables]);
  const all = form.selectMode === 'all';
  const total = list.data?.total ?? 0;

  const search = () => {
    onChange({ nameFilter: typed.trim() });
    setPage(1);
  };
  /** Sets the selection, remembering the names of the accounts on this page for the summary. */
  const select = (keys: (string | number)[]) => {
    const names = { ...form.nicknames };
    for (const a of list.data?.records ?? []) names[a.appid] = a.nickName;
    onChange({ appids: [...new Set(keys.map(String))], nicknames: names });
  };

  return (
    <div data-testid="step-accounts">
      <Radio.Group value={form.selectMode} onChange={(v) => onChange({ selectMode: v === 'all' ? 'all' : 'some' })} variant="default-filled">
        <Radio.Button value="some">选择帐号</Radio.Button>
        <Radio.Button value="all">全部</Radio.Button>
      </Radio.Group>
      <div className="batch-row" style={{ marginTop: 12 }}>
        <Input value={typed} onChange={(v) => setTyped(String(v))} onEnter={search} placeholder="名称（模糊匹配）" clearable style={{ width: 240 }} />
        <Button variant="outline" onClick={search}>
          查询
        </Button>
        {!all && fromVars.length ? (
          <Button variant="text" theme="primary" onClick={() => select([...form.appids, ...fromVars])}>
            选中变量中的 {fromVars.length} 个帐号
          </Button>
        ) : null}
        {!all && form.appids.length ? (
          <Button variant="text" onClick={() => onChange({ appids: [] })}>
            清空选择
          </Button>
        ) : null}
      </div>
      <Alert
        theme={all ? 'warning' : 'info'}
        style={{ marginBottom: 12 }}
        message={
          all
            ? `将发布到全部 ${total} 个${form.nameFilter ? `名称包含「${form.nameFilter}」的` : ''}有代码管理权限（权限集 18）的小程序；创建时按当时的帐号列表确定。`
            : `已选择 ${form.appids.length} 个帐号。这里列出已授权代码管理权限（权限集 18）的小程序。`
        }
      />
      {list.error ? <Alert theme="error" message={errorText(list.error)} style={{ marginBottom: 12 }} /> : null}
      <PrimaryTable
        rowKey="appid"
        data={list.data?.records ?? []}
        columns={all ? COLUMNS.slice(1) : COLUMNS}
        loading={list.loading}
        selectedRowKeys={form.appids}
        onSelectChange={select}
        reserveSelectedRowOnPaginate
        empty="没有符合条件的小程序"
        tableLayout="fixed"
        verticalAlign="middle"
        pagination={{ current: page, pageSize: PAGE_SIZE, total, showPageSize: false, onCurrentChange: (c) => setPage(c) }}
      />
    </div>
  );
}
