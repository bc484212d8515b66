import { Alert, Link, Skeleton, Tag } from 'tdesign-react';
import { useNavigate } from 'react-router-dom';
import { errorText, getCallbackConfig, type CallbackConfig } from '../../api';
import CopyButton from '../../components/CopyButton';
import KeyValue from '../../components/KeyValue';
import { useRequest } from '../../hooks/useRequest';
import './develop.css';

function Configured({ ok }: { ok: boolean }) {
  return (
    <Tag theme={ok ? 'success' : 'danger'} variant="light">
      {ok ? '已配置' : '未配置'}
    </Tag>
  );
}

function StandardBoxes({ c }: { c: CallbackConfig }) {
  const navigate = useNavigate();
  return (
    <>
      <div className="config-grid">
        <div className="config-box" data-testid="config-component">
          <div className="config-box-title">授权事件接收 URL</div>
          <KeyValue label="URL" actions={<CopyButton text={c.componentUrl} />}>
            <span className="mono">{c.componentUrl || '-'}</span>
          </KeyValue>
        </div>
        <div className="config-box" data-testid="config-biz">
          <div className="config-box-title">消息与事件接收 URL</div>
          <KeyValue label="URL" actions={<CopyButton text={c.bizUrl} />}>
            <span className="mono">{c.bizUrl || '-'}</span>
          </KeyValue>
        </div>
      </div>
      <Alert
        theme={c.tokenConfigured && c.encodingAESKeyConfigured ? 'info' : 'warning'}
        style={{ marginTop: 16 }}
        message={
          <span>
            在微信开放平台「第三方平台 → 开发资料」中填写以上两个 URL；开放平台中的消息校验Token <Configured ok={c.tokenConfigured} /> 与消息加解密Key
            <Configured ok={c.encodingAESKeyConfigured} /> 必须与本服务
            <Link theme="primary" onClick={() => navigate('/passwordManage')}>
              「Secret与密码管理」
            </Link>
            中的配置一致，否则无法校验和解密微信推送。
          </span>
        }
      />
    </>
  );
}

function CloudRunBox({ title, path, c, testId }: { title: string; path: string; c: CallbackConfig; testId: string }) {
  return (
    <div className="config-box" data-testid={testId}>
      <div className="config-box-title">{title}</div>
      <KeyValue label="环境 ID">{c.envId || '-'}</KeyValue>
      <KeyValue label="服务名称">{c.service || '-'}</KeyValue>
      <KeyValue label="路径" actions={<CopyButton text={path} />}>
        <span className="mono">{path}</span>
      </KeyValue>
      <KeyValue label="数据格式">{c.textMode || '-'}</KeyValue>
    </div>
  );
}

/** What to enter in the Open Platform so WeChat pushes reach this service, for the active mode. */
export default function CallbackConfigBox() {
  const { data, error, loading } = useRequest(getCallbackConfig, []);
  if (loading && !data) return <Skeleton animation="gradient" />;
  if (error || !data) return <Alert theme="error" message={errorText(error)} />;
  if (data.mode === 'cloudrun') {
    return (
      <>
        <div className="config-grid">
          <CloudRunBox title="授权事件接收配置" path={data.componentPath} c={data} testId="config-component" />
          <CloudRunBox title="消息与事件接收配置" path={data.bizPath} c={data} testId="config-biz" />
        </div>
        <Alert
          theme="info"
          style={{ marginTop: 16 }}
          message="云托管模式：在微信云托管控制台的「消息推送」中按以上环境、服务与路径配置，推送格式选择 JSON，微信会以明文推送到本服务。"
        />
      </>
    );
  }
  return <StandardBoxes c={data} />;
}
