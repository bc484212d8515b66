import { useState } from 'react';
import { Alert, BaseTable, Button, DateRangePicker, Input, Select, type BaseTableCol } from 'tdesign-react';
import { errorText, type RecordPage, type RecordQuery } from '../../api';
import { useRequest } from '../../hooks/useRequest';
import { dayEnd, dayStart } from '../../utils/time';
import { currentCursor, firstPage, nextPage, pageNumber, prevPage, totalText } from './paging';

/** Records per page, as in the original console. */
export const PAGE_SIZE = 15;

/** A text filter of a record list. */
export interface FilterField {
  key: string;
  placeholder: string;
}

type Filters = Record<string, string>;

interface Applied {
  filters: Filters;
  range: string[];
}

/** Props of RecordsTab. */
export interface RecordsTabProps<R extends object> {
  fields: FilterField[];
  columns: BaseTableCol<R & { rowKey: string }>[];
  /** Fetches one page; filters hold only the applied, trimmed text filters. */
  load: (q: RecordQuery, filters: Filters) => Promise<RecordPage<R>>;
  testId: string;
}

/** Turns the picked day range into whole-day unix-second bounds (end = 23:59:59 of the last day,
 * so the last day is included; the original sent its midnight and lost the day). */
export function rangeToTimes(range: string[]): { startTime?: number; endTime?: number } {
  if (range.length !== 2 || !range[0] || !range[1]) return {};
  return { startTime: dayStart(range[0]), endTime: dayEnd(range[1]) };
}

/**
 * One tab of the message viewer. Each instance owns its filters and page, so switching tabs
 * never mixes their state; a query is built only from the filters applied with 查询 and the
 * page shown. Pages follow the server's cursor (cheap at any depth); 上一页 goes back through
 * the cursors already used.
 */
export default function RecordsTab<R extends object>({ fields, columns, load, testId }: RecordsTabProps<R>) {
  const [draft, setDraft] = useState<Filters>({});
  const [draftRange, setDraftRange] = useState<string[]>([]);
  const [applied, setApplied] = useState<Applied>({ filters: {}, range: [] });
  const [paging, setPaging] = useState(() => firstPage(PAGE_SIZE));

  const result = useRequest(() => {
    // The first page's cursor is '': undefined leaves it out of the query.
    return load({ ...rangeToTimes(applied.range), limit: paging.pageSize, cursor: currentCursor(paging) || undefined }, applied.filters);
  }, [applied, paging]);

  const search = () => {
    const filters = Object.fromEntries(Object.entries(draft).map(([k, v]) => [k, v.trim()]));
    setApplied({ filters, range: draftRange });
    setPaging((p) => firstPage(p.pageSize));
  };
  const reset = () => {
    setDraft({});
    setDraftRange([]);
    setApplied({ filters: {}, range: [] });
    setPaging((p) => firstPage(p.pageSize));
  };

  const data = result.data;
  const rows = (data?.records ?? []).map((r, i) => ({ ...r, rowKey: String((r as { id?: number }).id ?? i) }));
  const next = result.loading ? undefined : data?.nextCursor;

  return (
    <div data-testid={testId} style={{ paddingTop: 16 }}>
      <div className="filters">
        {fields.map((f) => (
          <Input
            key={f.key}
            style={{ width: 200 }}
            placeholder={f.placeholder}
            value={draft[f.key] ?? ''}
            onChange={(v) => setDraft((d) => ({ ...d, [f.key]: String(v) }))}
            onEnter={search}
            clearable
          />
        ))}
        <DateRangePicker
          value={draftRange}
          onChange={(v) => setDraftRange((v as string[]) ?? [])}
          placeholder={['开始日期', '结束日期']}
          valueType="YYYY-MM-DD"
          clearable
        />
        <Button theme="primary" onClick={search}>
          查询
        </Button>
        <Button variant="outline" onClick={reset}>
          重置
        </Button>
      </div>
      {result.error ? <Alert theme="error" message={errorText(result.error)} style={{ marginBottom: 12 }} /> : null}
      <BaseTable rowKey="rowKey" data={rows} columns={columns} loading={result.loading} empty="暂无数据" hover />
      <div className="records-pager" data-testid={`${testId}-pager`}>
        <span data-testid={`${testId}-total`}>{data ? totalText(data.total, data.totalExact) : ''}</span>
        <span>第 {pageNumber(paging)} 页</span>
        <Button variant="outline" size="small" data-testid={`${testId}-prev`} disabled={pageNumber(paging) === 1} onClick={() => setPaging(prevPage)}>
          上一页
        </Button>
        <Button variant="outline" size="small" data-testid={`${testId}-next`} disabled={!next} onClick={() => setPaging((p) => nextPage(p, next))}>
          下一页
        </Button>
        <Select
          size="small"
          style={{ width: 110 }}
          value={paging.pageSize}
          onChange={(v) => setPaging(firstPage(Number(v)))}
          options={[15, 30, 50].map((n) => ({ label: `${n} 条/页`, value: n }))}
        />
      </div>
    </div>
  );
}
