import type { ReactNode } from 'react';

/** One labelled row of a settings-style list: label, value and optional actions. */
export default function KeyValue({ label, children, actions, testId }: { label: ReactNode; children: ReactNode; actions?: ReactNode; testId?: string }) {
  return (
    <div className="kv-row" data-testid={testId}>
      <div className="kv-label">{label}</div>
      <div className="kv-value">{children}</div>
      {actions && <div className="kv-actions">{actions}</div>}
    </div>
  );
}
