import { useState } from 'react';
import { Button, Card, Dialog } from 'tdesign-react';
import { changeUsername } from '../../api';
import { saveSession } from '../../api/session';
import ChangePasswordForm from '../../components/ChangePasswordForm';
import KeyValue from '../../components/KeyValue';
import { notifySuccess } from '../../components/notify';
import { useConsole } from '../../layout/consoleContext';
import { PASSWORD_POLICY } from '../../utils/validate';
import RenameAccountDialog from './RenameAccountDialog';

/** The console login: rename the account, change the password. */
export default function AccountSection() {
  const { me, reloadMe } = useConsole();
  const [renaming, setRenaming] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);

  const rename = async (username: string, password: string) => {
    const s = await changeUsername(username, password);
    saveSession({ username: s?.username || username, expiresAt: s?.expiresAt });
    notifySuccess('登录帐号已修改');
    await reloadMe();
  };
  const passwordChanged = () => {
    setChangingPassword(false);
    notifySuccess('登录密码已修改');
    void reloadMe();
  };

  return (
    <Card title="登录信息" bordered={false}>
      <KeyValue
        label="登录帐号"
        testId="username-row"
        actions={
          <Button variant="text" theme="primary" onClick={() => setRenaming(true)} data-testid="username-edit">
            修改帐号
          </Button>
        }
      >
        {me.username}
      </KeyValue>
      <KeyValue
        label="登录密码"
        testId="password-row"
        actions={
          <Button variant="text" theme="primary" onClick={() => setChangingPassword(true)} data-testid="password-edit">
            修改密码
          </Button>
        }
      >
        <span>********</span> <span className="muted">（{PASSWORD_POLICY}）</span>
      </KeyValue>
      <RenameAccountDialog visible={renaming} current={me.username} onSave={rename} onClose={() => setRenaming(false)} />
      <Dialog header="修改登录密码" visible={changingPassword} footer={false} onClose={() => setChangingPassword(false)} destroyOnClose width={560}>
        <ChangePasswordForm onDone={passwordChanged} onCancel={() => setChangingPassword(false)} />
      </Dialog>
    </Card>
  );
}
