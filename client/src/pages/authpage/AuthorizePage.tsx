import { useEffect, useRef, useState } from 'react';
import { Button } from 'tdesign-react';
import { useLocation } from 'react-router-dom';
import { getAuthUrl, isRetryable, publicErrorText, type AuthLinkType } from '../../api';
import AuthStatusCard from './AuthStatusCard';
import { readPageParams } from './links';

/**
 * /authorize (PC) and /authorizeH5: asks the server for a fresh WeChat
 * authorization URL (a pre-auth code is single-use, so it is minted on every
 * visit) and replaces this page with it. When the server cannot build one the
 * reason is shown, with 重试, instead of sending the merchant to a broken page.
 */
export default function AuthorizePage({ type }: { type: AuthLinkType }) {
  const [attempt, setAttempt] = useState(0);
  const [error, setError] = useState<{ reason: string; retry: boolean }>();
  const started = useRef('');
  // A new query (same route, new hash) is a new visit, not a re-render.
  const { search } = useLocation();

  useEffect(() => {
    // React's development double-run must not mint two pre-auth codes.
    const run = `${attempt}|${search}`;
    if (started.current === run) return;
    started.current = run;
    const p = readPageParams(window.location.search, window.location.hash);
    setError(undefined);
    getAuthUrl({
      type,
      authType: p.get('authType') ?? undefined,
      bizAppid: p.get('bizAppid') ?? undefined,
      state: p.get('state') ?? undefined,
    }).then(
      ({ url }) => {
        if (url) window.location.replace(url);
        else setError({ reason: '服务器没有返回授权链接，请稍后重试', retry: true });
      },
      (err: unknown) => setError({ reason: publicErrorText(err), retry: isRetryable(err) }),
    );
  }, [attempt, search, type]);

  if (error) {
    return (
      <AuthStatusCard
        status="error"
        title={error.retry ? '暂时无法打开微信授权页' : '授权链接有误'}
        testId="authorize-error"
        actions={
          error.retry && (
            <Button theme="primary" onClick={() => setAttempt((n) => n + 1)} data-testid="authorize-retry">
              重试
            </Button>
          )
        }
      >
        <div data-testid="authorize-error-reason">{error.reason}</div>
        <div style={{ marginTop: 8 }}>如问题持续存在，请将以上信息告知提供此链接的服务商。</div>
      </AuthStatusCard>
    );
  }
  return (
    <AuthStatusCard status="loading" title="正在跳转到微信授权页…" testId="authorize-waiting">
      {type === 'h5' ? '请在微信中完成授权。' : '请使用公众号或小程序管理员的微信扫码完成授权。'}
    </AuthStatusCard>
  );
}
