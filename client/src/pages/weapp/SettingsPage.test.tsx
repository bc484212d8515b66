// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import SettingsPage from './SettingsPage';

const api = vi.hoisted(() => ({
  getServerDomains: vi.fn(),
  setServerDomains: vi.fn(),
  getWebviewDomains: vi.fn(),
  setWebviewDomains: vi.fn(),
  getPrivacySetting: vi.fn(),
  setPrivacySetting: vi.fn(),
}));
vi.mock('../../api', async (orig) => ({ ...(await orig<typeof import('../../api')>()), ...api }));

const APPID = 'wx00000000000000a1';
const DOMAINS = { requestDomain: ['https://api.example.com'], wsRequestDomain: [], uploadDomain: [], downloadDomain: [] };

function renderPage() {
  render(
    <MemoryRouter initialEntries={[`/authorizedAccountManage/weappSettings?appid=${APPID}`]}>
      <Routes>
        <Route path="/authorizedAccountManage/weappSettings" element={<SettingsPage />} />
      </Routes>
    </MemoryRouter>,
  );
}

const input = (testId: string) => {
  const el = screen.getByTestId(testId);
  return (el.matches('input') ? el : el.querySelector('input'))!;
};

describe('SettingsPage', () => {
  beforeEach(() => {
    Object.values(api).forEach((f) => f.mockReset());
    api.getServerDomains.mockResolvedValue(DOMAINS);
    api.getWebviewDomains.mockResolvedValue({ webviewDomain: [] });
    api.getPrivacySetting.mockResolvedValue({
      codeExist: 1,
      privacyList: ['UserInfo', 'Location'],
      settingList: [{ privacyKey: 'UserInfo', privacyText: '登录', privacyLabel: '用户信息' }],
      ownerSetting: { contactEmail: 'dev@example.com', noticeMethod: '弹窗' },
      privacyDesc: { privacyDescList: [{ privacyKey: 'Location', privacyDesc: '位置信息' }] },
    });
  });

  it('edits the server domains, refusing a domain without https://', async () => {
    api.setServerDomains.mockImplementation(async (_a: string, b: object) => b);
    const user = userEvent.setup();
    renderPage();
    await screen.findByText('https://api.example.com');
    await user.type(input('domain-requestDomain'), 'http://plain.example.com{Enter}');
    expect(await screen.findByText('须以 https:// 开头：http://plain.example.com')).toBeVisible();
    expect(screen.getByTestId('domain-save')).toHaveAttribute('disabled');

    await user.type(input('domain-requestDomain'), '{Backspace}'); // removes the last tag
    expect(screen.queryByText('http://plain.example.com')).toBeNull();
    await user.type(input('domain-requestDomain'), 'https://cdn.example.com{Enter}');
    await vi.waitFor(() => expect(screen.getByTestId('domain-save')).not.toHaveAttribute('disabled'));
    await user.click(screen.getByTestId('domain-save'));
    expect(api.setServerDomains).toHaveBeenCalledWith(APPID, expect.objectContaining({ action: 'set', requestDomain: expect.arrayContaining(['https://cdn.example.com']) }));
  });

  it('asks for every privacy interface the code uses, then saves the guide', async () => {
    api.setPrivacySetting.mockResolvedValue(undefined);
    const user = userEvent.setup();
    renderPage();
    expect(await screen.findByTestId('privacy-used')).toHaveTextContent('UserInfo');
    expect(screen.getByTestId('privacy-problems')).toHaveTextContent('请说明用途：Location');
    await user.type(input('privacy-text-Location'), '附近门店');
    await user.click(screen.getByTestId('privacy-save'));
    expect(api.setPrivacySetting).toHaveBeenCalledWith(APPID, {
      privacyVer: 2,
      ownerSetting: { contactEmail: 'dev@example.com', noticeMethod: '弹窗' },
      settingList: [
        { privacyKey: 'UserInfo', privacyText: '登录' },
        { privacyKey: 'Location', privacyText: '附近门店' },
      ],
    });
    expect(await screen.findByText('隐私保护指引已保存')).toBeInTheDocument();
  });
});
