import type { ReactNode } from 'react';
import { Loading } from 'tdesign-react';
import { CheckCircleFilledIcon, ErrorCircleFilledIcon } from 'tdesign-icons-react';
import './authpage.css';

/** Props of AuthStatusCard. */
export interface AuthStatusCardProps {
  status: 'loading' | 'success' | 'error';
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
  testId: string;
}

/** The one card a standalone authorization page shows: waiting, done or what went wrong. */
export default function AuthStatusCard({ status, title, children, actions, testId }: AuthStatusCardProps) {
  return (
    <div className="auth-standalone">
      <div className="auth-card" data-testid={testId} data-status={status} role={status === 'error' ? 'alert' : 'status'}>
        <div className={`auth-card-icon ${status}`}>
          {status === 'loading' && <Loading size="48px" />}
          {status === 'success' && <CheckCircleFilledIcon />}
          {status === 'error' && <ErrorCircleFilledIcon />}
        </div>
        <h1 data-testid={`${testId}-title`}>{title}</h1>
        {children && <div className="auth-card-body" data-testid={`${testId}-body`}>{children}</div>}
        {actions && <div className="auth-card-actions">{actions}</div>}
        <div className="auth-card-footer">微信第三方平台授权</div>
      </div>
    </div>
  );
}
