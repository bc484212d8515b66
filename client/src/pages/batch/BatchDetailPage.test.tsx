// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client';
import BatchDetailPage from './BatchDetailPage';
import { AtRoute, batchAccount, batchReport } from './testing';

const api = vi.hoisted(() => ({ getBatch: vi.fn(), controlBatch: vi.fn(), batchAccountsAction: vi.fn() }));
vi.mock('../../api/batch', async (orig) => ({ ...(await orig<typeof import('../../api/batch')>()), ...api }));

const show = (refreshMs = 60_000) =>
  render(<AtRoute path="/batchRelease/detail" search="?id=9" page={<BatchDetailPage refreshMs={refreshMs} />} />);

const accounts = [
  batchAccount({ appid: 'wx01', nickName: '一号店', state: 'done', step: 'done', auditId: 4001 }),
  batchAccount({ appid: 'wx02', nickName: '二号店', state: 'failed', step: 'commit', error: '上传代码失败：模板不存在（errcode 85064），不会自动重试' }),
  batchAccount({ appid: 'wx03', nickName: '三号店', state: 'approved', step: 'release', wave: 0, auditId: 4003 }),
  batchAccount({ appid: 'wx04', nickName: '四号店', state: 'rejected', step: 'submit', auditId: 4004, reason: '类目不符' }),
];

describe('BatchDetailPage', () => {
  beforeEach(() => {
    for (const f of Object.values(api)) f.mockReset();
  });

  it('shows state, progress, counts and each account in words; count tags filter the table', async () => {
    api.getBatch.mockResolvedValue(batchReport({ state: 'paused', note: '已暂停', autoRelease: false, quotaHoldUntil: Math.floor(Date.now() / 1000) + 3600 }, accounts));
    const user = userEvent.setup();
    show();
    expect(await screen.findByTestId('batch-state')).toHaveTextContent('已暂停');
    expect(api.getBatch).toHaveBeenCalledWith(9);
    expect(screen.getByText('已完成 1/4')).toBeVisible();
    expect(screen.getByText(/平台审核额度已用尽，提交审核暂停至/)).toBeVisible();
    expect(screen.getByText(/模板 ID 7 · 版本 1.2.0 · 并发 5 · 审核通过后手动发布/)).toBeVisible();
    const failed = screen.getByText('二号店').closest('tr')!;
    expect(within(failed).getByText('失败')).toBeVisible();
    expect(within(failed).getByText('上传代码')).toBeVisible();
    expect(within(failed).getByText(/模板不存在/)).toBeVisible();
    const canary = screen.getByText('三号店').closest('tr')!;
    expect(within(canary).getByText('灰度')).toBeVisible();
    expect(within(canary).getByText('审核通过待发布')).toBeVisible();
    expect(within(canary).getByText('4003')).toBeVisible();
    expect(within(screen.getByText('四号店').closest('tr')!).getByText('驳回原因：类目不符')).toBeVisible();

    await user.click(screen.getByTestId('count-failed'));
    expect(screen.queryByText('一号店')).toBeNull();
    expect(screen.getByText('二号店')).toBeVisible();
    await user.click(screen.getByText('全部 4'));
    expect(screen.getByText('一号店')).toBeVisible();

    // Paused: 继续 instead of 暂停; failed and approved accounts can be acted on.
    expect(screen.queryByRole('button', { name: '暂停' })).toBeNull();
    expect(screen.getByRole('button', { name: '继续' })).toBeVisible();
    expect(screen.getByRole('button', { name: '重试失败（2）' })).toBeVisible();
    expect(screen.getByRole('button', { name: '发布已通过（1）' })).toBeVisible();
  });

  it('retries all failed, or only the selected accounts, and releases the approved ones', async () => {
    api.getBatch.mockResolvedValue(batchReport({ autoRelease: false }, accounts));
    api.batchAccountsAction.mockResolvedValue({ count: 1 });
    const user = userEvent.setup();
    show();
    await user.click(await screen.findByRole('button', { name: '重试失败（2）' }));
    expect(api.batchAccountsAction).toHaveBeenLastCalledWith(9, 'retry', []);
    expect(await screen.findByText('已重试 1 个帐号')).toBeInTheDocument();
    await vi.waitFor(() => expect(api.getBatch).toHaveBeenCalledTimes(2));

    await user.click(screen.getByRole('button', { name: '发布已通过（1）' }));
    expect(api.batchAccountsAction).toHaveBeenLastCalledWith(9, 'release', []);

    await user.click(within(screen.getByText('二号店').closest('tr')!).getByRole('checkbox'));
    await user.click(screen.getByRole('button', { name: '重试所选（1）' }));
    expect(api.batchAccountsAction).toHaveBeenLastCalledWith(9, 'retry', ['wx02']);
  });

  it('pauses at once but cancels only after confirming; a refused action shows why', async () => {
    api.getBatch.mockResolvedValue(batchReport({}, accounts));
    api.controlBatch.mockResolvedValue(undefined);
    const user = userEvent.setup();
    show();
    await user.click(await screen.findByRole('button', { name: '暂停' }));
    expect(api.controlBatch).toHaveBeenCalledWith(9, 'pause');

    api.controlBatch.mockRejectedValue(new ApiError(1008, '状态错误', 409, '批次已完成，不能取消'));
    // While the pause is in flight TDesign draws the disabled 取消发布 inside its Popconfirm as a
    // <div>, not a button: wait for the pause to settle and the button to come back.
    await user.click(await screen.findByRole('button', { name: '取消发布' }));
    expect(api.controlBatch).toHaveBeenCalledTimes(1);
    expect(await screen.findByText(/确定取消此批量发布/)).toBeVisible();
    await user.click(screen.getByRole('button', { name: '确定取消' }));
    expect(api.controlBatch).toHaveBeenLastCalledWith(9, 'cancel');
    expect(await screen.findByText('批次已完成，不能取消')).toBeInTheDocument();
  });

  it('reads a running batch again by itself until it ends', async () => {
    api.getBatch.mockResolvedValueOnce(batchReport({}, [batchAccount({ state: 'active' })]));
    api.getBatch.mockResolvedValue(batchReport({ state: 'done' }, [batchAccount({ state: 'done', step: 'done' })]));
    show(50);
    expect(await screen.findByText('进行中，每 1 秒自动刷新')).toBeVisible();
    expect(await screen.findByText('已结束')).toBeVisible();
    expect(screen.getByText('已完成 1/1')).toBeVisible();
    expect(screen.queryByText(/自动刷新/)).toBeNull();
  });

  it('explains a missing id', () => {
    render(<AtRoute path="/batchRelease/detail" page={<BatchDetailPage />} />);
    expect(screen.getByText('缺少批量发布 ID，请从批量发布列表进入')).toBeVisible();
  });
});
