import { lazy, Suspense } from 'react';
import { HashRouter, Navigate, Route, Routes } from 'react-router-dom';
import PageLoading from './components/PageLoading';
import { HOME_PATH } from './config/menu';

const LoginPage = lazy(() => import('./pages/login/LoginPage'));
const AuthorizePage = lazy(() => import('./pages/authpage/AuthorizePage'));
const RedirectPage = lazy(() => import('./pages/authpage/RedirectPage'));
const ConsoleLayout = lazy(() => import('./layout/ConsoleLayout'));
const HomePage = lazy(() => import('./pages/home/HomePage'));
const DevelopToolsPage = lazy(() => import('./pages/develop/DevelopToolsPage'));
const TokenPage = lazy(() => import('./pages/develop/TokenPage'));
const MessagePage = lazy(() => import('./pages/develop/MessagePage'));
const AuthPageManagePage = lazy(() => import('./pages/authpage/AuthPageManagePage'));
const AuthorizerManagePage = lazy(() => import('./pages/authorizers/AuthorizerManagePage'));
const BatchListPage = lazy(() => import('./pages/batch/BatchListPage'));
const BatchCreatePage = lazy(() => import('./pages/batch/BatchCreatePage'));
const BatchDetailPage = lazy(() => import('./pages/batch/BatchDetailPage'));
const PasswordManagePage = lazy(() => import('./pages/system/PasswordManagePage'));
const SystemVersionPage = lazy(() => import('./pages/system/SystemVersionPage'));
const VersionPage = lazy(() => import('./pages/weapp/VersionPage'));
const SubmitAuditPage = lazy(() => import('./pages/weapp/SubmitAuditPage'));
const TemplatePage = lazy(() => import('./pages/weapp/TemplatePage'));
const WeappSettingsPage = lazy(() => import('./pages/weapp/SettingsPage'));
const ForwardPage = lazy(() => import('./pages/forward/ForwardPage'));
const ProxyConfigPage = lazy(() => import('./pages/proxy/ProxyConfigPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));

/** Routes: standalone pages first, everything else inside the console layout. */
export default function App() {
  return (
    <HashRouter>
      <Suspense fallback={<PageLoading />}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route path="/authorize" element={<AuthorizePage type="pc" />} />
          <Route path="/authorizeH5" element={<AuthorizePage type="h5" />} />
          <Route path="/redirectPage" element={<RedirectPage />} />
          <Route element={<ConsoleLayout />}>
            <Route index element={<Navigate to={HOME_PATH} replace />} />
            <Route path={HOME_PATH} element={<HomePage />} />
            <Route path="/authPageManage" element={<AuthPageManagePage />} />
            <Route path="/authorizedAccountManage" element={<AuthorizerManagePage />} />
            <Route path="/authorizedAccountManage/miniProgramVersion" element={<VersionPage />} />
            <Route path="/authorizedAccountManage/submitAudit" element={<SubmitAuditPage />} />
            <Route path="/authorizedAccountManage/weappSettings" element={<WeappSettingsPage />} />
            <Route path="/templateLibrary" element={<TemplatePage />} />
            <Route path="/batchRelease" element={<BatchListPage />} />
            <Route path="/batchRelease/new" element={<BatchCreatePage />} />
            <Route path="/batchRelease/detail" element={<BatchDetailPage />} />
            <Route path="/developTools" element={<DevelopToolsPage />} />
            <Route path="/developTools/token" element={<TokenPage />} />
            <Route path="/developTools/message" element={<MessagePage />} />
            <Route path="/forwardMessage" element={<ForwardPage />} />
            <Route path="/proxyConfig" element={<ProxyConfigPage />} />
            <Route path="/passwordManage" element={<PasswordManagePage />} />
            <Route path="/systemVersion" element={<SystemVersionPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </Suspense>
    </HashRouter>
  );
}
