import { useState } from 'react';
import { Button, Card, Dialog } from 'tdesign-react';
import { changeUsername } from '../../api';
import { saveSession } from '../../api/session';
import ChangePasswordForm from '../../components/ChangePasswordForm';
import EditValueDialog from '../../components/EditValueDialog';
import KeyValue from '../../components/KeyValue';
import { notifySuccess } from '../../components/notify';
import { useConsole } from '../../layout/consoleContext';
import { PASSWORD_POLICY } from '../../utils/validate';

/** The console login: rename the account, change the password. */
export default function AccountSection() {
  const { me, reloadMe } = useConsole();
  const [renaming, setRenaming] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);

  const rename = async (username: string) => {
    await changeUsername(username);
    saveSession({ username });
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
      <EditValueDialog
        header="修改登录帐号"
        visible={renaming}
        initial={me.username}
        placeholder="请输入新的登录帐号"
        validate={(v) => (v.length > 64 ? '帐号不能超过 64 个字符' : v === me.username ? '新帐号与当前帐号相同' : '')}
        onSave={rename}
        onClose={() => setRenaming(false)}
        testId="username-dialog"
      />
      <Dialog header="修改登录密码" visible={changingPassword} footer={false} onClose={() => setChangingPassword(false)} destroyOnClose width={560}>
        <ChangePasswordForm onDone={passwordChanged} onCancel={() => setChangingPassword(false)} />
      </Dialog>
    </Card>
  );
}
