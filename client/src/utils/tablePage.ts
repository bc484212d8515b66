import type { Dispatch, SetStateAction } from 'react';
import type { PaginationProps } from 'tdesign-react';

/** The page an offset-paged table shows, from 1. */
export interface TablePage {
  current: number;
  pageSize: number;
}

/** The offset of a TablePage's first row, for the list APIs' offset/limit. */
export const pageOffset = (p: TablePage) => (p.current - 1) * p.pageSize;

/**
 * A Table's pagination prop for page state kept by the caller: a change of page size goes back
 * to page 1, since the old page number would point somewhere else in the list.
 */
export function tablePagination(page: TablePage, setPage: Dispatch<SetStateAction<TablePage>>, total: number, pageSizeOptions: number[]): PaginationProps {
  return {
    current: page.current,
    pageSize: page.pageSize,
    total,
    pageSizeOptions,
    onChange: ({ current, pageSize }) => setPage((p) => ({ current: pageSize !== p.pageSize ? 1 : current, pageSize })),
  };
}
