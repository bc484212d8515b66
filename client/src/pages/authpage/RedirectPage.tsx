import { useEffect, useRef, useState } from 'react';
import { Button } from 'tdesign-react';
import { useLocation } from 'react-router-dom';
import { exchangeAuthCode, getComponentInfo, isRetryable, publicErrorText, type AuthCodeResult } from '../../api';
import AuthStatusCard from './AuthStatusCard';
import { forwardUrl, readPageParams, redirectParams } from './links';

type View =
  | { kind: 'working' }
  | { kind: 'forwarding'; url: string }
  | { kind: 'success'; account: AuthCodeResult }
  | { kind: 'error'; reason: string; retry: boolean; forward?: string };

/** Reads the configured redirect URL; "" when none is set or it cannot be read. */
async function configuredRedirect(): Promise<string> {
  try {
    return (await getComponentInfo()).redirectUrl ?? '';
  } catch {
    return '';
  }
}

/**
 * /redirectPage: WeChat sends the merchant here with auth_code and expires_in.
 * The code is exchanged right away (so the account is listed even when the push
 * is late), then the merchant is forwarded to the operator's redirect URL with
 * auth_code, expires_in and state appended, or shown a success page.
 */
export default function RedirectPage() {
  const [attempt, setAttempt] = useState(0);
  const started = useRef('');
  // A new query (same route, new hash) is a new visit, not a re-render.
  const { search } = useLocation();
  const run = `${attempt}|${search}`;
  // The outcome of the visit it belongs to; any other visit is still working.
  const [outcome, setOutcome] = useState<{ run: string; view: View }>();
  const view: View = outcome?.run === run ? outcome.view : { kind: 'working' };

  useEffect(() => {
    if (started.current === run) return;
    started.current = run;
    const setView = (v: View) => setOutcome({ run, view: v });
    void (async () => {
      const params = redirectParams(readPageParams(window.location.search, window.location.hash));
      if (!params.authCode) {
        setView({
          kind: 'error',
          retry: false,
          reason: '链接中没有授权码（auth_code）。请重新打开服务商提供的授权链接，在微信页面确认授权。',
        });
        return;
      }
      const redirect = configuredRedirect();
      let account: AuthCodeResult;
      try {
        account = await exchangeAuthCode(params.authCode, params.state);
      } catch (err) {
        const url = await redirect;
        setView({ kind: 'error', reason: publicErrorText(err), retry: isRetryable(err), forward: url ? forwardUrl(url, params) : undefined });
        return;
      }
      const url = await redirect;
      if (url) {
        const target = forwardUrl(url, params);
        setView({ kind: 'forwarding', url: target });
        window.location.replace(target);
      } else {
        setView({ kind: 'success', account });
      }
    })();
  }, [run]);

  switch (view.kind) {
    case 'working':
      return <AuthStatusCard status="loading" title="正在完成授权…" testId="redirect-working" />;
    case 'forwarding':
      return (
        <AuthStatusCard status="loading" title="授权成功，正在跳转…" testId="redirect-forwarding">
          如果页面没有自动跳转，请 <a href={view.url}>点击这里</a>。
        </AuthStatusCard>
      );
    case 'success':
      return (
        <AuthStatusCard status="success" title="授权成功" testId="auth-success">
          <dl className="auth-card-detail">
            <dt>帐号名称</dt>
            <dd data-testid="auth-success-nickname">{view.account.nickName || '-'}</dd>
            <dt>AppID</dt>
            <dd className="mono" data-testid="auth-success-appid">{view.account.appid}</dd>
          </dl>
          <div style={{ marginTop: 16 }}>已完成授权，可以关闭此页面。</div>
        </AuthStatusCard>
      );
    case 'error':
      return (
        <AuthStatusCard
          status="error"
          title="授权未能完成"
          testId="redirect-error"
          actions={
            view.retry || view.forward ? (
              <>
                {view.retry && (
                  <Button theme="primary" onClick={() => setAttempt((n) => n + 1)} data-testid="redirect-retry">
                    重试
                  </Button>
                )}
                {view.forward && (
                  <Button variant="outline" href={view.forward} data-testid="redirect-continue">
                    继续前往回调页
                  </Button>
                )}
              </>
            ) : undefined
          }
        >
          <div data-testid="redirect-error-reason">{view.reason}</div>
        </AuthStatusCard>
      );
  }
}
