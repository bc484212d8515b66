// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import BatchListPage from './BatchListPage';
import { AtRoute } from './testing';

const api = vi.hoisted(() => ({ getBatches: vi.fn() }));
vi.mock('../../api/batch', async (orig) => ({ ...(await orig<typeof import('../../api/batch')>()), ...api }));

const show = () => render(<AtRoute path="/batchRelease" page={<BatchListPage />} />);

describe('BatchListPage', () => {
  beforeEach(() => api.getBatches.mockReset());

  it('lists batches with state and progress in words; a name opens its detail', async () => {
    api.getBatches.mockResolvedValue({
      total: 2,
      records: [
        { id: 9, name: '春季上新', state: 'running', templateId: 7, userVersion: '1.2.0', counts: { done: 1, auditing: 2, failed: 1 }, createdAt: 1767300000, updatedAt: 1767300000 },
        { id: 8, name: '', state: 'halted', templateId: 6, userVersion: '1.1.0', counts: { rejected: 1, pending: 3 }, createdAt: '2026-01-02T03:04:05Z', updatedAt: 0 },
      ],
    });
    const user = userEvent.setup();
    show();
    const first = (await screen.findByTestId('batch-open-9')).closest('tr')!;
    expect(within(first).getByText('进行中')).toBeVisible();
    expect(within(first).getByText('#7 · 1.2.0')).toBeVisible();
    expect(within(first).getByText('1/4')).toBeVisible();
    expect(within(first).getByText('审核中 2 · 已完成 1 · 失败 1')).toBeVisible();
    const second = screen.getByTestId('batch-open-8').closest('tr')!;
    expect(within(second).getByText('批量发布 #8')).toBeVisible();
    expect(within(second).getByText('已中止（灰度未通过）')).toBeVisible();
    expect(api.getBatches).toHaveBeenCalledWith({ offset: 0, limit: 20 });

    await user.click(screen.getByTestId('batch-open-9'));
    expect(screen.getByTestId('where')).toHaveTextContent('/batchRelease/detail?id=9');
  });

  it('says how to start when there is none, and 新建批量发布 opens the wizard', async () => {
    api.getBatches.mockResolvedValue({ total: 0, records: null });
    const user = userEvent.setup();
    show();
    expect(await screen.findByText('还没有批量发布')).toBeVisible();
    await user.click(screen.getByRole('button', { name: '新建批量发布' }));
    expect(screen.getByTestId('where')).toHaveTextContent('/batchRelease/new');
  });
});
