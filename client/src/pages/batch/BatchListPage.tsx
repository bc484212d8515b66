import { useState } from 'react';
import { Alert, BaseTable, Button, Card, Empty, Progress, Tag, type BaseTableCol } from 'tdesign-react';
import { useNavigate } from 'react-router-dom';
import { errorText } from '../../api';
import { getBatches, type BatchSummary } from '../../api/batch';
import { useRequest } from '../../hooks/useRequest';
import { formatTimeValue } from '../../utils/time';
import { pageOffset, tablePagination, type TablePage } from '../../utils/tablePage';
import { BATCH_STATE, countsInWords, countOf, stateLabel, totalOf } from './labels';
import { DETAIL_PATH, NEW_PATH } from './paths';
import './batch.css';

const PAGE_SIZE = 20;

function columns(open: (b: BatchSummary) => void): BaseTableCol<BatchSummary>[] {
  return [
    { colKey: 'id', title: 'ID', width: 70 },
    {
      colKey: 'name',
      title: '名称',
      ellipsis: true,
      cell: ({ row }) => (
        <Button variant="text" theme="primary" onClick={() => open(row)} data-testid={`batch-open-${row.id}`}>
          {row.name || `批量发布 #${row.id}`}
        </Button>
      ),
    },
    { colKey: 'templateId', title: '模板', width: 160, cell: ({ row }) => `#${row.templateId} · ${row.userVersion || '-'}` },
    {
      colKey: 'state',
      title: '状态',
      width: 170,
      cell: ({ row }) => {
        const l = stateLabel(BATCH_STATE, row.state);
        return <Tag theme={l.theme} variant="light">{l.text}</Tag>;
      },
    },
    {
      colKey: 'counts',
      title: '进度',
      width: 260,
      cell: ({ row }) => {
        const total = totalOf(row.counts);
        const done = countOf(row.counts, ['done']);
        return (
          <div>
            <Progress percentage={total ? Math.round((done / total) * 100) : 0} label={`${done}/${total}`} size="small" />
            <div className="batch-muted">{countsInWords(row.counts) || '暂无帐号'}</div>
          </div>
        );
      },
    },
    { colKey: 'createdAt', title: '创建时间', width: 180, cell: ({ row }) => formatTimeValue(row.createdAt) },
  ];
}

/** 批量发布: the batches, newest first, each opening its detail. */
export default function BatchListPage() {
  const navigate = useNavigate();
  const [page, setPage] = useState<TablePage>({ current: 1, pageSize: PAGE_SIZE });
  const list = useRequest(() => getBatches({ offset: pageOffset(page), limit: page.pageSize }), [page]);
  const open = (b: BatchSummary) => navigate(`${DETAIL_PATH}?id=${b.id}`);

  return (
    <div data-testid="batch-list">
      <Card bordered={false}>
        <div className="batch-toolbar">
          <span className="batch-muted">把一个代码模板提交到多个商家小程序：上传代码、提交审核、审核通过后发布，可先灰度再全量。</span>
          <Button theme="primary" onClick={() => navigate(NEW_PATH)}>
            新建批量发布
          </Button>
        </div>
        {list.error ? <Alert theme="error" message={errorText(list.error)} style={{ marginBottom: 12 }} /> : null}
        <BaseTable
          rowKey="id"
          data={list.data?.records ?? []}
          columns={columns(open)}
          loading={list.loading}
          empty={<Empty title="还没有批量发布" description="点击「新建批量发布」选择模板和帐号。" />}
          hover
          tableLayout="fixed"
          verticalAlign="middle"
          pagination={tablePagination(page, setPage, list.data?.total ?? 0, [20, 50, 100])}
        />
      </Card>
    </div>
  );
}
