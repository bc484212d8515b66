import { useState } from 'react';
import { Alert, Dialog, Form, Input } from 'tdesign-react';
import { useSubmit } from '../../hooks/useSubmit';
import { checkUsername, USERNAME_POLICY } from '../../utils/validate';

const { FormItem } = Form;

/** Props of RenameAccountDialog. */
export interface RenameAccountDialogProps {
  visible: boolean;
  current: string;
  /** Renames the account; a rejection (wrong password, name taken) is shown inside the dialog. */
  onSave: (username: string, password: string) => Promise<void>;
  onClose: () => void;
}

/** New login name plus the current password, which the server requires for a rename. */
export default function RenameAccountDialog({ visible, current, onSave, onClose }: RenameAccountDialogProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, submit, clearError } = useSubmit();

  // Each opening starts from the current name with an empty password and no
  // error; adjusted while rendering, not in an effect, so nothing stale flashes.
  const opening = visible ? `open:${current}` : '';
  const [opened, setOpened] = useState('');
  if (opening !== opened) {
    setOpened(opening);
    if (visible) {
      setUsername(current);
      setPassword('');
      clearError();
    }
  }

  const name = username.trim();
  const nameError = checkUsername(name) || (name === current ? '新帐号与当前帐号相同' : '');
  const ready = !nameError && password !== '';

  const save = async () => {
    if (!ready) return;
    await submit(async () => {
      await onSave(name, password);
      onClose();
    });
  };

  return (
    <Dialog
      header="修改登录帐号"
      visible={visible}
      onClose={onClose}
      onConfirm={() => void save()}
      confirmBtn={{ content: '保存', loading: busy, disabled: !ready, tag: 'button' }}
      destroyOnClose
      width={520}
      data-testid="username-dialog"
    >
      <p className="muted" style={{ marginTop: 0 }}>
        帐号规则：{USERNAME_POLICY}。修改后请使用新帐号登录。
      </p>
      {error && <Alert theme="error" message={error} style={{ marginBottom: 12 }} data-testid="username-dialog-error" />}
      <Form labelWidth={90} colon={false}>
        <FormItem label="新帐号" requiredMark>
          <Input
            value={username}
            placeholder="请输入新的登录帐号"
            onChange={(v) => setUsername(String(v))}
            status={username && nameError ? 'error' : 'default'}
            tips={username ? nameError : ''}
            autocomplete="username"
            data-testid="username-dialog-input"
          />
        </FormItem>
        <FormItem label="当前密码" requiredMark>
          <Input
            type="password"
            value={password}
            placeholder="请输入当前登录密码"
            onChange={(v) => setPassword(String(v))}
            onEnter={() => void save()}
            autocomplete="current-password"
            data-testid="username-dialog-password"
          />
        </FormItem>
      </Form>
    </Dialog>
  );
}
