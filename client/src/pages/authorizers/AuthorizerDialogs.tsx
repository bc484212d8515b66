import { Dialog, Tag } from 'tdesign-react';
import type { Authorizer, TokenInfo } from '../../api';
import { nowSeconds } from '../../api/session';
import CopyButton from '../../components/CopyButton';
import KeyValue from '../../components/KeyValue';
import { durationInWords, formatTimeValue, formatUnix } from '../../utils/time';
import { StatusTag } from './AuthorizerCells';
import { APP_TYPE, funcLabel, label, parseFuncInfo, serviceLabel } from './labels';

/** The token dialog of 获取token. */
export function TokenDialog({ account, token, onClose }: { account?: Authorizer; token?: TokenInfo; onClose: () => void }) {
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
export function DetailDialog({ account, onClose }: { account?: Authorizer; onClose: () => void }) {
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
