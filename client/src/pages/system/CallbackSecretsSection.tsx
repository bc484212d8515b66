import { useState } from 'react';
import { Button, Card, Tag, Tooltip } from 'tdesign-react';
import { getCallbackSecrets, setCallbackSecrets, type SecretStatus } from '../../api';
import EditValueDialog from '../../components/EditValueDialog';
import KeyValue from '../../components/KeyValue';
import { notifySuccess } from '../../components/notify';
import { useRequest } from '../../hooks/useRequest';
import { checkCallbackToken, checkEncodingAESKey } from '../../utils/validate';
import SourceTag, { ENV_LOCKED_HINT } from './SourceTag';

type Field = 'token' | 'encodingAESKey';

const FIELDS: Record<Field, { label: string; hint: string; placeholder: string; validate: (v: string) => string }> = {
  token: {
    label: '消息校验Token',
    hint: '须与微信开放平台「开发资料 → 消息校验Token」完全一致：3–32 位英文字母或数字。',
    placeholder: '请输入消息校验Token',
    validate: checkCallbackToken,
  },
  encodingAESKey: {
    label: '消息加解密Key',
    hint: '须与微信开放平台「开发资料 → 消息加解密Key（EncodingAESKey）」完全一致：43 位英文字母或数字。',
    placeholder: '请输入 43 位 EncodingAESKey',
    validate: checkEncodingAESKey,
  },
};

function StatusValue({ status }: { status?: SecretStatus }) {
  if (!status?.configured) return <Tag variant="light">未配置</Tag>;
  return (
    <>
      <span className="mono">{status.masked || '已配置'}</span> <SourceTag source={status.source} />
    </>
  );
}

/** Token and EncodingAESKey used to verify and decrypt WeChat pushes (standard mode). */
export default function CallbackSecretsSection() {
  const secrets = useRequest(getCallbackSecrets, []);
  // The field outlives the dialog's visibility so the closing animation keeps its texts.
  const [field, setField] = useState<Field>('token');
  const [open, setOpen] = useState(false);
  const edit = (f: Field) => {
    setField(f);
    setOpen(true);
  };

  const save = async (value: string) => {
    await setCallbackSecrets({ [field]: value });
    notifySuccess(`${FIELDS[field].label}已保存`);
    secrets.reload();
  };

  const row = (f: Field, alias: string) => {
    const status = secrets.data?.[f];
    const fromEnv = status?.source === 'env';
    const button = (
      <Button variant="text" theme="primary" disabled={fromEnv || !secrets.data} onClick={() => edit(f)} data-testid={`${f}-edit`}>
        修改
      </Button>
    );
    return (
      <KeyValue label={alias} testId={`${f}-row`} actions={fromEnv ? <Tooltip content={ENV_LOCKED_HINT}>{button}</Tooltip> : button}>
        <StatusValue status={status} />
        {fromEnv && <div className="muted" style={{ fontSize: 12, marginTop: 4 }}>{ENV_LOCKED_HINT}</div>}
      </KeyValue>
    );
  };

  const current = FIELDS[field];
  return (
    <Card title="消息校验配置" bordered={false} subtitle="标准模式下用于校验签名并解密微信推送的消息">
      {row('token', '消息校验Token')}
      {row('encodingAESKey', 'EncodingAESKey')}
      <EditValueDialog
        header={`修改${current.label}`}
        visible={open}
        hint={current.hint}
        placeholder={current.placeholder}
        validate={current.validate}
        onSave={save}
        onClose={() => setOpen(false)}
        testId="callback-secret-dialog"
      />
    </Card>
  );
}
