import { useState } from 'react';
import { Alert, Button, Form, Input } from 'tdesign-react';
import { changePassword } from '../api';
import { useSubmit } from '../hooks/useSubmit';
import { checkPassword, PASSWORD_POLICY } from '../utils/validate';

const { FormItem } = Form;

/** Old / new / confirm password form; calls onDone after the server accepted the change. */
export default function ChangePasswordForm({ onDone, onCancel }: { onDone: () => void; onCancel?: () => void }) {
  const [oldPassword, setOld] = useState('');
  const [password, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [touched, setTouched] = useState(false);
  const { busy, error, submit: run } = useSubmit();

  const newError = password ? checkPassword(password, oldPassword) : '';
  const confirmError = confirm && confirm !== password ? '两次输入的新密码不一致' : '';
  const ready = oldPassword !== '' && password !== '' && confirm !== '' && !newError && !confirmError;

  const submit = async () => {
    setTouched(true);
    if (!ready) return;
    await run(async () => {
      await changePassword(oldPassword, password);
      onDone();
    });
  };

  return (
    <div data-testid="change-password-form">
      <Alert theme="info" message={`密码规则：${PASSWORD_POLICY}`} style={{ marginBottom: 16 }} />
      {error && <Alert theme="error" message={error} style={{ marginBottom: 16 }} data-testid="change-password-error" />}
      <Form labelWidth={90} colon={false} onSubmit={() => void submit()}>
        <FormItem label="旧密码" requiredMark>
          <Input type="password" value={oldPassword} onChange={(v) => setOld(String(v))} autocomplete="current-password" data-testid="old-password" />
        </FormItem>
        <FormItem label="新密码" requiredMark>
          <Input
            type="password"
            value={password}
            onChange={(v) => setNew(String(v))}
            status={newError ? 'error' : 'default'}
            tips={newError}
            autocomplete="new-password"
            data-testid="new-password"
          />
        </FormItem>
        <FormItem label="确认新密码" requiredMark>
          <Input
            type="password"
            value={confirm}
            onChange={(v) => setConfirm(String(v))}
            status={confirmError ? 'error' : 'default'}
            tips={confirmError || (touched && !confirm ? '请再次输入新密码' : '')}
            autocomplete="new-password"
            data-testid="confirm-password"
          />
        </FormItem>
        <FormItem>
          <div style={{ display: 'flex', gap: 8 }}>
            <Button tag="button" type="submit" theme="primary" disabled={!ready} loading={busy} data-testid="change-password-submit">
              确认修改
            </Button>
            {onCancel && (
              <Button variant="outline" onClick={onCancel}>
                取消
              </Button>
            )}
          </div>
        </FormItem>
      </Form>
    </div>
  );
}
