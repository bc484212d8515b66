import { useState } from 'react';
import { Alert, BaseTable, Empty } from 'tdesign-react';
import { Link as RouterLink } from 'react-router-dom';
import { errorText, getAuthorizers, type Authorizer } from '../../api';
import { useRequest } from '../../hooks/useRequest';
import { tablePagination, type TablePage } from '../../utils/tablePage';
import { accountColumns } from './AuthorizerColumns';
import { DetailDialog, TokenDialog } from './AuthorizerDialogs';
import AuthorizerFilters from './AuthorizerFilters';
import { INITIAL_FILTERS, isFiltered, PAGE_SIZE, toQuery, type AuthorizerFilterValues } from './filters';
import { useAuthorizerActions } from './useAuthorizerActions';

/** What an empty table says: nothing matches, or nothing authorized yet. */
function EmptyState({ filtered }: { filtered: boolean }) {
  if (filtered) return <Empty title="没有符合条件的帐号" description="请调整筛选条件后重试。" />;
  return (
    <Empty
      title="暂无已授权的帐号"
      description={
        <span>
          在 <RouterLink to="/authPageManage">授权链接生成器</RouterLink> 中生成链接发给商家，或点击「同步授权帐号」从微信拉取已有的授权。
        </span>
      }
    />
  );
}

/** The 普通授权帐号 tab of 授权帐号管理: filters, the paged table and the per-account actions. */
export default function AuthorizerTable({ reloadKey = 0 }: { reloadKey?: number }) {
  const [filters, setFilters] = useState<AuthorizerFilterValues>(INITIAL_FILTERS);
  const [page, setPage] = useState<TablePage>({ current: 1, pageSize: PAGE_SIZE });
  const [detail, setDetail] = useState<Authorizer>();
  const list = useRequest(() => getAuthorizers(toQuery(filters, page)), [filters, page, reloadKey]);
  const actions = useAuthorizerActions(list.reload);

  const apply = (patch: Partial<AuthorizerFilterValues>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage((p) => ({ ...p, current: 1 }));
  };
  const reset = () => {
    setFilters(INITIAL_FILTERS);
    setPage((p) => ({ ...p, current: 1 }));
  };

  return (
    <div data-testid="accounts-normal" style={{ paddingTop: 16 }}>
      <AuthorizerFilters filters={filters} onApply={apply} onReset={reset} />
      {list.error ? <Alert theme="error" message={errorText(list.error)} style={{ marginBottom: 12 }} /> : null}
      <BaseTable
        rowKey="id"
        data={list.data?.records ?? []}
        columns={accountColumns(actions, setDetail)}
        loading={list.loading}
        empty={<EmptyState filtered={isFiltered(filters)} />}
        hover
        tableLayout="fixed"
        verticalAlign="middle"
        pagination={tablePagination(page, setPage, list.data?.total ?? 0, [15, 30, 50, 100])}
      />
      <TokenDialog account={actions.token?.account} token={actions.token?.token} onClose={actions.closeToken} />
      <DetailDialog account={detail} onClose={() => setDetail(undefined)} />
    </div>
  );
}
