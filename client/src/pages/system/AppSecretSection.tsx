import { useState } from 'react';
import { Button, Card, Tag, Tooltip } from 'tdesign-react';
import { getSecret, getSystemInfo, setSecret } from '../../api';
import EditValueDialog from '../../components/EditValueDialog';
import KeyValue from '../../components/KeyValue';
import { notifyError, notifySuccess } from '../../components/notify';
import { useRequest } from '../../hooks/useRequest';
import SourceTag, { ENV_LOCKED_HINT } from './SourceTag';

/** Component AppID and AppSecret: masked by default, revealed on request, editable unless set by env. */
export default function AppSecretSection() {
  const info = useRequest(getSystemInfo, []);
  const secret = useRequest(() => getSecret(), []);
  const [revealed, setRevealed] = useState<string>();
  const [editing, setEditing] = useState(false);
  const fromEnv = secret.data?.source === 'env';

  const reveal = async () => {
    try {
      setRevealed((await getSecret(true)).secret);
    } catch (err) {
      notifyError(err);
    }
  };
  const save = async (value: string) => {
    await setSecret(value);
    notifySuccess('AppSecret 已保存');
    setRevealed(undefined);
    secret.reload();
  };

  const editButton = (
    <Button variant="text" theme="primary" disabled={fromEnv} onClick={() => setEditing(true)} data-testid="secret-edit">
      修改
    </Button>
  );

  return (
    <Card title="第三方平台凭证" bordered={false}>
      <KeyValue label="第三方平台 AppID">
        <span className="mono">{info.data?.appid || '未配置'}</span>
      </KeyValue>
      <KeyValue
        label="AppSecret"
        testId="secret-row"
        actions={
          <>
            {secret.data?.configured && (
              <Button variant="text" theme="primary" onClick={() => (revealed ? setRevealed(undefined) : void reveal())} data-testid="secret-reveal">
                {revealed ? '隐藏' : '显示'}
              </Button>
            )}
            {fromEnv ? <Tooltip content={ENV_LOCKED_HINT}>{editButton}</Tooltip> : editButton}
          </>
        }
      >
        <span className="mono" data-testid="secret-value">
          {secret.data?.configured ? (revealed ?? secret.data.secret) : <Tag variant="light">未配置</Tag>}
        </span>{' '}
        {secret.data?.configured && <SourceTag source={secret.data.source} />}
      </KeyValue>
      <EditValueDialog
        header="修改 AppSecret"
        visible={editing}
        placeholder="请输入第三方平台 AppSecret"
        hint="在微信开放平台「第三方平台 → 开发资料」中查看 AppSecret（通常为 32 位字母和数字）。"
        validate={(v) => (/\s/.test(v) ? 'AppSecret 不能包含空白字符' : '')}
        onSave={save}
        onClose={() => setEditing(false)}
        testId="secret-dialog"
      />
    </Card>
  );
}
