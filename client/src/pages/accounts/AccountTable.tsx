import { useState } from 'react';
import { Alert, BaseTable, Button, Dialog, Empty, Input, MessagePlugin, Popconfirm, Select, Tag, Tooltip, type BaseTableCol } from 'tdesign-react';
import { Link as RouterLink } from 'react-router-dom';
import {
  errorText,
  getAccounts,
  getAuthorizerToken,
  refreshAccount,
  type AccountQuery,
  type AccountStatus,
  type AuthorizerAccount,
  type TokenInfo,
} from '../../api';
import CopyButton, { copyText } from '../../components/CopyButton';
import KeyValue from '../../components/KeyValue';
import { notifyError, notifySuccess } from '../../components/notify';
import { useRequest } from '../../hooks/useRequest';
import { durationInWords, formatTimeValue, formatUnix } from '../../utils/time';
import { nowSeconds } from '../../api/session';
import { AccountAvatar, FuncInfoCell } from './AccountCells';
import {
  ACCOUNT_STATUS,
  APP_TYPE,
  DEV_WEAPP_FUNC,
  funcLabel,
  label,
  parseFuncInfo,
  REGISTER_TYPE,
  serviceLabel,
  verifyLabel,
} from './labels';

/** Rows per page, as in the original console. */
export const PAGE_SIZE = 15;

/** normal: every authorized account; dev: mini programs developed on their owners' behalf. */
export type AccountTableMode = 'normal' | 'dev';

interface Filters {
  appid: string;
  name: string;
  appType: '' | '0' | '1';
  status: '' | AccountStatus;
}

const INITIAL: Filters = { appid: '', name: '', appType: '', status: 'authorized' };

const STATUS_OPTIONS = [
  { label: '已授权', value: 'authorized' },
  { label: '已取消授权', value: 'revoked' },
  { label: '全部状态', value: '' },
];

const TYPE_OPTIONS = [
  { label: '全部类型', value: '' },
  { label: '公众号', value: '1' },
  { label: '小程序', value: '0' },
];

/** The query one page of the table sends. */
function toQuery(mode: AccountTableMode, f: Filters, page: { current: number; pageSize: number }): AccountQuery {
  const base = { offset: (page.current - 1) * page.pageSize, limit: page.pageSize, appid: f.appid, name: f.name };
  if (mode === 'dev') return { ...base, appType: 0, funcInfo: DEV_WEAPP_FUNC, status: 'authorized' };
  return { ...base, appType: f.appType === '' ? '' : Number(f.appType), status: f.status };
}

function StatusTag({ status }: { status: AccountStatus }) {
  return status === 'authorized' ? (
    <Tag theme="success" variant="light">已授权</Tag>
  ) : (
    <Tag theme="default" variant="light">已取消授权</Tag>
  );
}

function AccountStatusTag({ value }: { value: number }) {
  const theme = value === 1 ? 'success' : value === 18 ? 'warning' : value === 0 ? 'default' : 'danger';
  return value === 0 ? (
    <span className="muted">-</span>
  ) : (
    <Tag theme={theme} variant="light">{label(ACCOUNT_STATUS, value)}</Tag>
  );
}

/** The token dialog of 获取token. */
function TokenDialog({ account, token, onClose }: { account?: AuthorizerAccount; token?: TokenInfo; onClose: () => void }) {
  const remaining = token?.expiresAt ? token.expiresAt - nowSeconds() : undefined;
  return (
    <Dialog
      header={`authorizer_access_token · ${account?.nickName || account?.appid || ''}`}
      visible={!!token}
      onClose={onClose}
      footer={false}
      width={640}
      data-testid="account-token-dialog"
    >
      {token && (
        <div className="token-box">
          <KeyValue label="令牌" actions={<CopyButton text={token.token} testId="account-token-copy" />}>
            <span className="mono" data-testid="account-token-value">{token.token}</span>
          </KeyValue>
          <KeyValue label="过期时间">
            {formatUnix(token.expiresAt)}
            {remaining !== undefined && <span className="muted">（{remaining > 0 ? `剩余 ${durationInWords(remaining)}` : '已过期'}）</span>}
          </KeyValue>
        </div>
      )}
      <p className="muted" style={{ marginBottom: 0 }}>
        令牌由本服务统一缓存和刷新。业务系统请通过内部接口获取，不要自行刷新，否则其他地方正在使用的令牌会失效。
      </p>
    </Dialog>
  );
}

/** Everything the list knows about one account. */
function DetailDialog({ account, onClose }: { account?: AuthorizerAccount; onClose: () => void }) {
  const a = account;
  return (
    <Dialog header="帐号详情" visible={!!a} onClose={onClose} footer={false} width={680} placement="center" data-testid="account-detail-dialog">
      {a && (
        <div className="account-detail">
          <KeyValue label="名称">{a.nickName || '-'}</KeyValue>
          <KeyValue label="AppID"><span className="mono">{a.appid}</span></KeyValue>
          <KeyValue label="原始ID"><span className="mono">{a.userName || '-'}</span></KeyValue>
          <KeyValue label="帐号类型 / 服务类型">
            {label(APP_TYPE, a.appType)} / {serviceLabel(a.appType, a.serviceType)}
          </KeyValue>
          <KeyValue label="主体信息">{a.principalName || '-'}</KeyValue>
          <KeyValue label="业务标识 state">{a.authState ? <span className="mono">{a.authState}</span> : <span className="muted">无</span>}</KeyValue>
          <KeyValue label="授权状态"><StatusTag status={a.status} /></KeyValue>
          <KeyValue label="授权时间">{formatTimeValue(a.authTime)}</KeyValue>
          <KeyValue label="信息更新时间">{formatUnix(a.updateTime)}</KeyValue>
          <KeyValue label="已绑定手机号 / 邮箱">
            {a.basicConfig ? `${a.basicConfig.isPhoneConfigured ? '是' : '否'} / ${a.basicConfig.isEmailConfigured ? '是' : '否'}` : '-'}
          </KeyValue>
          <KeyValue label="refresh_token"><span className="mono">{a.refreshToken || '-'}</span></KeyValue>
          <KeyValue label="二维码">
            {a.qrcodeUrl ? (
              <a href={a.qrcodeUrl} target="_blank" rel="noreferrer noopener" referrerPolicy="no-referrer">
                打开二维码图片
              </a>
            ) : (
              '-'
            )}
          </KeyValue>
          <KeyValue label="授权权限集">
            <div className="func-tags">
              {parseFuncInfo(a.funcInfo).map((id) => (
                <Tag key={id} size="small" variant="light">{funcLabel(id)}</Tag>
              ))}
            </div>
          </KeyValue>
        </div>
      )}
    </Dialog>
  );
}

/** One tab of 授权帐号管理: filters, the paged table and the per-account actions. */
export default function AccountTable({ mode, reloadKey = 0 }: { mode: AccountTableMode; reloadKey?: number }) {
  const [draft, setDraft] = useState({ appid: '', name: '' });
  const [filters, setFilters] = useState<Filters>(INITIAL);
  const [page, setPage] = useState({ current: 1, pageSize: PAGE_SIZE });
  const [busy, setBusy] = useState('');
  const [token, setToken] = useState<{ account: AuthorizerAccount; token: TokenInfo }>();
  const [detail, setDetail] = useState<AuthorizerAccount>();
  const list = useRequest(() => getAccounts(toQuery(mode, filters, page)), [mode, filters, page, reloadKey]);

  const apply = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage((p) => ({ ...p, current: 1 }));
  };
  const search = () => apply({ appid: draft.appid.trim(), name: draft.name.trim() });
  const reset = () => {
    setDraft({ appid: '', name: '' });
    setFilters(INITIAL);
    setPage((p) => ({ ...p, current: 1 }));
  };

  /** Runs one row action with its button in the loading state. */
  const act = async (key: string, fn: () => Promise<void>) => {
    setBusy(key);
    try {
      await fn();
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy('');
    }
  };
  const fetchToken = (a: AuthorizerAccount) =>
    act(`${a.appid}:token`, async () => setToken({ account: a, token: await getAuthorizerToken(a.appid) }));
  const refresh = (a: AuthorizerAccount) =>
    act(`${a.appid}:refresh`, async () => {
      const fresh = await refreshAccount(a.appid);
      notifySuccess(`已从微信刷新「${fresh.nickName || a.appid}」的信息`);
      list.reload();
    });
  const copyRefreshToken = (a: AuthorizerAccount) =>
    act(`${a.appid}:rt`, async () => {
      const page1 = await getAccounts({ appid: a.appid, offset: 0, limit: 1, reveal: true });
      const rt = page1.records?.[0]?.refreshToken ?? '';
      if (!rt) {
        void MessagePlugin.warning('该帐号没有可用的 refresh_token，请让商家重新授权');
        return;
      }
      const ok = await copyText(rt);
      void (ok ? MessagePlugin.success('refresh_token 已复制，请妥善保管') : MessagePlugin.error('复制失败，请重试'));
    });

  const nameCol: BaseTableCol<AuthorizerAccount> = {
    colKey: 'nickName',
    title: '名称',
    width: 200,
    cell: ({ row }) => (
      <div className="account-name">
        <AccountAvatar src={row.headImg} name={row.nickName} />
        <span className="account-name-text" title={row.nickName} data-testid={`account-name-${row.appid}`}>
          {row.nickName || <span className="muted">（未获取到名称）</span>}
        </span>
      </div>
    ),
  };
  const appidCol: BaseTableCol<AuthorizerAccount> = {
    colKey: 'appid',
    title: 'AppID',
    width: 180,
    fixed: 'left',
    cell: ({ row }) => <span className="mono nowrap" data-testid={`account-row-${row.appid}`}>{row.appid}</span>,
  };
  const userNameCol: BaseTableCol<AuthorizerAccount> = {
    colKey: 'userName',
    title: '原始ID',
    width: 145,
    cell: ({ row }) => <span className="mono nowrap">{row.userName || '-'}</span>,
  };
  const authTimeCol: BaseTableCol<AuthorizerAccount> = {
    colKey: 'authTime',
    title: '授权时间',
    width: 165,
    cell: ({ row }) => formatTimeValue(row.authTime),
  };
  const principalCol: BaseTableCol<AuthorizerAccount> = {
    colKey: 'principalName',
    title: '主体信息',
    width: 180,
    ellipsis: true,
    cell: ({ row }) => row.principalName || '-',
  };
  const funcCol: BaseTableCol<AuthorizerAccount> = {
    colKey: 'funcInfo',
    title: '授权权限集',
    width: 280,
    cell: ({ row }) => <FuncInfoCell funcInfo={row.funcInfo} testId={`account-funcs-${row.appid}`} />,
  };

  const revokedHint = '该帐号已取消授权';
  const opButton = (a: AuthorizerAccount, key: string, text: string, onClick?: () => void, testId?: string) => {
    const revoked = a.status === 'revoked';
    const btn = (
      <Button
        variant="text"
        theme="primary"
        size="small"
        disabled={revoked}
        loading={busy === `${a.appid}:${key}`}
        onClick={onClick}
        data-testid={testId}
      >
        {text}
      </Button>
    );
    return revoked ? <Tooltip content={revokedHint}>{btn}</Tooltip> : btn;
  };

  const normalColumns: BaseTableCol<AuthorizerAccount>[] = [
    appidCol,
    userNameCol,
    nameCol,
    { colKey: 'appType', title: '帐号类型', width: 100, cell: ({ row }) => label(APP_TYPE, row.appType) },
    authTimeCol,
    principalCol,
    { colKey: 'registerType', title: '注册类型', width: 120, ellipsis: true, cell: ({ row }) => label(REGISTER_TYPE, row.registerType) },
    { colKey: 'accountStatus', title: '帐号状态', width: 100, cell: ({ row }) => <AccountStatusTag value={row.accountStatus} /> },
    { colKey: 'verifyInfo', title: '认证类型', width: 110, ellipsis: true, cell: ({ row }) => verifyLabel(row.appType, row.verifyInfo) },
    funcCol,
    {
      colKey: 'status',
      title: '授权状态',
      width: 100,
      cell: ({ row }) => (
        <span data-testid={`account-status-${row.appid}`}>
          <StatusTag status={row.status} />
        </span>
      ),
    },
    {
      colKey: 'op',
      title: '操作',
      width: 300,
      fixed: 'right',
      cell: ({ row }) => (
        <div className="account-ops">
          {row.status === 'revoked' ? (
            opButton(row, 'token', '获取token')
          ) : (
            <Popconfirm
              content="authorizer_access_token 可以直接调用该帐号的微信接口，请勿泄露。确定获取？"
              onConfirm={() => void fetchToken(row)}
            >
              {opButton(row, 'token', '获取token', undefined, `account-token-${row.appid}`)}
            </Popconfirm>
          )}
          {opButton(row, 'refresh', '刷新信息', () => void refresh(row), `account-refresh-${row.appid}`)}
          {opButton(row, 'rt', '复制refresh_token', () => void copyRefreshToken(row), `account-rt-${row.appid}`)}
          <Button variant="text" theme="primary" size="small" onClick={() => setDetail(row)} data-testid={`account-detail-${row.appid}`}>
            详情
          </Button>
        </div>
      ),
    },
  ];

  const devColumns: BaseTableCol<AuthorizerAccount>[] = [
    { ...appidCol, fixed: undefined },
    nameCol,
    userNameCol,
    authTimeCol,
    { ...principalCol, width: undefined },
    {
      colKey: 'op',
      title: '操作',
      width: 160,
      fixed: 'right',
      cell: () => (
        <Tooltip content="版本管理（提交代码、审核、发布）将在后续版本提供">
          <span>
            <Button variant="text" theme="primary" size="small" disabled>
              版本管理
            </Button>
          </span>
        </Tooltip>
      ),
    },
  ];

  const filtered = !!(filters.appid || filters.name || filters.appType || filters.status !== 'authorized');
  const empty =
    mode === 'dev' ? (
      <Empty title="暂无代开发小程序" description="授权了「开发管理与数据分析」权限集（18）的小程序会出现在这里。" />
    ) : filtered ? (
      <Empty title="没有符合条件的帐号" description="请调整筛选条件后重试。" />
    ) : (
      <Empty
        title="暂无已授权的帐号"
        description={
          <span>
            在 <RouterLink to="/authPageManage">授权链接生成器</RouterLink> 中生成链接发给商家，或点击「同步授权帐号」从微信拉取已有的授权。
          </span>
        }
      />
    );

  const rows = list.data?.records ?? [];
  return (
    <div data-testid={`accounts-${mode}`} style={{ paddingTop: 16 }}>
      <div className="filters">
        <Input
          style={{ width: 220 }}
          placeholder="AppID（精确匹配）"
          value={draft.appid}
          onChange={(v) => setDraft((d) => ({ ...d, appid: String(v) }))}
          onEnter={search}
          clearable
          data-testid={`account-filter-appid-${mode}`}
        />
        <Input
          style={{ width: 200 }}
          placeholder="名称（模糊匹配）"
          value={draft.name}
          onChange={(v) => setDraft((d) => ({ ...d, name: String(v) }))}
          onEnter={search}
          clearable
          data-testid={`account-filter-name-${mode}`}
        />
        {mode === 'normal' && (
          <>
            <div data-testid="account-filter-type">
              <Select
                style={{ width: 130 }}
                value={filters.appType}
                options={TYPE_OPTIONS}
                onChange={(v) => apply({ appType: String(v ?? '') as Filters['appType'] })}
              />
            </div>
            <div data-testid="account-filter-status">
              <Select
                style={{ width: 140 }}
                value={filters.status}
                options={STATUS_OPTIONS}
                onChange={(v) => apply({ status: String(v ?? '') as Filters['status'] })}
              />
            </div>
          </>
        )}
        <Button theme="primary" onClick={search} data-testid={`account-search-${mode}`}>
          查询
        </Button>
        <Button variant="outline" onClick={reset}>
          重置
        </Button>
      </div>
      {list.error ? <Alert theme="error" message={errorText(list.error)} style={{ marginBottom: 12 }} /> : null}
      <BaseTable
        rowKey="id"
        data={rows}
        columns={mode === 'dev' ? devColumns : normalColumns}
        loading={list.loading}
        empty={empty}
        hover
        tableLayout="fixed"
        verticalAlign="middle"
        pagination={{
          current: page.current,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          pageSizeOptions: [15, 30, 50, 100],
          onChange: ({ current, pageSize }) => setPage((p) => ({ current: pageSize !== p.pageSize ? 1 : current, pageSize })),
        }}
      />
      <TokenDialog account={token?.account} token={token?.token} onClose={() => setToken(undefined)} />
      <DetailDialog account={detail} onClose={() => setDetail(undefined)} />
    </div>
  );
}
