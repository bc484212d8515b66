import { useEffect, useRef, useState } from 'react';
import { Button } from 'tdesign-react';
import { errorText, getAuthUrl, type AuthLinkType } from '../../api';
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
  const [error, setError] = useState('');
  const started = useRef(-1);

  useEffect(() => {
    // React's development double-run must not mint two pre-auth codes.
    if (started.current === attempt) return;
    started.current = attempt;
    const p = readPageParams(window.location.search, window.location.hash);
    setError('');
    getAuthUrl({
      type,
      authType: p.get('authType') ?? undefined,
      bizAppid: p.get('bizAppid') ?? undefined,
      state: p.get('state') ?? undefined,
    }).then(
      ({ url }) => {
        if (url) window.location.replace(url);
        else setError('服务器没有返回授权链接，请稍后重试');
      },
      (err: unknown) => setError(errorText(err)),
    );
  }, [attempt, type]);

  if (error) {
    return (
      <AuthStatusCard
        status="error"
        title="暂时无法打开微信授权页"
        testId="authorize-error"
        actions={
          <Button theme="primary" onClick={() => setAttempt((n) => n + 1)} data-testid="authorize-retry">
            重试
          </Button>
        }
      >
        <div data-testid="authorize-error-reason">{error}</div>
        <div>如问题持续存在，请将以上信息告知提供此链接的服务商。</div>
      </AuthStatusCard>
    );
  }
  return (
    <AuthStatusCard status="loading" title="正在跳转到微信授权页…" testId="authorize-waiting">
      {type === 'h5' ? '请在微信中完成授权。' : '请使用公众号或小程序管理员的微信扫码完成授权。'}
    </AuthStatusCard>
  );
}
