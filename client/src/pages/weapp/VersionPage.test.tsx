// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, type DevVersions } from '../../api';
import VersionPage from './VersionPage';

const api = vi.hoisted(() => ({
  getDevVersions: vi.fn(),
  getVersionHistory: vi.fn(),
  getReleaseQrCode: vi.fn(),
  getExpQrCode: vi.fn(),
  getTemplates: vi.fn(),
  commitCode: vi.fn(),
  revokeAudit: vi.fn(),
  speedUpAudit: vi.fn(),
  releaseCode: vi.fn(),
  rollbackRelease: vi.fn(),
  changeVisitStatus: vi.fn(),
}));
vi.mock('../../api', async (orig) => ({ ...(await orig<typeof import('../../api')>()), ...api }));

const APPID = 'wx00000000000000a1';

function Where() {
  const l = useLocation();
  return <span data-testid="where">{l.pathname + l.search}</span>;
}

function renderPage(search = `?appid=${APPID}`) {
  render(
    <MemoryRouter initialEntries={[`/authorizedAccountManage/miniProgramVersion${search}`]}>
      <Routes>
        <Route path="/authorizedAccountManage/miniProgramVersion" element={<VersionPage />} />
        <Route path="*" element={<Where />} />
      </Routes>
    </MemoryRouter>,
  );
}

const auditing: DevVersions = {
  auditInfo: { auditId: 9001, status: 2, state: 'auditing', reason: '', screenShot: '', userVersion: '1.1.0', userDesc: '新功能', submitAuditTime: 1767400000 },
  releaseInfo: { releaseTime: 1767300000, releaseVersion: '1.0.0', releaseDesc: '首发' },
  expInfo: { expTime: 1767350000, expVersion: '1.1.0', expDesc: '新功能' },
  serviceStatus: 1,
  refreshedAt: 1767500000,
};

const confirmIn = async (user: ReturnType<typeof userEvent.setup>, testId: string) => {
  await user.click(screen.getByTestId(testId));
  const dialog = screen.getByTestId(`${testId}-dialog`);
  await user.click(within(dialog).getByRole('button', { name: '确定' }));
  return dialog;
};

describe('VersionPage', () => {
  beforeEach(() => {
    Object.values(api).forEach((f) => f.mockReset());
    api.getVersionHistory.mockResolvedValue({ records: [] });
  });

  it('asks for a mini program when opened without an appid', async () => {
    renderPage('');
    expect(await screen.findByText('未指定小程序')).toBeVisible();
    expect(api.getDevVersions).not.toHaveBeenCalled();
  });

  it('shows the three versions; an audit in progress can be sped up with its auditId or withdrawn', async () => {
    api.getDevVersions.mockResolvedValue(auditing);
    api.speedUpAudit.mockResolvedValue(undefined);
    api.revokeAudit.mockRejectedValue(new ApiError(1002, '系统错误', 502, '本月撤回次数已用完（errcode 87013）'));
    const user = userEvent.setup();
    renderPage(`?appId=${APPID}`); // the original console's spelling works too
    expect(await screen.findByTestId('version-audit-status')).toHaveTextContent('审核中');
    expect(api.getDevVersions).toHaveBeenCalledWith(APPID);
    expect(within(screen.getByTestId('version-release')).getByText('1.0.0')).toBeVisible();
    expect(within(screen.getByTestId('version-audit')).getByText('9001')).toBeVisible();
    expect(within(screen.getByTestId('version-exp')).getByText('1.1.0')).toBeVisible();
    // one audit at a time (under its tooltip TDesign draws the disabled button as <div disabled>)
    expect(screen.getByTestId('version-submit-audit')).toHaveAttribute('disabled');
    expect(screen.queryByTestId('version-release-code')).toBeNull();

    await confirmIn(user, 'version-speedup');
    expect(api.speedUpAudit).toHaveBeenCalledWith(APPID, 9001);
    expect(await screen.findByText('已申请加急审核')).toBeInTheDocument();

    const dialog = await confirmIn(user, 'version-revoke');
    expect(await within(dialog).findByText('本月撤回次数已用完（errcode 87013）')).toBeVisible();
  });

  it('shows a rejection with its reason and screenshots, and offers to submit again', async () => {
    api.getDevVersions.mockResolvedValue({
      ...auditing,
      auditInfo: { ...auditing.auditInfo!, status: 1, state: 'rejected', reason: '类目不符<br>请补充资质', screenshots: ['media-1', 'media-2'] },
    });
    const user = userEvent.setup();
    renderPage();
    const reason = await screen.findByTestId('version-audit-reason');
    expect(reason).toHaveTextContent('类目不符');
    expect(reason).toHaveTextContent('请补充资质');
    const shots = within(reason).getAllByTestId('version-audit-screenshot');
    expect(shots.map((i) => i.getAttribute('src'))).toEqual([
      `/wxcomponent/admin/audit-screenshot?appid=${APPID}&mediaId=media-1`,
      `/wxcomponent/admin/audit-screenshot?appid=${APPID}&mediaId=media-2`,
    ]);
    await user.click(screen.getByTestId('version-audit-resubmit'));
    expect(screen.getByTestId('where')).toHaveTextContent(`/authorizedAccountManage/submitAudit?appid=${APPID}`);
  });

  it('releases an approved version, then refreshes from WeChat on 刷新', async () => {
    api.getDevVersions.mockResolvedValue({ ...auditing, auditInfo: { ...auditing.auditInfo!, status: 0, state: 'approved' } });
    api.releaseCode.mockResolvedValue(undefined);
    const user = userEvent.setup();
    renderPage();
    await screen.findByTestId('version-release-code');
    await confirmIn(user, 'version-release-code');
    expect(api.releaseCode).toHaveBeenCalledWith(APPID);
    expect(await screen.findByText('已发布')).toBeInTheDocument();
    await vi.waitFor(() => expect(api.getDevVersions).toHaveBeenCalledTimes(2)); // reloaded after the action

    api.getDevVersions.mockResolvedValue({ ...auditing, refreshedAt: 1767600000 });
    await user.click(screen.getByTestId('version-refresh'));
    expect(api.getDevVersions).toHaveBeenLastCalledWith(APPID, true);
    await vi.waitFor(() => expect(screen.getByTestId('version-audit-status')).toHaveTextContent('审核中'));
  });

  it('rolls back and pauses the online version only after confirmation', async () => {
    api.getDevVersions.mockResolvedValue(auditing);
    api.rollbackRelease.mockResolvedValue(undefined);
    api.changeVisitStatus.mockResolvedValue(undefined);
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByTestId('version-rollback'));
    expect(api.rollbackRelease).not.toHaveBeenCalled();
    await user.click(within(screen.getByTestId('version-rollback-dialog')).getByRole('button', { name: '确定' }));
    expect(api.rollbackRelease).toHaveBeenCalledWith(APPID);

    expect(screen.getByTestId('version-visit')).toHaveTextContent('暂停服务');
    await confirmIn(user, 'version-visit');
    expect(api.changeVisitStatus).toHaveBeenCalledWith(APPID, 'close');
  });

  it('makes an experience QR code for a page', async () => {
    api.getDevVersions.mockResolvedValue(auditing);
    api.getExpQrCode.mockResolvedValue({ expQrCode: 'RVhQ' });
    const user = userEvent.setup();
    renderPage();
    await user.type(await screen.findByPlaceholderText('打开的页面路径，可留空（首页）'), 'pages/shop/index?id=1');
    await user.click(screen.getByTestId('version-exp-qr-load'));
    expect(api.getExpQrCode).toHaveBeenCalledWith(APPID, 'pages/shop/index?id=1');
    expect(await screen.findByTestId('version-exp-qr')).toHaveAttribute('src', 'data:image/jpeg;base64,RVhQ');
  });

  it('shows the history as a timeline of states', async () => {
    api.getDevVersions.mockResolvedValue(auditing);
    api.getVersionHistory.mockResolvedValue({
      records: [
        {
          id: 3, userVersion: '1.1.0', userDesc: '新功能', templateId: 12, auditId: 9001, state: 'rejected', reason: '类目不符',
          createdAt: 1767350000, stateAt: 1767450000,
          events: [
            { fromState: 'committed', toState: 'auditing', source: 'operator', detail: '', at: 1767400000 },
            { fromState: 'auditing', toState: 'rejected', source: 'push', detail: '', at: 1767450000 },
          ],
        },
      ],
    });
    renderPage();
    const item = await screen.findByTestId('history-3');
    expect(item).toHaveTextContent('审核不通过');
    expect(item).toHaveTextContent('已提交代码 → 审核中（控制台操作）');
    expect(item).toHaveTextContent('审核中 → 审核不通过（微信推送）');
    expect(api.getVersionHistory).toHaveBeenCalledWith(APPID);
  });
});
