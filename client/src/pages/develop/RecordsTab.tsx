import { useState } from 'react';
import { Alert, BaseTable, Button, DateRangePicker, Input, type BaseTableCol } from 'tdesign-react';
import { errorText, type Page, type RecordQuery } from '../../api';
import { useRequest } from '../../hooks/useRequest';
import { dayEnd, dayStart } from '../../utils/time';

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
  load: (q: RecordQuery, filters: Filters) => Promise<Page<R>>;
  testId: string;
}

/** Turns the picked day range into whole-day unix-second bounds (end = 23:59:59 of the last day). */
export function rangeToTimes(range: string[]): { startTime?: number; endTime?: number } {
  if (range.length !== 2 || !range[0] || !range[1]) return {};
  return { startTime: dayStart(range[0]), endTime: dayEnd(range[1]) };
}

/**
 * One tab of the message viewer. Each instance owns its filters and page, so
 * switching tabs never mixes their state; a query is built only from the
 * filters applied with 查询 and the page shown.
 */
export default function RecordsTab<R extends object>({ fields, columns, load, testId }: RecordsTabProps<R>) {
  const [draft, setDraft] = useState<Filters>({});
  const [draftRange, setDraftRange] = useState<string[]>([]);
  const [applied, setApplied] = useState<Applied>({ filters: {}, range: [] });
  const [page, setPage] = useState({ current: 1, pageSize: PAGE_SIZE });

  const result = useRequest(
    () =>
      load(
        { ...rangeToTimes(applied.range), offset: (page.current - 1) * page.pageSize, limit: page.pageSize },
        applied.filters,
      ),
    [applied, page],
  );

  const search = () => {
    const filters = Object.fromEntries(Object.entries(draft).map(([k, v]) => [k, v.trim()]));
    setApplied({ filters, range: draftRange });
    setPage((p) => ({ ...p, current: 1 }));
  };
  const reset = () => {
    setDraft({});
    setDraftRange([]);
    setApplied({ filters: {}, range: [] });
    setPage((p) => ({ ...p, current: 1 }));
  };

  const offset = (page.current - 1) * page.pageSize;
  const rows = (result.data?.records ?? []).map((r, i) => ({ ...r, rowKey: String(offset + i) }));

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
      <BaseTable
        rowKey="rowKey"
        data={rows}
        columns={columns}
        loading={result.loading}
        empty="暂无数据"
        hover
        pagination={{
          current: page.current,
          pageSize: page.pageSize,
          total: result.data?.total ?? 0,
          pageSizeOptions: [15, 30, 50],
          onChange: ({ current, pageSize }) =>
            setPage((p) => ({ current: pageSize !== p.pageSize ? 1 : current, pageSize })),
        }}
      />
    </div>
  );
}
