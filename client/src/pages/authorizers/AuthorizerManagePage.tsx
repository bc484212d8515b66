import { useCallback, useState } from 'react';
import { Card, MessagePlugin, Tabs } from 'tdesign-react';
import { useSearchParams } from 'react-router-dom';
import type { SyncStatus } from '../../api';
import DevWeappTable from '../weapp/DevWeappTable';
import AuthorizerTable from './AuthorizerTable';
import { SyncButton, SyncProgress } from './SyncPanel';
import { useAuthorizerSync } from './useAuthorizerSync';
import './authorizers.css';

type Tab = 'normal' | 'dev';

/** 授权帐号管理: tabs 普通授权帐号 / 代开发小程序, and the sync with WeChat's authorizer list. */
export default function AuthorizerManagePage() {
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'dev' ? 'dev' : 'normal';
  const [reloadKey, setReloadKey] = useState(0);

  const onFinished = useCallback((s: SyncStatus) => {
    setReloadKey((k) => k + 1);
    if (s.status === 'done') {
      void MessagePlugin.success(`同步完成：共 ${s.total} 个帐号${s.failed ? `，${s.failed} 个未能更新资料` : ''}`);
    } else {
      void MessagePlugin.error(`同步失败：${s.error || '原因未知'}`);
    }
  }, []);
  const sync = useAuthorizerSync(onFinished);

  return (
    <div data-testid="account-manage">
      <Card bordered={false}>
        <div className="account-toolbar">
          <SyncProgress sync={sync} />
          <SyncButton sync={sync} />
        </div>
        <Tabs
          value={tab}
          onChange={(v) => setParams(v === 'dev' ? { tab: 'dev' } : {}, { replace: true })}
        >
          <Tabs.TabPanel value="normal" label="普通授权帐号" destroyOnHide={false}>
            <AuthorizerTable reloadKey={reloadKey} />
          </Tabs.TabPanel>
          <Tabs.TabPanel value="dev" label="代开发小程序">
            <DevWeappTable reloadKey={reloadKey} />
          </Tabs.TabPanel>
        </Tabs>
      </Card>
    </div>
  );
}
