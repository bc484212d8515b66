import type { ReactNode } from 'react';
import { Button, Popconfirm, Tooltip, type BaseTableCol } from 'tdesign-react';
import type { Authorizer } from '../../api';
import { formatTimeValue } from '../../utils/time';
import { AuthorizerAvatar, AuthorizerStatusTag, FuncInfoCell, StatusTag } from './AuthorizerCells';
import { APP_TYPE, label, REGISTER_TYPE, verifyLabel } from './labels';
import type { AuthorizerAction, AuthorizerActions } from './useAuthorizerActions';

type Col = BaseTableCol<Authorizer>;

const nameCol: Col = {
  colKey: 'nickName',
  title: '名称',
  width: 200,
  cell: ({ row }) => (
    <div className="account-name">
      <AuthorizerAvatar src={row.headImg} name={row.nickName} />
      <span className="account-name-text" title={row.nickName} data-testid={`account-name-${row.appid}`}>
        {row.nickName || <span className="muted">（未获取到名称）</span>}
      </span>
    </div>
  ),
};
const appidCol: Col = {
  colKey: 'appid',
  title: 'AppID',
  width: 180,
  fixed: 'left',
  cell: ({ row }) => <span className="mono nowrap" data-testid={`account-row-${row.appid}`}>{row.appid}</span>,
};
const userNameCol: Col = {
  colKey: 'userName',
  title: '原始ID',
  width: 145,
  cell: ({ row }) => <span className="mono nowrap">{row.userName || '-'}</span>,
};
const authTimeCol: Col = {
  colKey: 'authTime',
  title: '授权时间',
  width: 165,
  cell: ({ row }) => formatTimeValue(row.authTime),
};
const principalCol: Col = {
  colKey: 'principalName',
  title: '主体信息',
  width: 180,
  ellipsis: true,
  cell: ({ row }) => row.principalName || '-',
};
const funcCol: Col = {
  colKey: 'funcInfo',
  title: '授权权限集',
  width: 280,
  cell: ({ row }) => <FuncInfoCell funcInfo={row.funcInfo} testId={`account-funcs-${row.appid}`} />,
};

/** A row action button; disabled with a tooltip once the account revoked its authorization. */
function opButton(actions: AuthorizerActions, a: Authorizer, action: AuthorizerAction, text: string, onClick?: () => void, testId?: string): ReactNode {
  const revoked = a.status === 'revoked';
  const btn = (
    <Button variant="text" theme="primary" size="small" disabled={revoked} loading={actions.isBusy(a, action)} onClick={onClick} data-testid={testId}>
      {text}
    </Button>
  );
  return revoked ? <Tooltip content="该帐号已取消授权">{btn}</Tooltip> : btn;
}

/** The 操作 cell of the normal table: token (behind a warning), refresh, refresh_token, details. */
function RowActions({ row, actions, onDetail }: { row: Authorizer; actions: AuthorizerActions; onDetail: (a: Authorizer) => void }) {
  return (
    <div className="account-ops">
      {row.status === 'revoked' ? (
        opButton(actions, row, 'token', '获取token')
      ) : (
        <Popconfirm
          content="authorizer_access_token 可以直接调用该帐号的微信接口，请勿泄露。确定获取？"
          onConfirm={() => void actions.fetchToken(row)}
        >
          {opButton(actions, row, 'token', '获取token', undefined, `account-token-${row.appid}`)}
        </Popconfirm>
      )}
      {opButton(actions, row, 'refresh', '刷新信息', () => void actions.refresh(row), `account-refresh-${row.appid}`)}
      {opButton(actions, row, 'rt', '复制refresh_token', () => void actions.copyRefreshToken(row), `account-rt-${row.appid}`)}
      <Button variant="text" theme="primary" size="small" onClick={() => onDetail(row)} data-testid={`account-detail-${row.appid}`}>
        详情
      </Button>
    </div>
  );
}

/** The columns of the account table. */
export function accountColumns(actions: AuthorizerActions, onDetail: (a: Authorizer) => void): Col[] {
  return [
    appidCol,
    userNameCol,
    nameCol,
    { colKey: 'appType', title: '帐号类型', width: 100, cell: ({ row }) => label(APP_TYPE, row.appType) },
    authTimeCol,
    principalCol,
    { colKey: 'registerType', title: '注册类型', width: 120, ellipsis: true, cell: ({ row }) => label(REGISTER_TYPE, row.registerType) },
    { colKey: 'accountStatus', title: '帐号状态', width: 100, cell: ({ row }) => <AuthorizerStatusTag value={row.accountStatus} /> },
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
      cell: ({ row }) => <RowActions row={row} actions={actions} onDetail={onDetail} />,
    },
  ];
}

