import { useState } from 'react';
import { Alert, Button, Card, Empty, Space } from 'tdesign-react';
import { Link as RouterLink } from 'react-router-dom';
import { errorText, getDevVersions, type DevVersions } from '../../api';
import { notifyError } from '../../components/notify';
import { useRequest } from '../../hooks/useRequest';
import { formatUnix } from '../../utils/time';
import AuditCard from './AuditCard';
import CommitCodeDialog from './CommitCodeDialog';
import ExpCard from './ExpCard';
import ReleaseCard from './ReleaseCard';
import { useAppid, WEAPP_PATHS, weappLink } from './useAppid';
import VersionHistory from './VersionHistory';
import './weapp.css';

/** Shown when the page was opened without ?appid=. */
export function NoAppid({ testId }: { testId: string }) {
  return (
    <div data-testid={testId}>
      <Card bordered={false}>
        <Empty
          title="未指定小程序"
          description={
            <span>
              请从 <RouterLink to="/authorizedAccountManage?tab=dev">授权帐号管理 · 代开发小程序</RouterLink> 中选择一个小程序。
            </span>
          }
        />
      </Card>
    </div>
  );
}

/** Loads the versions; 刷新 asks WeChat again (?refresh=1), a plain reload reads the stored state. */
function useVersions(appid: string) {
  const [refreshing, setRefreshing] = useState(false);
  const [fresh, setFresh] = useState<DevVersions>();
  const stored = useRequest(() => getDevVersions(appid), [appid]);
  const refresh = async () => {
    setRefreshing(true);
    try {
      setFresh(await getDevVersions(appid, true));
    } catch (err) {
      notifyError(err);
    } finally {
      setRefreshing(false);
    }
  };
  const reload = () => {
    setFresh(undefined);
    stored.reload();
  };
  // While a reload runs the last data stays (the page is keyed by appid, so it is this account's).
  return { data: fresh ?? stored.data, error: stored.error, loading: stored.loading, refreshing, refresh, reload };
}

/** 版本管理 of one 代开发小程序 (?appid=). */
export default function VersionPage() {
  const appid = useAppid();
  return appid ? <VersionView key={appid} appid={appid} /> : <NoAppid testId="weapp-versions" />;
}

/** Online, audit and experience versions of one account, their actions and the history. */
function VersionView({ appid }: { appid: string }) {
  const v = useVersions(appid);
  const [commitOpen, setCommitOpen] = useState(false);
  const [historyKey, setHistoryKey] = useState(0);

  const changed = () => {
    v.reload();
    setHistoryKey((k) => k + 1);
  };
  return (
    <div data-testid="weapp-versions">
      <Card bordered={false}>
        <div className="weapp-toolbar">
          <div>
            <span className="mono">{appid}</span>
            <span className="muted" style={{ marginLeft: 12 }} data-testid="version-refreshed-at">
              {v.data?.refreshedAt ? `状态更新于 ${formatUnix(v.data.refreshedAt)}` : ''}
            </span>
          </div>
          <Space>
            <RouterLink className="weapp-link" to={weappLink(WEAPP_PATHS.settings, appid)}>服务器域名与隐私设置</RouterLink>
            <Button variant="outline" loading={v.refreshing} onClick={() => void v.refresh().then(() => setHistoryKey((k) => k + 1))} data-testid="version-refresh">
              刷新
            </Button>
          </Space>
        </div>
        {v.error ? <Alert theme="error" message={errorText(v.error)} style={{ marginBottom: 16 }} /> : null}
        {v.loading && !v.data ? <p className="muted">正在加载…</p> : null}
        {v.data && (
          <div className="weapp-cards">
            <ReleaseCard appid={appid} v={v.data} reload={changed} />
            <AuditCard appid={appid} a={v.data.auditInfo} reload={changed} />
            <ExpCard appid={appid} v={v.data} onCommit={() => setCommitOpen(true)} />
          </div>
        )}
        <VersionHistory appid={appid} reloadKey={historyKey} />
      </Card>
      <CommitCodeDialog appid={appid} visible={commitOpen} onClose={() => setCommitOpen(false)} onCommitted={changed} />
    </div>
  );
}
