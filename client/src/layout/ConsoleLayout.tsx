import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { Outlet, useNavigate } from 'react-router-dom';
import { Button, Card, Empty, Layout } from 'tdesign-react';
import { ApiError, errorText, getMe, logout as apiLogout, refreshSession, type Me } from '../api';
import { isAuthFailure } from '../api/client';
import { clearSession, loadSession, saveSession } from '../api/session';
import PageLoading from '../components/PageLoading';
import { ConsoleContext, type ConsoleContextValue } from './consoleContext';
import ForcedPasswordChange from './ForcedPasswordChange';
import HeaderBar from './HeaderBar';
import SideMenu from './SideMenu';
import './layout.css';

const { Header, Content, Aside } = Layout;

/**
 * Frame of every console page. It asks the server who is logged in (the
 * session cookie is invisible to scripts); an auth failure sends the user to
 * /login, and a pending forced password change replaces the whole console.
 */
export default function ConsoleLayout() {
  const navigate = useNavigate();
  const [me, setMe] = useState<Me>();
  const [error, setError] = useState<unknown>();

  const reloadMe = useCallback(async () => {
    try {
      const m = await getMe();
      saveSession({ username: m.username });
      setMe(m);
      setError(undefined);
    } catch (err) {
      setError(err);
    }
  }, []);

  const logout = useCallback(async () => {
    await apiLogout().catch(() => undefined);
    clearSession();
    navigate('/login', { replace: true });
  }, [navigate]);

  useEffect(() => {
    // reloadMe sets state only after getMe() answers, never synchronously.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void reloadMe();
    // A session that survived a cleared localStorage has no known expiry: learn it.
    if (!loadSession()?.expiresAt) void refreshSession();
  }, [reloadMe]);

  const ctx = useMemo<ConsoleContextValue | undefined>(() => (me ? { me, reloadMe, logout } : undefined), [me, reloadMe, logout]);

  if (error && !(error instanceof ApiError && isAuthFailure(error))) {
    return (
      <Card bordered={false} style={{ maxWidth: 480, margin: '120px auto' }}>
        <Empty
          type="network-error"
          title="无法连接服务"
          description={errorText(error)}
          action={<Button onClick={() => void reloadMe()}>重试</Button>}
        />
      </Card>
    );
  }
  if (!ctx) return <PageLoading />;

  return (
    <ConsoleContext.Provider value={ctx}>
      {ctx.me.mustChangePassword ? (
        <ForcedPasswordChange />
      ) : (
        <Layout className="console-layout">
          <Aside width="auto" className="console-aside">
            <SideMenu />
          </Aside>
          <Layout className="console-main">
            <Header className="console-header">
              <HeaderBar />
            </Header>
            <Content className="console-content">
              <Suspense fallback={<PageLoading />}>
                <Outlet />
              </Suspense>
            </Content>
          </Layout>
        </Layout>
      )}
    </ConsoleContext.Provider>
  );
}
