// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Authorizer } from '../../api';
import AuthorizerTable from './AuthorizerTable';

const api = vi.hoisted(() => ({ getAuthorizers: vi.fn(), refreshAuthorizer: vi.fn() }));
vi.mock('../../api', async (orig) => ({ ...(await orig<typeof import('../../api')>()), ...api }));

function account(over: Partial<Authorizer>): Authorizer {
  return {
    id: 1,
    appid: 'wx0000000000000001',
    appType: 1,
    serviceType: 2,
    nickName: '示例公众号',
    userName: 'gh_0001',
    headImg: '',
    qrcodeUrl: '',
    principalName: '示例公司',
    refreshToken: '***',
    funcInfo: '|1|2|18',
    verifyInfo: 0,
    authTime: '2026-01-02T03:04:05+08:00',
    registerType: 0,
    accountStatus: 1,
    basicConfig: null,
    status: 'authorized',
    authState: '',
    updateTime: 1767300000,
    ...over,
  };
}

function renderTable() {
  render(
    <MemoryRouter>
      <AuthorizerTable />
    </MemoryRouter>,
  );
}

describe('AuthorizerTable', () => {
  beforeEach(() => {
    api.getAuthorizers.mockReset();
    api.refreshAuthorizer.mockReset();
  });

  it('says how to get the first account, then that nothing matches a filter', async () => {
    api.getAuthorizers.mockResolvedValue({ total: 0, records: [] });
    const user = userEvent.setup();
    renderTable();
    expect(await screen.findByText('暂无已授权的帐号')).toBeVisible();
    expect(screen.getByRole('link', { name: '授权链接生成器' })).toBeVisible();

    await user.type(screen.getByPlaceholderText('名称（模糊匹配）'), '不存在{Enter}');
    expect(await screen.findByText('没有符合条件的帐号')).toBeVisible();
    expect(api.getAuthorizers).toHaveBeenLastCalledWith(expect.objectContaining({ name: '不存在', offset: 0, limit: 15, status: 'authorized' }));
  });

  it('lists accounts; a revoked one has its actions disabled', async () => {
    api.getAuthorizers.mockResolvedValue({
      total: 2,
      records: [account({}), account({ id: 2, appid: 'wx0000000000000002', nickName: '已走的小程序', appType: 0, status: 'revoked' })],
    });
    renderTable();
    const live = (await screen.findByTestId('account-row-wx0000000000000001')).closest('tr')!;
    expect(within(live).getByText('示例公众号')).toBeVisible();
    expect(within(live).getByText('已授权')).toBeVisible();

    expect(within(live).getByRole('button', { name: '刷新信息' })).toBeEnabled();

    const gone = screen.getByTestId('account-row-wx0000000000000002').closest('tr')!;
    expect(within(gone).getByText('已取消授权')).toBeVisible();
    // Under their tooltip TDesign draws disabled buttons as greyed <div disabled>.
    for (const text of ['获取token', '刷新信息', '复制refresh_token']) {
      expect(within(gone).getByText(text).closest('.t-button')).toHaveAttribute('disabled');
    }
    expect(within(gone).getByRole('button', { name: '详情' })).toBeEnabled();
  });

  it('shows 刷新信息 busy while WeChat answers, then reloads the list', async () => {
    api.getAuthorizers.mockResolvedValue({ total: 1, records: [account({})] });
    let answer!: (a: Authorizer) => void;
    api.refreshAuthorizer.mockReturnValue(new Promise((resolve) => (answer = resolve)));
    const user = userEvent.setup();
    renderTable();
    const button = await screen.findByTestId('account-refresh-wx0000000000000001');
    await user.click(button);
    expect(button).toHaveClass('t-is-loading');
    expect(api.refreshAuthorizer).toHaveBeenCalledWith('wx0000000000000001');

    api.getAuthorizers.mockResolvedValue({ total: 1, records: [account({ nickName: '改名后的公众号' })] });
    answer(account({ nickName: '改名后的公众号' }));
    expect(await screen.findByText('改名后的公众号')).toBeVisible();
    expect(await screen.findByText('已从微信刷新「改名后的公众号」的信息')).toBeInTheDocument();
    expect(screen.getByTestId('account-refresh-wx0000000000000001')).not.toHaveClass('t-is-loading');
  });
});
