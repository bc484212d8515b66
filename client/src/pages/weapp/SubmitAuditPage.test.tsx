// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api';
import SubmitAuditPage from './SubmitAuditPage';

const api = vi.hoisted(() => ({
  getCategories: vi.fn(),
  getPageList: vi.fn(),
  getAuditQuota: vi.fn(),
  uploadMedia: vi.fn(),
  submitAudit: vi.fn(),
}));
vi.mock('../../api', async (orig) => ({ ...(await orig<typeof import('../../api')>()), ...api }));

const APPID = 'wx00000000000000a1';

function renderPage() {
  render(
    <MemoryRouter initialEntries={[`/authorizedAccountManage/submitAudit?appid=${APPID}`]}>
      <Routes>
        <Route path="/authorizedAccountManage/submitAudit" element={<SubmitAuditPage />} />
      </Routes>
    </MemoryRouter>,
  );
}

const choose = (testId: string, files: File[]) =>
  fireEvent.change(screen.getByTestId(testId), { target: { files } });

describe('SubmitAuditPage', () => {
  beforeEach(() => {
    Object.values(api).forEach((f) => f.mockReset());
    api.getCategories.mockResolvedValue({ categoryList: [{ firstClass: '工具', secondClass: '效率', firstId: 1, secondId: 11 }] });
    api.getPageList.mockResolvedValue({ pageList: ['pages/index/index', 'pages/shop/shop'] });
    api.getAuditQuota.mockResolvedValue({ rest: 18, limit: 20, speedupRest: 1, speedupLimit: 1 });
  });

  it('refuses to submit, and says why, when the month’s quota is used up', async () => {
    api.getAuditQuota.mockResolvedValue({ rest: 0, limit: 20, speedupRest: 0, speedupLimit: 1 });
    renderPage();
    expect(await screen.findByText(/本月审核额度已用完（共 20 次）/)).toBeVisible();
    expect(screen.getByTestId('audit-submit')).toHaveAttribute('disabled'); // TDesign draws a disabled button as <div disabled>
    expect(api.getAuditQuota).toHaveBeenCalledWith(APPID);
  });

  it('uploads preview images, declares UGC and submits; shows the auditId', async () => {
    api.uploadMedia.mockImplementation(async (_appid: string, type: string, f: File) => ({ type, mediaId: `id-${f.name}`, createdAt: 1 }));
    api.submitAudit
      .mockRejectedValueOnce(new ApiError(1002, '系统错误', 502, '隐私保护指引未填写完整（errcode 61039）'))
      .mockResolvedValueOnce({ auditId: 424242 });
    const user = userEvent.setup();
    renderPage();
    expect(await screen.findByText(/本月剩余审核次数/)).toHaveTextContent('18 / 20');

    choose('audit-pictures-input', [new File(['a'], 'home.png', { type: 'image/png' }), new File(['b'], 'shop.png', { type: 'image/png' })]);
    await vi.waitFor(() => expect(screen.getAllByTestId('audit-pictures-file')).toHaveLength(2));
    expect(api.uploadMedia).toHaveBeenCalledWith(APPID, 'image', expect.any(File));
    const big = new File(['x'], 'huge.mp4', { type: 'video/mp4' });
    Object.defineProperty(big, 'size', { value: 11 * 1024 * 1024 });
    choose('audit-videos-input', [big]);
    expect(await screen.findByText('huge.mp4 超过 10 MB')).toBeVisible();

    await user.click(within(screen.getByTestId('audit-ugc-scene')).getByText('文本'));
    expect(screen.getByTestId('audit-problems')).toHaveTextContent('涉及用户生成内容时须选择内容安全机制');
    expect(screen.getByTestId('audit-submit')).toHaveAttribute('disabled'); // TDesign draws a disabled button as <div disabled>
    await user.click(within(screen.getByTestId('audit-ugc-method')).getByText('使用平台建议的内容安全 API'));
    await user.type(screen.getByTestId('audit-version-desc'), '新版');

    await user.click(screen.getByTestId('audit-submit'));
    expect(await screen.findByText('隐私保护指引未填写完整（errcode 61039）')).toBeVisible();
    expect(api.submitAudit).toHaveBeenCalledWith(APPID, {
      // the account's first category is chosen for the first page
      itemList: [{ address: '', tag: '', title: '', firstClass: '工具', secondClass: '效率', thirdClass: '', firstId: 1, secondId: 11, thirdId: 0 }],
      previewInfo: { videoIdList: [], picIdList: ['id-home.png', 'id-shop.png'] },
      versionDesc: '新版',
      feedbackInfo: '',
      feedbackStuff: '',
      ugcDeclare: { scene: [4], otherSceneDesc: '', method: [1], hasAuditTeam: 0, auditDesc: '' },
    });

    await user.click(screen.getByTestId('audit-submit'));
    expect(await screen.findByTestId('audit-submitted')).toHaveTextContent('424242');
    expect(screen.getByRole('link', { name: '返回版本管理' })).toHaveAttribute('href', `/authorizedAccountManage/miniProgramVersion?appid=${APPID}`);
  });
});
