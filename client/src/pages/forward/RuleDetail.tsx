import { useState } from 'react';
import { Button } from 'tdesign-react';
import { getRuleKey, rotateRuleKey, type ForwardRule } from '../../api/forward';
import CopyButton from '../../components/CopyButton';
import KeyValue from '../../components/KeyValue';
import { labelOf } from '../../components/labels';
import { notifyError, notifySuccess } from '../../components/notify';
import { formatUnix } from '../../utils/time';
import ConfirmAction from '../weapp/ConfirmAction';
import { MODE_LABEL } from './labels';
import { targetText } from './ruleForm';

/** Props of RuleDetail. */
export interface RuleDetailProps {
  rule: ForwardRule;
  /** After the key was rotated: the list's keyHint changed. */
  onChanged: () => void;
}

/** How a business service checks that a request came from this service (FORWARD-API.md). */
function VerifyNote() {
  return (
    <div className="forward-verify" data-testid="rule-verify-note">
      <div className="forward-verify-title">业务服务如何校验签名</div>
      <ol>
        <li>
          取请求头 <code>X-Wxcomponent-Timestamp</code>（Unix 秒）和原始请求体，计算
          <code>HMAC-SHA256(签名密钥, 时间戳 + &quot;.&quot; + 请求体)</code> 的十六进制值；
        </li>
        <li>
          与请求头 <code>X-Wxcomponent-Signature</code> 中 <code>sha256=</code> 之后的值做常量时间比较，并拒绝时间戳与当前时间相差过大的请求；
        </li>
        <li>
          <code>X-Wxcomponent-Delivery</code> 是投递 ID，重试时不变，可用于去重；<code>X-Wxcomponent-Appid</code> 是推送所属帐号。
        </li>
      </ol>
    </div>
  );
}

/** A rule's expanded row: its target, mode, counters and signing key. */
export default function RuleDetail({ rule, onChanged }: RuleDetailProps) {
  const [key, setKey] = useState('');
  const [revealing, setRevealing] = useState(false);
  const stats = rule.stats;

  const reveal = async () => {
    setRevealing(true);
    try {
      setKey((await getRuleKey(rule.id, true)).key);
    } catch (err) {
      notifyError(err);
    } finally {
      setRevealing(false);
    }
  };
  const rotate = async () => {
    setKey((await rotateRuleKey(rule.id)).key);
    notifySuccess('签名密钥已轮换，请同步更新业务服务');
    onChanged();
  };

  return (
    <div className="forward-detail" data-testid={`rule-detail-${rule.id}`}>
      <KeyValue label="转发目标">
        <span data-testid={`rule-detail-target-${rule.id}`}>{rule.data?.url ? rule.data.url : `http://${targetText(rule)}`}</span>
      </KeyValue>
      <KeyValue label="投递模式">{labelOf(MODE_LABEL, rule.data?.mode ?? 'sync')}</KeyValue>
      <KeyValue label="最近一次投递">
        {stats?.lastTime
          ? `${formatUnix(stats.lastTime)} · ${stats.lastStatus ? `HTTP ${stats.lastStatus}` : '无应答'}${stats.lastError ? ` · ${stats.lastError}` : ''}`
          : '暂无'}
      </KeyValue>
      <KeyValue
        label="签名密钥"
        actions={
          <>
            {!key && (
              <Button variant="text" theme="primary" loading={revealing} onClick={() => void reveal()} data-testid={`rule-key-reveal-${rule.id}`}>
                显示
              </Button>
            )}
            {key && <CopyButton text={key} testId={`rule-key-copy-${rule.id}`} />}
            <ConfirmAction
              text="轮换"
              header="轮换签名密钥"
              content="生成新的签名密钥后，旧密钥立即失效：业务服务须改用新密钥校验，否则会拒绝之后的转发请求。"
              onConfirm={rotate}
              variant="text"
              danger
              testId={`rule-key-rotate-${rule.id}`}
            />
          </>
        }
      >
        <code data-testid={`rule-key-${rule.id}`}>{key || rule.keyHint || '-'}</code>
      </KeyValue>
      <VerifyNote />
    </div>
  );
}
