// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, type DevWeapp } from '../../api';
import { clickWhenEnabled } from '../../test/user';
import DevWeappTable from './DevWeappTable';

const api = vi.hoisted(() => ({ getDevWeapps: vi.fn(), getReleaseQrCode: vi.fn(), changeVisitStatus: vi.fn() }));
vi.mock('../../api', async (orig) => ({ ...(await orig<typeof import('../../api')>()), ...api }));

const weapp = (over: Partial<DevWeapp>): DevWeapp => ({
  appid: 'wx00000000000000a1',
  nickName: '示例小程序',
  funcInfo: [17, 18],
  qrCodeUrl: '',
  ...over,
});

const row = (appid: string) => screen.getByTestId(`weapp-row-${appid}`).closest('tr')!;

describe('DevWeappTable', () => {
  beforeEach(() => Object.values(api).forEach((f) => f.mockReset()));

  it('shows each mini program’s versions and service state, and links to 版本管理', async () => {
    api.getDevWeapps.mockResolvedValue({
      total: 2,
      records: [
        weapp({
          serviceStatus: 1,
          releaseInfo: { releaseTime: 1767300000, releaseVersion: '1.0.0', releaseDesc: '首发' },
          expInfo: { expTime: 1767400000, expVersion: '1.1.0', expDesc: '体验' },
          refreshedAt: 1767500000,
        }),
        weapp({ appid: 'wx00000000000000a2', nickName: '新小程序' }),
      ],
    });
    render(<MemoryRouter><DevWeappTable /></MemoryRouter>);
    await screen.findByTestId('weapp-row-wx00000000000000a1');
    expect(api.getDevWeapps).toHaveBeenCalledWith({ offset: 0, limit: 15, appid: '' });

    const live = row('wx00000000000000a1');
    expect(within(live).getByTestId('weapp-release-wx00000000000000a1')).toHaveTextContent('1.0.0');
    expect(within(live).getByTestId('weapp-exp-wx00000000000000a1')).toHaveTextContent('1.1.0');
    expect(within(live).getByText('正常')).toBeVisible();
    expect(within(live).getByRole('link')).toHaveAttribute('href', '/authorizedAccountManage/miniProgramVersion?appid=wx00000000000000a1');

    const fresh = row('wx00000000000000a2');
    expect(within(fresh).getByText('未知')).toBeVisible(); // never read from WeChat: not shown as paused
    expect(within(fresh).getByText('尚未查询')).toBeVisible();
    expect(within(fresh).queryByText('小程序码')).toBeNull();
  });

  it('shows the release QR code, and resumes a paused service after confirmation', async () => {
    api.getDevWeapps.mockResolvedValue({
      total: 1,
      records: [weapp({ serviceStatus: 0, releaseInfo: { releaseTime: 1, releaseVersion: '1.0.0', releaseDesc: '' } })],
    });
    api.getReleaseQrCode.mockResolvedValue({ releaseQrCode: 'QUJD' });
    api.changeVisitStatus.mockRejectedValueOnce(new ApiError(1002, '系统错误', 502, '没有线上版本（errcode 85052）')).mockResolvedValueOnce(undefined);
    const user = userEvent.setup();
    render(<MemoryRouter><DevWeappTable /></MemoryRouter>);

    await user.click(await screen.findByTestId('weapp-qr-wx00000000000000a1'));
    expect(await screen.findByTestId('weapp-release-qr')).toHaveAttribute('src', 'data:image/jpeg;base64,QUJD');

    expect(within(row('wx00000000000000a1')).getByText('已暂停服务')).toBeVisible();
    await user.click(screen.getByTestId('weapp-resume-wx00000000000000a1'));
    const dialog = screen.getByTestId('weapp-resume-wx00000000000000a1-dialog');
    await user.click(within(dialog).getByRole('button', { name: '确定' }));
    expect(await within(dialog).findByText('没有线上版本（errcode 85052）')).toBeVisible();
    expect(api.changeVisitStatus).toHaveBeenCalledWith('wx00000000000000a1', 'open');

    api.getDevWeapps.mockResolvedValue({ total: 1, records: [weapp({ serviceStatus: 1 })] });
    await clickWhenEnabled(user, () => within(dialog).getByRole('button', { name: '确定' }));
    expect(await screen.findByText('正常')).toBeVisible();
  });

  it('searches by AppID and says when nothing matches', async () => {
    api.getDevWeapps.mockResolvedValue({ total: 0, records: [] });
    const user = userEvent.setup();
    render(<MemoryRouter><DevWeappTable /></MemoryRouter>);
    expect(await screen.findByText('暂无代开发小程序')).toBeVisible();
    await user.type(screen.getByPlaceholderText('AppID（精确匹配）'), ' wxnope {Enter}');
    expect(await screen.findByText('没有符合条件的小程序')).toBeVisible();
    expect(api.getDevWeapps).toHaveBeenLastCalledWith({ offset: 0, limit: 15, appid: 'wxnope' });
  });
});
