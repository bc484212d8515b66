import { useState } from 'react';
import { Alert, Button, Card, Empty } from 'tdesign-react';
import { changeVisitStatus, errorText, getReleaseQrCode, rollbackRelease, type DevVersions } from '../../api';
import KeyValue from '../../components/KeyValue';
import { notifySuccess } from '../../components/notify';
import { formatUnix } from '../../utils/time';
import ConfirmAction from './ConfirmAction';
import { ServiceStatusTag } from './DevWeappTable';
import { jpegSrc } from './labels';

/** The release QR code, fetched on demand (it costs a WeChat call). */
function ReleaseQr({ appid, initial }: { appid: string; initial?: string }) {
  const [qr, setQr] = useState(initial ?? '');
  const [err, setErr] = useState('');
  const [busy, setBusy] = useState(false);
  const load = async () => {
    setBusy(true);
    setErr('');
    try {
      setQr((await getReleaseQrCode(appid)).releaseQrCode);
    } catch (e) {
      setErr(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  if (qr) return <img className="weapp-qr" src={jpegSrc(qr)} alt="小程序码" data-testid="version-release-qr" />;
  return (
    <>
      <Button variant="text" theme="primary" loading={busy} onClick={() => void load()} data-testid="version-release-qr-load">
        显示小程序码
      </Button>
      {err && <Alert theme="error" message={err} />}
    </>
  );
}

/** 线上版本: the released version, its QR code, service state, 版本回退 and 访问状态. */
export default function ReleaseCard({ appid, v, reload }: { appid: string; v: DevVersions; reload: () => void }) {
  const r = v.releaseInfo;
  const paused = v.serviceStatus === 0;
  return (
    <div data-testid="version-release">
      <Card title="线上版本" bordered>
        {r ? (
          <>
            <KeyValue label="版本号"><span className="mono">{r.releaseVersion}</span></KeyValue>
            <KeyValue label="发布时间">{formatUnix(r.releaseTime)}</KeyValue>
            <KeyValue label="版本描述">{r.releaseDesc || '-'}</KeyValue>
            <KeyValue label="服务状态"><ServiceStatusTag status={v.serviceStatus} /></KeyValue>
            <KeyValue label="小程序码"><ReleaseQr key={appid} appid={appid} initial={r.releaseQrCode} /></KeyValue>
            <div className="weapp-card-actions">
              <ConfirmAction
                text="版本回退"
                danger
                content="线上版本将回退到上一个发布的版本，当前线上版本会被撤下。每个版本只能回退一次，确定回退？"
                onConfirm={() => rollbackRelease(appid)}
                onDone={() => {
                  notifySuccess('已回退到上一个版本');
                  reload();
                }}
                testId="version-rollback"
              />
              <ConfirmAction
                text={paused ? '恢复服务' : '暂停服务'}
                header="访问状态"
                danger={!paused}
                content={
                  paused
                    ? '恢复后线上版本重新对用户开放。确定恢复服务？'
                    : '暂停后用户将无法打开该小程序，直到恢复服务。确定暂停服务？'
                }
                onConfirm={() => changeVisitStatus(appid, paused ? 'open' : 'close')}
                onDone={() => {
                  notifySuccess(paused ? '已恢复服务' : '已暂停服务');
                  reload();
                }}
                testId="version-visit"
              />
            </div>
          </>
        ) : (
          <Empty title="尚未发布" description="审核通过的版本发布后会出现在这里。" />
        )}
      </Card>
    </div>
  );
}
