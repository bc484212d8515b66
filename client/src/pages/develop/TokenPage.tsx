import { useState } from 'react';
import { Alert, Button, Card, Input } from 'tdesign-react';
import { ApiError, errorText, GENERIC_ERROR, getAuthorizerToken, getComponentToken, getTicket, type TicketInfo, type TokenInfo } from '../../api';
import CopyButton from '../../components/CopyButton';
import KeyValue from '../../components/KeyValue';
import { notifyError } from '../../components/notify';
import { isAuthFailure } from '../../api/client';
import { nowSeconds } from '../../api/session';
import { ageInWords, durationInWords, formatUnix } from '../../utils/time';
import './develop.css';

/** WeChat pushes a ticket every 10 minutes; one much older than that points at a broken callback. */
const STALE_TICKET_SECONDS = 30 * 60;

function TokenResult({ token, testId }: { token: TokenInfo; testId: string }) {
  const remaining = token.expiresAt ? token.expiresAt - nowSeconds() : undefined;
  return (
    <div className="token-box" data-testid={testId}>
      <KeyValue label="令牌" actions={<CopyButton text={token.token} testId={`${testId}-copy`} />}>
        <span className="mono">{token.token}</span>
      </KeyValue>
      <KeyValue label="过期时间">
        {formatUnix(token.expiresAt)}
        {remaining !== undefined && <span className="muted">（{remaining > 0 ? `剩余 ${durationInWords(remaining)}` : '已过期'}）</span>}
      </KeyValue>
    </div>
  );
}

function TicketCard() {
  const [ticket, setTicket] = useState<TicketInfo>();
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const load = async () => {
    setBusy(true);
    try {
      setTicket(await getTicket());
      setMissing(false);
    } catch (err) {
      if (err instanceof ApiError && err.code === 1007) setMissing(true);
      else notifyError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      title="component_verify_ticket"
      subtitle="微信服务器每 10 分钟推送一次，用于获取 component_access_token"
      bordered={false}
      actions={<Button theme="primary" loading={busy} onClick={load} data-testid="ticket-fetch">立即获取</Button>}
    >
      {missing && (
        <Alert
          theme="warning"
          data-testid="ticket-missing"
          message="尚未收到 component_verify_ticket。请确认开放平台中的「授权事件接收 URL」和消息校验配置正确，并等待微信下一次推送（最长 10 分钟）。"
        />
      )}
      {ticket && !missing && (
        <div className="token-box" data-testid="ticket-result">
          <KeyValue label="Ticket" actions={<CopyButton text={ticket.ticket} testId="ticket-copy" />}>
            <span className="mono">{ticket.ticket}</span>
          </KeyValue>
          <KeyValue label="接收时间">
            {formatUnix(ticket.receivedAt)} <span className="muted">（{ageInWords(ticket.ageSeconds)}）</span>
          </KeyValue>
          {ticket.ageSeconds > STALE_TICKET_SECONDS && (
            <Alert theme="warning" message={`已有 ${durationInWords(ticket.ageSeconds)}未收到新的 ticket，请检查授权事件接收配置。`} />
          )}
        </div>
      )}
      {!ticket && !missing && <div className="muted">点击「立即获取」查看当前 ticket。</div>}
    </Card>
  );
}

/** The usual causes of a failed token fetch, for system errors the server did not explain. */
const TOKEN_FAILURE_HINT =
  '请确认已在「Secret与密码管理」中配置 AppSecret、已收到 component_verify_ticket，且本服务可以访问微信接口；详细原因见服务日志。';

/** Inline text for a failed token fetch (auth failures are left to the redirect). */
function tokenFailure(err: unknown, extra = ''): string {
  if (err instanceof ApiError && isAuthFailure(err)) return '';
  const base = errorText(err);
  // A system error that came without an explanation gets the usual causes.
  return base === GENERIC_ERROR ? `${base}。${TOKEN_FAILURE_HINT}${extra}` : base;
}

function ComponentTokenCard() {
  const [token, setToken] = useState<TokenInfo>();
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);
  const load = async () => {
    setBusy(true);
    try {
      setToken(await getComponentToken());
      setFailure('');
    } catch (err) {
      setToken(undefined);
      setFailure(tokenFailure(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      title="component_access_token"
      subtitle="第三方平台接口调用凭证，由本服务统一缓存和刷新"
      bordered={false}
      actions={<Button theme="primary" loading={busy} onClick={load} data-testid="component-token-fetch">立即获取</Button>}
    >
      <Alert
        theme="info"
        style={{ marginBottom: 12 }}
        message="业务服务请通过内部接口 /inner/component-access-token 获取令牌，不要自行调用微信接口刷新，否则会使本服务缓存的令牌失效。"
      />
      {failure && <Alert theme="error" message={failure} data-testid="component-token-error" />}
      {token && <TokenResult token={token} testId="component-token-result" />}
      {!token && !failure && <div className="muted">点击「立即获取」查看当前令牌。</div>}
    </Card>
  );
}

function AuthorizerTokenCard() {
  const [appid, setAppid] = useState('');
  const [token, setToken] = useState<TokenInfo>();
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);
  const load = async () => {
    if (!appid.trim()) return;
    setBusy(true);
    try {
      setToken(await getAuthorizerToken(appid.trim()));
      setFailure('');
    } catch (err) {
      setToken(undefined);
      setFailure(tokenFailure(err, '另请确认该 AppID 已授权给本第三方平台。'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="authorizer_access_token" subtitle="授权帐号（公众号 / 小程序）的接口调用凭证" bordered={false}>
      <div className="filters">
        <Input
          style={{ width: 320 }}
          placeholder="请输入授权帐号 AppID"
          value={appid}
          onChange={(v) => setAppid(String(v))}
          onEnter={() => void load()}
          clearable
          data-testid="authorizer-appid"
        />
        <Button theme="primary" loading={busy} disabled={!appid.trim()} onClick={load} data-testid="authorizer-token-fetch">
          获取
        </Button>
      </div>
      {failure && <Alert theme="error" message={failure} data-testid="authorizer-token-error" />}
      {token && <TokenResult token={token} testId="authorizer-token-result" />}
    </Card>
  );
}

/** 第三方 Token: ticket, component token and authorizer tokens. */
export default function TokenPage() {
  return (
    <div className="page-stack" data-testid="token-page">
      <TicketCard />
      <ComponentTokenCard />
      <AuthorizerTokenCard />
    </div>
  );
}
