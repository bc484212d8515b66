import { useState, type ReactNode } from 'react';
import { Alert, Button, Dialog, type ButtonProps } from 'tdesign-react';
import { useSubmit } from '../../hooks/useSubmit';

/** Props of ConfirmAction. */
export interface ConfirmActionProps {
  /** The button's text, also the dialog's title unless header is given. */
  text: string;
  header?: string;
  /** What the action does and what cannot be undone. */
  content: ReactNode;
  /** Runs the action; a rejection is shown inside the dialog in words. */
  onConfirm: () => Promise<void>;
  /** Runs after a success, e.g. to reload and toast. */
  onDone?: () => void;
  danger?: boolean;
  disabled?: boolean;
  variant?: ButtonProps['variant'];
  testId?: string;
}

/** A button whose action runs only after the operator confirmed it in a dialog. */
export default function ConfirmAction(p: ConfirmActionProps) {
  const [open, setOpen] = useState(false);
  const { busy, error, submit, clearError } = useSubmit();
  const confirm = async () => {
    const ok = await submit(p.onConfirm);
    if (ok) {
      setOpen(false);
      p.onDone?.();
    }
  };
  return (
    <>
      <Button
        theme={p.danger ? 'danger' : 'primary'}
        variant={p.variant ?? 'outline'}
        disabled={p.disabled}
        onClick={() => {
          clearError();
          setOpen(true);
        }}
        data-testid={p.testId}
      >
        {p.text}
      </Button>
      <Dialog
        header={p.header ?? p.text}
        visible={open}
        theme={p.danger ? 'warning' : 'default'}
        onClose={() => setOpen(false)}
        onConfirm={() => void confirm()}
        confirmBtn={{ content: '确定', theme: p.danger ? 'danger' : 'primary', loading: busy, tag: 'button' }}
        destroyOnClose
        data-testid={p.testId ? `${p.testId}-dialog` : undefined}
      >
        <div>{p.content}</div>
        {error && <Alert theme="error" message={error} style={{ marginTop: 12 }} />}
      </Dialog>
    </>
  );
}
