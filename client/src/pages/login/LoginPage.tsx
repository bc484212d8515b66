import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Dialog, Input, Link } from 'tdesign-react';
import { LockOnIcon, UserIcon } from 'tdesign-icons-react';
import { login } from '../../api';
import { clearLoginNotice, loginNotice, saveSession } from '../../api/session';
import { HOME_PATH } from '../../config/menu';
import { useSubmit } from '../../hooks/useSubmit';
import './login.css';

/** Login form. The server answers with a session cookie; only name and expiry are remembered here. */
export default function LoginPage() {
  const navigate = useNavigate();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, submit: run } = useSubmit();
  const [helpOpen, setHelpOpen] = useState(false);
  // Why the console sent the user here (the session expired or was revoked), shown once.
  const [notice] = useState(loginNotice);
  useEffect(clearLoginNotice, []);
  const ready = username.trim() !== '' && password !== '';

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!ready) return;
    await run(async () => {
      const res = await login(username.trim(), password);
      saveSession({ username: res.username || username.trim(), expiresAt: res.expiresAt });
      // The console layout shows the forced password change when the server asks for it.
      navigate(HOME_PATH, { replace: true });
    });
  };

  return (
    <div className="login-page">
      <form className="login-card" onSubmit={submit} data-testid="login-form">
        <div className="login-title">服务商微管家</div>
        <div className="login-subtitle">微信开放平台第三方平台管理控制台</div>
        {error ? (
          <Alert theme="error" message={error} data-testid="login-error" className="login-alert" />
        ) : (
          notice && <Alert theme="warning" message={notice} data-testid="login-notice" className="login-alert" />
        )}
        <Input
          size="large"
          placeholder="请输入帐号"
          prefixIcon={<UserIcon />}
          value={username}
          onChange={(v) => setUsername(String(v))}
          autocomplete="username"
          data-testid="login-username"
        />
        <Input
          size="large"
          type="password"
          placeholder="请输入密码"
          prefixIcon={<LockOnIcon />}
          value={password}
          onChange={(v) => setPassword(String(v))}
          onEnter={() => void submit()}
          autocomplete="current-password"
          data-testid="login-password"
        />
        <Button size="large" block tag="button" type="submit" theme="primary" disabled={!ready} loading={busy} data-testid="login-submit">
          登录
        </Button>
        <div className="login-help">
          <Link theme="primary" hover="color" onClick={() => setHelpOpen(true)} data-testid="login-forgot">
            忘记帐号或密码？
          </Link>
        </div>
      </form>
      <Dialog header="忘记帐号或密码" visible={helpOpen} onClose={() => setHelpOpen(false)} cancelBtn={null} confirmBtn="我知道了" onConfirm={() => setHelpOpen(false)}>
        <p>首个管理员帐号在服务首次启动时创建：</p>
        <ul className="login-help-list">
          <li>
            设置了 <code>ADMIN_USERNAME</code> / <code>ADMIN_PASSWORD</code> 时，使用该帐号和密码；
          </li>
          <li>
            否则使用 <code>MYSQL_USERNAME</code> / <code>MYSQL_PASSWORD</code>（云托管一键部署）；
          </li>
          <li>都未设置时，生成随机密码，连同帐号只在首次启动时打印一次到服务的标准输出。</li>
        </ul>
        <p>后两种情况首次登录后须修改密码。</p>
        <p className="muted">密码无法找回；如已遗忘，请联系部署该服务的管理员。</p>
      </Dialog>
    </div>
  );
}
