import AccountSection from './AccountSection';
import AppSecretSection from './AppSecretSection';
import CallbackSecretsSection from './CallbackSecretsSection';

/** Secret与密码管理: AppSecret, message verification secrets, console login. */
export default function PasswordManagePage() {
  return (
    <div className="page-stack" data-testid="password-manage">
      <AppSecretSection />
      <CallbackSecretsSection />
      <AccountSection />
    </div>
  );
}
