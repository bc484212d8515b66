import { useState } from 'react';
import { Alert, Button, Drawer, Tag } from 'tdesign-react';
import { errorText } from '../../api';
import { testRule, type ForwardRule } from '../../api/forward';
import KeyValue from '../../components/KeyValue';
import { targetText, typeText } from './ruleForm';

/** Props of TestDrawer. */
export interface TestDrawerProps {
  rule?: ForwardRule;
  onClose: () => void;
}

type Outcome = { ok: true; body: string } | { ok: false; text: string };

/** 测试: sends a signed test push to the rule's target and shows what it answered. */
export default function TestDrawer({ rule, onClose }: TestDrawerProps) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();

  // A new rule starts without the last rule's outcome (adjusted while rendering).
  const [shownId, setShownId] = useState<number>();
  if (rule?.id !== shownId) {
    setShownId(rule?.id);
    setOutcome(undefined);
  }

  const run = async () => {
    if (!rule || busy) return;
    setBusy(true);
    setOutcome(undefined);
    try {
      const body = await testRule(rule.id);
      setOutcome({ ok: true, body: typeof body === 'string' ? body : JSON.stringify(body) });
    } catch (err) {
      setOutcome({ ok: false, text: errorText(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer header="测试转发" visible={!!rule} onClose={onClose} size="520px" footer={false} destroyOnClose>
      {rule && (
        <div data-testid="test-drawer" className="forward-drawer">
          <KeyValue label="规则">{rule.name}</KeyValue>
          <KeyValue label="推送类型">{typeText(rule)}</KeyValue>
          <KeyValue label="目标">{targetText(rule)}</KeyValue>
          <p className="muted">向目标发送一条带签名的测试推送（Data 为 TestData），业务服务返回 HTTP 2xx 即为成功。</p>
          <Button theme="primary" loading={busy} onClick={() => void run()} data-testid="test-run">
            立即测试
          </Button>
          {outcome && (
            <div className="forward-outcome" data-testid="test-outcome">
              {outcome.ok ? (
                <>
                  <Tag theme="success" variant="light" data-testid="test-status">成功</Tag>
                  <div className="muted">业务服务的应答：</div>
                  <pre className="forward-pre" data-testid="test-body">{outcome.body || '（空）'}</pre>
                </>
              ) : (
                <>
                  <Tag theme="danger" variant="light" data-testid="test-status">失败</Tag>
                  <Alert theme="error" message={outcome.text} data-testid="test-error" />
                </>
              )}
            </div>
          )}
        </div>
      )}
    </Drawer>
  );
}
