import type { ReactNode } from 'react';

/**
 * A labelled form row. TDesign's Form.FormItem is not used: without a `name` it hands its
 * child an undefined value, so controlled inputs lose values set by the wizard.
 */
export default function Field({ label, required, help, error, top, children }: { label: ReactNode; required?: boolean; help?: ReactNode; error?: string; top?: boolean; children: ReactNode }) {
  return (
    <div className={top ? 'batch-field batch-field-top' : 'batch-field'}>
      <div className="batch-field-label">
        {required ? <span className="batch-required">*</span> : null}
        {label}
      </div>
      <div className="batch-field-control">
        {children}
        {error ? <div className="batch-field-error">{error}</div> : help ? <div className="batch-muted">{help}</div> : null}
      </div>
    </div>
  );
}
