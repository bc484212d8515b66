import { Button, Card } from 'tdesign-react';
import ChangePasswordForm from '../components/ChangePasswordForm';
import { notifySuccess } from '../components/notify';
import { useConsole } from './consoleContext';

/** Shown instead of the console until the initial password has been replaced. */
export default function ForcedPasswordChange() {
  const { me, reloadMe, logout } = useConsole();
  const done = () => {
    notifySuccess('密码已修改');
    void reloadMe();
  };
  return (
    <div className="forced-password" data-testid="forced-password-change">
      <Card
        title="首次登录，请修改密码"
        subtitle={`当前帐号：${me.username}`}
        actions={
          <Button variant="text" onClick={() => void logout()} data-testid="logout">
            退出
          </Button>
        }
        style={{ width: 520 }}
      >
        <p className="muted" style={{ marginTop: 0 }}>
          当前密码为初始密码（或已被要求重置），修改后才能使用控制台。
        </p>
        <ChangePasswordForm onDone={done} />
      </Card>
    </div>
  );
}
