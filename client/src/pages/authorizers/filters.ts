import type { AuthorizerQuery, AuthorizerStatus } from '../../api';
import { pageOffset, type TablePage } from '../../utils/tablePage';

/** Rows per page, as in the original console. */
export const PAGE_SIZE = 15;

/** The filters of one account table, as applied (not as being typed). */
export interface AuthorizerFilterValues {
  appid: string;
  name: string;
  appType: '' | '0' | '1';
  status: '' | AuthorizerStatus;
}

/** What a table shows before the user filters: authorized accounts of every type. */
export const INITIAL_FILTERS: AuthorizerFilterValues = { appid: '', name: '', appType: '', status: 'authorized' };

/** The query one page of the table sends. */
export function toQuery(f: AuthorizerFilterValues, page: TablePage): AuthorizerQuery {
  const base = { offset: pageOffset(page), limit: page.pageSize, appid: f.appid, name: f.name };
  return { ...base, appType: f.appType === '' ? '' : Number(f.appType), status: f.status };
}

/** Whether the filters differ from the initial ones (an empty table then means "no match"). */
export function isFiltered(f: AuthorizerFilterValues): boolean {
  return !!(f.appid || f.name || f.appType || f.status !== 'authorized');
}
