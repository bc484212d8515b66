import { Card } from 'tdesign-react';
import { Link as RouterLink } from 'react-router-dom';
import DomainSection from './DomainSection';
import PrivacySection from './PrivacySection';
import { useAppid, WEAPP_PATHS, weappLink } from './useAppid';
import { NoAppid } from './VersionPage';
import './weapp.css';

/** 服务器域名与隐私 of one 代开发小程序 (?appid=), reached from 版本管理. */
export default function SettingsPage() {
  const appid = useAppid();
  if (!appid) return <NoAppid testId="weapp-settings" />;
  return (
    <div data-testid="weapp-settings" key={appid}>
      <Card bordered={false}>
        <div className="weapp-toolbar">
          <span className="mono">{appid}</span>
          <RouterLink className="weapp-link" to={weappLink(WEAPP_PATHS.versions, appid)}>返回版本管理</RouterLink>
        </div>
        <DomainSection appid={appid} />
        <PrivacySection appid={appid} />
      </Card>
    </div>
  );
}
