import { useState } from 'react';
import { Alert, BaseTable, Card, Empty, Space, Tabs, Tag, type BaseTableCol } from 'tdesign-react';
import { addToTemplate, deleteTemplate, errorText, getTemplateDrafts, getTemplates, type Template, type TemplateDraft } from '../../api';
import { notifySuccess } from '../../components/notify';
import { useRequest } from '../../hooks/useRequest';
import { formatUnix } from '../../utils/time';
import ConfirmAction from './ConfirmAction';
import './weapp.css';

/** audit_status of a standard template. */
const STANDARD_AUDIT: Record<number, string> = { 0: '未提审', 1: '审核中', 2: '审核驳回', 3: '审核通过', 4: '提审中', 5: '提审失败' };

const source = (r: { sourceMiniprogram: string; sourceMiniprogramAppid: string }) =>
  r.sourceMiniprogram || r.sourceMiniprogramAppid ? (
    <span>
      {r.sourceMiniprogram || '-'} <span className="muted mono">{r.sourceMiniprogramAppid}</span>
    </span>
  ) : (
    '-'
  );

function templateColumns(reload: () => void): BaseTableCol<Template>[] {
  return [
    { colKey: 'templateId', title: '模板 ID', width: 100, cell: ({ row }) => <span className="mono" data-testid={`template-${row.templateId}`}>{row.templateId}</span> },
    { colKey: 'userVersion', title: '版本号', width: 110, cell: ({ row }) => row.userVersion || '-' },
    { colKey: 'userDesc', title: '描述', ellipsis: true, cell: ({ row }) => row.userDesc || '-' },
    {
      colKey: 'templateType',
      title: '类型',
      width: 170,
      cell: ({ row }) =>
        row.templateType === 1 ? (
          <Space size={4}>
            <Tag theme="primary" variant="light">标准模板</Tag>
            <span className="muted">{STANDARD_AUDIT[row.auditStatus ?? 0] ?? row.auditStatus}</span>
          </Space>
        ) : (
          <Tag variant="light">普通模板</Tag>
        ),
    },
    { colKey: 'source', title: '来源小程序', width: 240, cell: ({ row }) => source(row) },
    { colKey: 'createTime', title: '添加时间', width: 165, cell: ({ row }) => formatUnix(row.createTime) },
    {
      colKey: 'op',
      title: '操作',
      width: 100,
      cell: ({ row }) => (
        <ConfirmAction
          text="删除"
          variant="text"
          danger
          header="删除模板"
          content={`删除模板 ${row.templateId}（${row.userVersion}）后不能再用它提交代码，已提交的小程序不受影响。确定删除？`}
          onConfirm={() => deleteTemplate(row.templateId)}
          onDone={() => {
            notifySuccess('模板已删除');
            reload();
          }}
          testId={`template-delete-${row.templateId}`}
        />
      ),
    },
  ];
}

function draftColumns(onAdded: () => void): BaseTableCol<TemplateDraft>[] {
  const add = (row: TemplateDraft, type: 0 | 1) => (
    <ConfirmAction
      text={type === 0 ? '添加到模板库' : '添加为标准模板'}
      variant="text"
      content={
        type === 0
          ? `将草稿 ${row.draftId}（${row.userVersion}）添加为普通模板，之后可用它为代开发小程序提交代码。`
          : `将草稿 ${row.draftId}（${row.userVersion}）添加为标准模板。标准模板须经微信审核，通过后商家可直接选用。`
      }
      onConfirm={() => addToTemplate(row.draftId, type)}
      onDone={() => {
        notifySuccess('已添加到模板库');
        onAdded();
      }}
      testId={`draft-add-${type}-${row.draftId}`}
    />
  );
  return [
    { colKey: 'draftId', title: '草稿 ID', width: 100, cell: ({ row }) => <span className="mono" data-testid={`draft-${row.draftId}`}>{row.draftId}</span> },
    { colKey: 'userVersion', title: '版本号', width: 110, cell: ({ row }) => row.userVersion || '-' },
    { colKey: 'userDesc', title: '描述', ellipsis: true, cell: ({ row }) => row.userDesc || '-' },
    { colKey: 'source', title: '来源小程序', width: 240, cell: ({ row }) => source(row) },
    { colKey: 'createTime', title: '上传时间', width: 165, cell: ({ row }) => formatUnix(row.createTime) },
    { colKey: 'op', title: '操作', width: 260, cell: ({ row }) => <Space size={4}>{add(row, 0)}{add(row, 1)}</Space> },
  ];
}

/** 模板库: the platform's code templates and the draft box they are made from. */
export default function TemplatePage() {
  const [tab, setTab] = useState<'templates' | 'drafts'>('templates');
  const templates = useRequest(() => getTemplates(), []);
  const drafts = useRequest(() => getTemplateDrafts(), []);
  const added = () => {
    templates.reload();
    setTab('templates');
  };
  return (
    <div data-testid="template-library">
      <Card bordered={false}>
        <Alert
          theme="info"
          style={{ marginBottom: 12 }}
          message="开发者在微信开发者工具中上传的代码会进入草稿箱；添加到模板库后，才能用它为代开发小程序提交代码。模板库最多 200 个模板。"
        />
        <Tabs value={tab} onChange={(v) => setTab(v as 'templates' | 'drafts')}>
          <Tabs.TabPanel value="templates" label={`模板库${templates.data ? `（${templates.data.templateList?.length ?? 0}）` : ''}`}>
            <div style={{ paddingTop: 12 }}>
              {templates.error ? <Alert theme="error" message={errorText(templates.error)} style={{ marginBottom: 12 }} /> : null}
              <BaseTable
                rowKey="templateId"
                data={templates.data?.templateList ?? []}
                columns={templateColumns(templates.reload)}
                loading={templates.loading}
                empty={<Empty title="模板库为空" description="在「草稿箱」中把开发者上传的代码添加到模板库。" />}
                tableLayout="fixed"
                hover
              />
            </div>
          </Tabs.TabPanel>
          <Tabs.TabPanel value="drafts" label="草稿箱">
            <div style={{ paddingTop: 12 }}>
              {drafts.error ? <Alert theme="error" message={errorText(drafts.error)} style={{ marginBottom: 12 }} /> : null}
              <BaseTable
                rowKey="draftId"
                data={drafts.data?.draftList ?? []}
                columns={draftColumns(added)}
                loading={drafts.loading}
                empty={<Empty title="草稿箱为空" description="在微信开发者工具中以第三方平台身份上传代码后，草稿会出现在这里。" />}
                tableLayout="fixed"
                hover
              />
            </div>
          </Tabs.TabPanel>
        </Tabs>
      </Card>
    </div>
  );
}
