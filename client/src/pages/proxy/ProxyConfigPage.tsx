import { useState } from 'react';
import { Alert, Button, Card, Loading, Popconfirm, Tag } from 'tdesign-react';
import { errorText, getProxy, saveProxy, testProxy, type ProxyChange, type ProxyConfig, type ProxyProbe } from '../../api';
import KeyValue from '../../components/KeyValue';
import { notifyError, notifySuccess } from '../../components/notify';
import { useRequest } from '../../hooks/useRequest';
import ProxyEditDialog, { changeOf, draftOf } from './ProxyEditDialog';
import './proxy.css';

/** Where proxied requests go, in words. */
function targetText(cfg: ProxyConfig): string {
  if (!cfg.url) return '';
  return cfg.url + (cfg.path ?? '');
}

/** proxy 配置: the reverse proxy of unmatched paths to the provider's business service. */
export default function ProxyConfigPage() {
  const cfg = useRequest(getProxy, []);
  const [editing, setEditing] = useState(false);
  const [probe, setProbe] = useState<ProxyProbe>();
  const [probeError, setProbeError] = useState('');
  const [testing, setTesting] = useState(false);
  const c = cfg.data;

  const save = async (change: ProxyChange) => {
    await saveProxy(change);
    notifySuccess('proxy 配置已保存，所有实例将在数秒内生效');
    setProbe(undefined);
    setProbeError('');
    cfg.reload();
  };
  const toggle = async () => {
    if (!c) return;
    try {
      // The stored target as the dialog would send it (the server stored path and url trimmed).
      await save(changeOf(draftOf(c), !c.open));
    } catch (err) {
      notifyError(err);
    }
  };
  const test = async () => {
    setTesting(true);
    setProbe(undefined);
    setProbeError('');
    try {
      setProbe(await testProxy());
    } catch (err) {
      setProbeError(errorText(err));
    } finally {
      setTesting(false);
    }
  };

  if (!c) {
    return cfg.error ? <Alert theme="error" message={errorText(cfg.error)} /> : <Loading />;
  }
  const target = targetText(c);
  return (
    <div data-testid="proxy-config">
      <Card title="proxy 配置" bordered={false}>
        <p className="muted" style={{ marginTop: 0 }}>
          开启后，本服务对外端口上不属于本系统的请求（例如 <code>/shop/index.html</code>）会原样转发给你的业务服务：方法、路径、查询参数和请求体不变，并带上{' '}
          <code>X-Forwarded-For</code>、<code>X-Forwarded-Proto</code>、<code>X-Forwarded-Host</code>。控制台（<code>/</code>）、<code>/wxcomponent/*</code>、
          <code>/wxcallback/*</code>、<code>/inner/*</code>、<code>/healthz</code>、<code>/readyz</code> 永远不会被转发，控制台的登录 Cookie 也不会带给业务服务。
          默认关闭；目标不能是本服务自己的端口（包括内部 Token 服务）。修改后所有实例在数秒内生效。
        </p>
        <KeyValue
          label="转发状态"
          testId="proxy-status-row"
          actions={
            !c.open && !target ? (
              <Button variant="text" theme="primary" disabled data-testid="proxy-toggle">
                开启
              </Button>
            ) : (
              <Popconfirm
                content={c.open ? '关闭后，这些请求将返回 404。确定关闭？' : `开启后，未匹配的请求将转发到 ${target}。确定开启？`}
                onConfirm={() => void toggle()}
              >
                <Button variant="text" theme={c.open ? 'danger' : 'primary'} data-testid="proxy-toggle">
                  {c.open ? '关闭' : '开启'}
                </Button>
              </Popconfirm>
            )
          }
        >
          <span data-testid="proxy-status">
            {c.open ? <Tag theme="success" variant="light">已开启</Tag> : <Tag variant="light">已关闭</Tag>}
          </span>
          {!c.open && !target && <span className="muted"> 请先配置转发目标</span>}
        </KeyValue>
        <KeyValue
          label="转发目标"
          testId="proxy-target-row"
          actions={
            <>
              <Button variant="text" theme="primary" onClick={() => setEditing(true)} data-testid="proxy-edit">
                编辑
              </Button>
              <Button variant="text" theme="primary" disabled={!target} loading={testing} onClick={() => void test()} data-testid="proxy-test">
                测试
              </Button>
            </>
          }
        >
          {target ? (
            <span className="mono" data-testid="proxy-target">
              {target}
            </span>
          ) : (
            <span className="muted" data-testid="proxy-target">
              未配置
            </span>
          )}
        </KeyValue>
        {probeError && <Alert theme="error" message={`测试失败：${probeError}`} data-testid="proxy-test-error" />}
        {probe && (
          <div className="proxy-probe" data-testid="proxy-test-result">
            <div>
              GET <span className="mono">{probe.url}</span> → <Tag theme={probe.status < 400 ? 'success' : 'warning'} variant="light">HTTP {probe.status}</Tag>{' '}
              耗时 {probe.latencyMs} ms
            </div>
            <pre className="proxy-probe-body">{probe.body || '（空响应）'}{probe.truncated ? '\n…（仅显示前 512 字节）' : ''}</pre>
          </div>
        )}
      </Card>
      <ProxyEditDialog visible={editing} current={c} onSave={save} onClose={() => setEditing(false)} />
    </div>
  );
}
