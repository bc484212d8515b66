import { useState } from 'react';
import { Alert, Dialog, Input } from 'tdesign-react';
import { useSubmit } from '../hooks/useSubmit';

/** Props of EditValueDialog. */
export interface EditValueDialogProps {
  header: string;
  visible: boolean;
  placeholder?: string;
  hint?: string;
  initial?: string;
  password?: boolean;
  /** Returns an error text, or "" when the value is acceptable. */
  validate?: (value: string) => string;
  /** Saves the value; a rejection is shown inside the dialog. */
  onSave: (value: string) => Promise<void>;
  onClose: () => void;
  testId?: string;
}

/** A dialog editing one text value, with client-side validation and server errors shown inline. */
export default function EditValueDialog(p: EditValueDialogProps) {
  const [value, setValue] = useState('');
  const { busy, error, submit, clearError } = useSubmit();

  // Each opening starts from `initial` without the last error. Adjusted while
  // rendering (not in an effect) so the old value never flashes.
  const opening = p.visible ? `open:${p.initial ?? ''}` : '';
  const [opened, setOpened] = useState('');
  if (opening !== opened) {
    setOpened(opening);
    if (p.visible) {
      setValue(p.initial ?? '');
      clearError();
    }
  }

  const invalid = value.trim() === '' ? '请输入内容' : (p.validate?.(value.trim()) ?? '');
  const save = async () => {
    if (invalid) return;
    await submit(async () => {
      await p.onSave(value.trim());
      p.onClose();
    });
  };

  return (
    <Dialog
      header={p.header}
      visible={p.visible}
      onClose={p.onClose}
      onConfirm={() => void save()}
      confirmBtn={{ content: '保存', loading: busy, disabled: !!invalid, tag: 'button' }}
      destroyOnClose
      data-testid={p.testId}
    >
      {p.hint && <p className="muted" style={{ marginTop: 0 }}>{p.hint}</p>}
      {error && <Alert theme="error" message={error} style={{ marginBottom: 12 }} />}
      <Input
        value={value}
        type={p.password ? 'password' : 'text'}
        placeholder={p.placeholder}
        onChange={(v) => setValue(String(v))}
        onEnter={() => void save()}
        status={value && invalid ? 'error' : 'default'}
        tips={value ? invalid : ''}
        data-testid={p.testId ? `${p.testId}-input` : undefined}
      />
    </Dialog>
  );
}
