import { useState } from 'react';
import { Alert, Button, Card, Empty, Input, Tooltip } from 'tdesign-react';
import { useNavigate } from 'react-router-dom';
import { errorText, getExpQrCode, type DevVersions } from '../../api';
import KeyValue from '../../components/KeyValue';
import { formatUnix } from '../../utils/time';
import { isAuditOpen, jpegSrc } from './labels';
import { WEAPP_PATHS, weappLink } from './useAppid';

/** The experience QR code, optionally opening a given page (e.g. pages/index/index?id=1). */
function ExpQr({ appid }: { appid: string }) {
  const [path, setPath] = useState('');
  const [qr, setQr] = useState('');
  const [err, setErr] = useState('');
  const [busy, setBusy] = useState(false);
  const load = async () => {
    setBusy(true);
    setErr('');
    try {
      setQr((await getExpQrCode(appid, path.trim())).expQrCode);
    } catch (e) {
      setQr('');
      setErr(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <div style={{ display: 'flex', gap: 8 }}>
        <Input value={path} onChange={(v) => setPath(String(v))} onEnter={() => void load()} placeholder="打开的页面路径，可留空（首页）" data-testid="version-exp-path" />
        <Button variant="outline" loading={busy} onClick={() => void load()} data-testid="version-exp-qr-load">
          {qr ? '重新生成' : '生成体验码'}
        </Button>
      </div>
      {err && <Alert theme="error" message={err} style={{ marginTop: 8 }} />}
      {qr && <img className="weapp-qr" style={{ marginTop: 8 }} src={jpegSrc(qr)} alt="体验版二维码" data-testid="version-exp-qr" />}
      <p className="muted" style={{ margin: '4px 0 0', fontSize: 12 }}>只有小程序的体验者能打开体验版。</p>
    </div>
  );
}

/** 体验版本: the committed code, its QR code, 提交代码 and 提交审核. */
export default function ExpCard({ appid, v, onCommit }: { appid: string; v: DevVersions; onCommit: () => void }) {
  const navigate = useNavigate();
  const e = v.expInfo;
  const auditOpen = !!v.auditInfo && isAuditOpen(v.auditInfo.status);
  const submit = (
    <Button disabled={auditOpen} onClick={() => navigate(weappLink(WEAPP_PATHS.submitAudit, appid))} data-testid="version-submit-audit">
      提交审核
    </Button>
  );
  return (
    <div data-testid="version-exp">
      <Card title="体验版本" bordered>
        {e ? (
          <>
            <KeyValue label="版本号"><span className="mono">{e.expVersion}</span></KeyValue>
            <KeyValue label="提交时间">{formatUnix(e.expTime)}</KeyValue>
            <KeyValue label="版本描述">{e.expDesc || '-'}</KeyValue>
            <KeyValue label="体验码"><ExpQr key={appid} appid={appid} /></KeyValue>
            <div className="weapp-card-actions">
              <Button theme="primary" onClick={onCommit} data-testid="version-commit">重新提交代码</Button>
              {auditOpen ? <Tooltip content="已有版本在审核中，请等待结果或先撤回审核"><span>{submit}</span></Tooltip> : submit}
            </div>
          </>
        ) : (
          <Empty
            title="暂无体验版本"
            description="从模板库提交代码后，会生成体验版本。"
            action={<Button theme="primary" onClick={onCommit} data-testid="version-commit">提交代码</Button>}
          />
        )}
      </Card>
    </div>
  );
}
