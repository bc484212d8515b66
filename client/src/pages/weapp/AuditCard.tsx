import { Alert, Button, Card, Empty, Tag } from 'tdesign-react';
import { useNavigate } from 'react-router-dom';
import { auditScreenshotUrl, releaseCode, revokeAudit, speedUpAudit, type AuditInfo } from '../../api';
import KeyValue from '../../components/KeyValue';
import { notifySuccess } from '../../components/notify';
import { formatUnix } from '../../utils/time';
import ConfirmAction from './ConfirmAction';
import { auditStatusOf, isAuditOpen } from './labels';
import { WEAPP_PATHS, weappLink } from './useAppid';
import { screenshotIds } from './versionLogic';

/** The reason WeChat gave for a rejection, with its screenshots. */
function Rejection({ appid, a }: { appid: string; a: AuditInfo }) {
  const ids = screenshotIds(a);
  return (
    <Alert
      theme="error"
      title="审核不通过原因"
      data-testid="version-audit-reason"
      message={
        <div>
          {/* WeChat's reason may carry <br> tags; shown as text, never as HTML. */}
          <div style={{ whiteSpace: 'pre-wrap' }}>{(a.reason || '微信未给出原因').replace(/<br\s*\/?>/gi, '\n')}</div>
          {ids.length > 0 && (
            <div className="weapp-screenshots">
              {ids.map((id) => (
                <a key={id} href={auditScreenshotUrl(appid, id)} target="_blank" rel="noreferrer noopener">
                  <img src={auditScreenshotUrl(appid, id)} alt="审核截图" data-testid="version-audit-screenshot" />
                </a>
              ))}
            </div>
          )}
        </div>
      }
    />
  );
}

/** The actions an audit status allows (as the original console): 发布, 提交审核, 加急审核, 撤回审核. */
function AuditActions({ appid, a, reload }: { appid: string; a: AuditInfo; reload: () => void }) {
  const navigate = useNavigate();
  const done = (text: string) => () => {
    notifySuccess(text);
    reload();
  };
  const released = a.state === 'released' || a.state === 'rolledback';
  return (
    <div className="weapp-card-actions">
      {a.status === 0 && !released && (
        <ConfirmAction
          text="发布"
          variant="base"
          content={`版本 ${a.userVersion} 将发布为线上版本，所有用户可见。确定发布？`}
          onConfirm={() => releaseCode(appid)}
          onDone={done('已发布')}
          testId="version-release-code"
        />
      )}
      {(a.status === 1 || a.status === 3) && (
        <Button onClick={() => navigate(weappLink(WEAPP_PATHS.submitAudit, appid))} data-testid="version-audit-resubmit">
          重新提交审核
        </Button>
      )}
      {isAuditOpen(a.status) && (
        <>
          <ConfirmAction
            text="加急审核"
            content={`将为审核单 ${a.auditId} 申请加急，会消耗一次加急次数。确定加急？`}
            onConfirm={() => speedUpAudit(appid, a.auditId)}
            onDone={done('已申请加急审核')}
            testId="version-speedup"
          />
          <ConfirmAction
            text="撤回审核"
            danger
            content="撤回后该版本需重新提交审核；每天撤回次数有限，且撤回不返还审核额度。确定撤回？"
            onConfirm={() => revokeAudit(appid)}
            onDone={done('已撤回审核')}
            testId="version-revoke"
          />
        </>
      )}
    </div>
  );
}

/** 审核版本: the newest audit, its state, the rejection reason, and what can be done next. */
export default function AuditCard({ appid, a, reload }: { appid: string; a?: AuditInfo; reload: () => void }) {
  const st = a ? auditStatusOf(a.status) : undefined;
  return (
    <div data-testid="version-audit">
      <Card title="审核版本" bordered>
        {a && st ? (
          <>
            <KeyValue label="审核状态">
              <Tag theme={st.theme} variant="light" data-testid="version-audit-status">{st.text}</Tag>
              {a.state === 'released' && <Tag variant="light" style={{ marginLeft: 8 }}>已发布</Tag>}
            </KeyValue>
            <KeyValue label="版本号"><span className="mono">{a.userVersion || '-'}</span></KeyValue>
            <KeyValue label="审核单 ID"><span className="mono">{a.auditId}</span></KeyValue>
            <KeyValue label="提交时间">{formatUnix(a.submitAuditTime)}</KeyValue>
            <KeyValue label="版本描述">{a.userDesc || '-'}</KeyValue>
            {a.status === 1 && <Rejection appid={appid} a={a} />}
            {a.status === 4 && <Alert theme="warning" message={a.reason || '审核延后，微信将在稍后给出结果。'} />}
            <AuditActions appid={appid} a={a} reload={reload} />
          </>
        ) : (
          <Empty title="暂无审核记录" description="体验版本提交审核后，审核进度会出现在这里。" />
        )}
      </Card>
    </div>
  );
}
