// Cursor paging of the message viewer: the server hands out the cursor of the next page; the
// console keeps the cursors of the pages it has shown so 上一页 can go back.

/** Where the viewer is: cursors[i] fetches page i + 1 ('' is the first page). */
export interface Paging {
  cursors: string[];
  pageSize: number;
}

/** The first page at the given size. */
export const firstPage = (pageSize: number): Paging => ({ cursors: [''], pageSize });

/** The page number shown, from 1. */
export const pageNumber = (p: Paging) => p.cursors.length;

/** The cursor that fetches the current page. */
export const currentCursor = (p: Paging) => p.cursors[p.cursors.length - 1];

/** The next page, reached with the nextCursor of the current one; unchanged at the end. */
export function nextPage(p: Paging, nextCursor: string | undefined): Paging {
  return nextCursor ? { ...p, cursors: [...p.cursors, nextCursor] } : p;
}

/** The previous page; unchanged on the first. */
export function prevPage(p: Paging): Paging {
  return p.cursors.length > 1 ? { ...p, cursors: p.cursors.slice(0, -1) } : p;
}

/** "共 N 条", or "约 N 条" when the server only estimated the total. */
export function totalText(total: number, exact: boolean | undefined): string {
  const n = total.toLocaleString('zh-CN');
  return exact === false ? `约 ${n} 条` : `共 ${n} 条`;
}

/** Bytes in words: "12.3 MB". */
export function sizeText(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(1)} ${units[u]}`;
}
