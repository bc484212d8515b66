// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import { clickWhenEnabled } from '../test/user';
import EditValueDialog from './EditValueDialog';

/** A page with a button opening the dialog, as AppSecretSection uses it. */
function Harness({ onSave }: { onSave: (v: string) => Promise<void> }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button onClick={() => setOpen(true)}>修改</button>
      {!open && <span>已关闭</span>}
      <EditValueDialog
        header="修改 AppSecret"
        visible={open}
        initial="old-value"
        validate={(v) => (v.length < 4 ? '至少 4 个字符' : '')}
        onSave={onSave}
        onClose={() => setOpen(false)}
        testId="edit"
      />
    </>
  );
}

const saveButton = () => screen.getByRole('button', { name: '保存' });
const input = () => screen.getByTestId('edit-input').querySelector('input')!;

describe('EditValueDialog', () => {
  it('starts from the initial value and refuses an invalid one', async () => {
    const user = userEvent.setup();
    render(<Harness onSave={vi.fn()} />);
    await user.click(screen.getByRole('button', { name: '修改' }));
    expect(screen.getByText('修改 AppSecret')).toBeVisible();
    expect(input()).toHaveValue('old-value');
    await user.clear(input());
    expect(saveButton()).toBeDisabled();
    await user.type(input(), 'abc');
    expect(screen.getByText('至少 4 个字符')).toBeVisible();
    expect(saveButton()).toBeDisabled();
  });

  it('shows 保存 busy while saving and the server error inside the dialog', async () => {
    let fail!: (err: unknown) => void;
    const onSave = vi.fn(() => new Promise<void>((_, reject) => (fail = reject)));
    const user = userEvent.setup();
    render(<Harness onSave={onSave} />);
    await user.click(screen.getByRole('button', { name: '修改' }));
    await user.clear(input());
    await user.type(input(), '  new-value  ');
    await user.click(saveButton());
    expect(onSave).toHaveBeenCalledWith('new-value');
    expect(saveButton()).toHaveClass('t-is-loading');

    fail(new ApiError(1001, '参数错误', 200, 'AppSecret 格式不对'));
    expect(await screen.findByText('参数错误：AppSecret 格式不对')).toBeVisible();
    await vi.waitFor(() => expect(saveButton()).not.toHaveClass('t-is-loading'));
    expect(screen.getByText('修改 AppSecret')).toBeVisible(); // still open: the user can correct and retry
  });

  it('closes after a successful save and opens again without the old error', async () => {
    const onSave = vi.fn().mockRejectedValueOnce(new Error('network down')).mockResolvedValueOnce(undefined);
    const user = userEvent.setup();
    render(<Harness onSave={onSave} />);
    await user.click(screen.getByRole('button', { name: '修改' }));
    expect(screen.queryByText('已关闭')).toBeNull();
    await user.clear(input());
    await user.type(input(), 'typed-value');
    await user.click(saveButton());
    expect(await screen.findByText('系统错误，请稍后重试')).toBeVisible();
    await clickWhenEnabled(user, saveButton);
    expect(onSave).toHaveBeenLastCalledWith('typed-value');
    expect(onSave).toHaveBeenCalledTimes(2);
    // jsdom runs no CSS transitions, so the page's own state tells that the dialog closed.
    expect(await screen.findByText('已关闭')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '修改' }));
    expect(input()).toHaveValue('old-value'); // starts over from the initial value
    expect(screen.queryByText('系统错误，请稍后重试')).toBeNull();
  });
});
