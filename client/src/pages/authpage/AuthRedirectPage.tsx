import { Loading } from 'tdesign-react';

/**
 * Standalone page for /authorize, /authorizeH5 and /redirectPage. For now it
 * only shows the waiting state; the redirect logic comes with the auth-page API.
 */
export default function AuthRedirectPage() {
  return (
    <div className="page-loading" style={{ minHeight: '100vh', flexDirection: 'column', gap: 16 }} data-testid="auth-redirect">
      <Loading />
      <div className="muted">正在跳转…</div>
    </div>
  );
}
