import { useState } from 'react';
import { Alert, BaseTable, Button, Dialog, Empty, Input, Space, Tag, type BaseTableCol } from 'tdesign-react';
import { Link as RouterLink } from 'react-router-dom';
import { changeVisitStatus, errorText, getDevWeapps, getReleaseQrCode, type DevWeapp } from '../../api';
import { notifySuccess } from '../../components/notify';
import { useRequest } from '../../hooks/useRequest';
import { formatUnix } from '../../utils/time';
import { pageOffset, tablePagination, type TablePage } from '../../utils/tablePage';
import ConfirmAction from './ConfirmAction';
import { jpegSrc } from './labels';
import { WEAPP_PATHS, weappLink } from './useAppid';
import './weapp.css';

/** Rows per page; the contract caps dev-weapp-list at 20. */
const PAGE_SIZE = 15;

type Col = BaseTableCol<DevWeapp>;

/** One version line of the 版本状态 cell. */
function VersionLine({ label, version, time, testId }: { label: string; version?: string; time?: number; testId: string }) {
  return (
    <div className="weapp-version-line" data-testid={testId}>
      <span className="muted">{label}</span>
      {version ? (
        <span>
          <span className="mono">{version}</span> <span className="muted">{formatUnix(time)}</span>
        </span>
      ) : (
        <span className="muted">无</span>
      )}
    </div>
  );
}

/** 服务状态: serving, paused, or not read from WeChat yet. */
export function ServiceStatusTag({ status }: { status?: number }) {
  if (status === undefined || status === null) return <Tag variant="light">未知</Tag>;
  return status === 0 ? <Tag theme="warning" variant="light">已暂停服务</Tag> : <Tag theme="success" variant="light">正常</Tag>;
}

function columns(onQr: (w: DevWeapp) => void, onChanged: () => void): Col[] {
  return [
    { colKey: 'appid', title: 'AppID', width: 180, cell: ({ row }) => <span className="mono nowrap" data-testid={`weapp-row-${row.appid}`}>{row.appid}</span> },
    { colKey: 'nickName', title: '名称', width: 180, ellipsis: true, cell: ({ row }) => <span data-testid={`account-name-${row.appid}`}>{row.nickName || <span className="muted">（未获取到名称）</span>}</span> },
    {
      colKey: 'versions',
      title: '版本状态',
      width: 300,
      cell: ({ row }) => (
        <div>
          <VersionLine label="线上版本" version={row.releaseInfo?.releaseVersion} time={row.releaseInfo?.releaseTime} testId={`weapp-release-${row.appid}`} />
          <VersionLine label="体验版本" version={row.expInfo?.expVersion} time={row.expInfo?.expTime} testId={`weapp-exp-${row.appid}`} />
        </div>
      ),
    },
    { colKey: 'serviceStatus', title: '服务状态', width: 110, cell: ({ row }) => <ServiceStatusTag status={row.serviceStatus} /> },
    { colKey: 'refreshedAt', title: '状态更新于', width: 165, cell: ({ row }) => (row.refreshedAt ? formatUnix(row.refreshedAt) : <span className="muted">尚未查询</span>) },
    {
      colKey: 'op',
      title: '操作',
      width: 260,
      fixed: 'right',
      cell: ({ row }) => (
        <Space size={4}>
          <RouterLink className="weapp-link" to={weappLink(WEAPP_PATHS.versions, row.appid)} data-testid={`weapp-versions-${row.appid}`}>
            版本管理
          </RouterLink>
          {row.releaseInfo && (
            <Button variant="text" theme="primary" size="small" onClick={() => onQr(row)} data-testid={`weapp-qr-${row.appid}`}>
              小程序码
            </Button>
          )}
          {row.serviceStatus === 0 && (
            <ConfirmAction
              text="恢复服务"
              variant="text"
              content={`恢复后「${row.nickName || row.appid}」的线上版本将重新对用户开放。确定恢复服务？`}
              onConfirm={() => changeVisitStatus(row.appid, 'open')}
              onDone={() => {
                notifySuccess('已恢复服务');
                onChanged();
              }}
              testId={`weapp-resume-${row.appid}`}
            />
          )}
        </Space>
      ),
    },
  ];
}

/** The release QR code of one mini program, fetched when the dialog opens. */
function QrDialog({ weapp, onClose }: { weapp?: DevWeapp; onClose: () => void }) {
  const qr = useRequest(() => (weapp ? getReleaseQrCode(weapp.appid) : Promise.resolve(undefined)), [weapp?.appid]);
  return (
    <Dialog header={`小程序码 · ${weapp?.nickName || weapp?.appid || ''}`} visible={!!weapp} onClose={onClose} footer={false} width={360}>
      {qr.error ? <Alert theme="error" message={errorText(qr.error)} /> : null}
      {qr.data?.releaseQrCode && !qr.loading ? (
        <img className="weapp-qr" src={jpegSrc(qr.data.releaseQrCode)} alt="小程序码" data-testid="weapp-release-qr" />
      ) : !qr.error ? (
        <p className="muted">正在获取…</p>
      ) : null}
    </Dialog>
  );
}

/** The 代开发小程序 tab: mini programs with permission set 18, their versions and service state. */
export default function DevWeappTable({ reloadKey = 0 }: { reloadKey?: number }) {
  const [typed, setTyped] = useState('');
  const [appid, setAppid] = useState('');
  const [page, setPage] = useState<TablePage>({ current: 1, pageSize: PAGE_SIZE });
  const [qrOf, setQrOf] = useState<DevWeapp>();
  const list = useRequest(
    () => getDevWeapps({ offset: pageOffset(page), limit: page.pageSize, appid }),
    [appid, page, reloadKey],
  );
  const search = (v: string) => {
    setAppid(v.trim());
    setPage((p) => ({ ...p, current: 1 }));
  };

  return (
    <div data-testid="accounts-dev" style={{ paddingTop: 16 }}>
      <Alert
        theme="info"
        style={{ marginBottom: 12 }}
        message="这里列出授权了「开发管理与数据分析」权限集（18）的小程序。版本状态来自上次查询微信的结果，在「版本管理」中可刷新。"
      />
      <Space style={{ marginBottom: 12 }}>
        <Input
          value={typed}
          onChange={(v) => setTyped(String(v))}
          onEnter={(v) => search(String(v))}
          placeholder="AppID（精确匹配）"
          clearable
          onClear={() => search('')}
          style={{ width: 240 }}
          data-testid="weapp-search"
        />
        <Button onClick={() => search(typed)}>查询</Button>
      </Space>
      {list.error ? <Alert theme="error" message={errorText(list.error)} style={{ marginBottom: 12 }} /> : null}
      <BaseTable
        rowKey="appid"
        data={list.data?.records ?? []}
        columns={columns(setQrOf, list.reload)}
        loading={list.loading}
        empty={
          appid ? (
            <Empty title="没有符合条件的小程序" description="请检查 AppID 后重试。" />
          ) : (
            <Empty title="暂无代开发小程序" description="授权了「开发管理与数据分析」权限集（18）的小程序会出现在这里。" />
          )
        }
        hover
        tableLayout="fixed"
        verticalAlign="middle"
        pagination={tablePagination(page, setPage, list.data?.total ?? 0, [10, 15, 20])}
      />
      <QrDialog weapp={qrOf} onClose={() => setQrOf(undefined)} />
    </div>
  );
}
