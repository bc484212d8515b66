// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client';
import { HOME_PATH } from '../../config/menu';
import LoginPage from './LoginPage';

const login = vi.hoisted(() => vi.fn());
vi.mock('../../api', async (orig) => ({ ...(await orig<typeof import('../../api')>()), login }));

function renderLogin() {
  render(
    <MemoryRouter initialEntries={['/login']}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path={HOME_PATH} element={<p>首页已打开</p>} />
      </Routes>
    </MemoryRouter>,
  );
  return { submit: screen.getByRole('button', { name: '登录' }) };
}

async function fill(user: ReturnType<typeof userEvent.setup>, username: string, password: string) {
  await user.type(screen.getByPlaceholderText('请输入帐号'), username);
  await user.type(screen.getByPlaceholderText('请输入密码'), password);
}

describe('LoginPage', () => {
  beforeEach(() => {
    login.mockReset();
    localStorage.clear();
  });

  it('keeps 登录 disabled until both fields are filled', async () => {
    const user = userEvent.setup();
    const { submit } = renderLogin();
    expect(submit).toBeDisabled();
    await user.type(screen.getByPlaceholderText('请输入帐号'), 'admin');
    expect(submit).toBeDisabled();
    await user.type(screen.getByPlaceholderText('请输入密码'), 'secret');
    expect(submit).toBeEnabled();
  });

  it('shows the server refusal inside the form and stays on the page', async () => {
    login.mockRejectedValue(new ApiError(1006, '登录失败', 401, '帐号或密码错误'));
    const user = userEvent.setup();
    const { submit } = renderLogin();
    await fill(user, 'admin', 'wrong');
    await user.click(submit);
    expect(await screen.findByText('登录失败：帐号或密码错误')).toBeVisible();
    expect(login).toHaveBeenCalledWith('admin', 'wrong');
    expect(screen.queryByText('首页已打开')).toBeNull();
  });

  it('shows the button busy while signing in, then opens the console', async () => {
    let answer!: (v: { username: string; expiresAt: number }) => void;
    login.mockReturnValue(new Promise((resolve) => (answer = resolve)));
    const user = userEvent.setup();
    const { submit } = renderLogin();
    await fill(user, ' admin ', 'secret');
    await user.keyboard('{Enter}');
    expect(submit).toHaveClass('t-is-loading');
    await user.click(submit); // a second submit while busy is ignored
    expect(login).toHaveBeenCalledTimes(1);
    expect(login).toHaveBeenCalledWith('admin', 'secret');
    answer({ username: 'admin', expiresAt: 2_000_000_000 });
    expect(await screen.findByText('首页已打开')).toBeVisible();
  });
});
