// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, type Template } from '../../api';
import { clickWhenEnabled } from '../../test/user';
import TemplatePage from './TemplatePage';

const api = vi.hoisted(() => ({ getTemplates: vi.fn(), getTemplateDrafts: vi.fn(), addToTemplate: vi.fn(), deleteTemplate: vi.fn() }));
vi.mock('../../api', async (orig) => ({ ...(await orig<typeof import('../../api')>()), ...api }));

const tpl = (over: Partial<Template>): Template => ({
  templateId: 12, templateType: 0, createTime: 1767300000, userVersion: '2.0.0', userDesc: '商城模板',
  sourceMiniprogramAppid: 'wxdev', sourceMiniprogram: '开发小程序', ...over,
});

const confirm = async (user: ReturnType<typeof userEvent.setup>, testId: string) => {
  await user.click(screen.getByTestId(testId));
  const dialog = screen.getByTestId(`${testId}-dialog`);
  await user.click(within(dialog).getByRole('button', { name: '确定' }));
  return dialog;
};

describe('TemplatePage', () => {
  beforeEach(() => {
    Object.values(api).forEach((f) => f.mockReset());
    api.getTemplates.mockResolvedValue({ templateList: [tpl({}), tpl({ templateId: 13, templateType: 1, auditStatus: 3 })] });
    api.getTemplateDrafts.mockResolvedValue({
      draftList: [{ draftId: 7, createTime: 1767200000, userVersion: '2.1.0', userDesc: '新草稿', sourceMiniprogramAppid: 'wxdev', sourceMiniprogram: '开发小程序' }],
    });
  });

  it('lists templates and deletes one after confirmation, showing WeChat’s refusal in words', async () => {
    api.deleteTemplate.mockRejectedValueOnce(new ApiError(1002, '系统错误', 502, '模板不存在（errcode 85064）')).mockResolvedValueOnce(undefined);
    const user = userEvent.setup();
    render(<MemoryRouter><TemplatePage /></MemoryRouter>);
    expect(await screen.findByTestId('template-12')).toBeVisible();
    expect(screen.getByText('标准模板')).toBeVisible();
    expect(screen.getByText('审核通过')).toBeVisible();

    const dialog = await confirm(user, 'template-delete-12');
    expect(await within(dialog).findByText('模板不存在（errcode 85064）')).toBeVisible();
    api.getTemplates.mockResolvedValue({ templateList: [tpl({ templateId: 13, templateType: 1 })] });
    await clickWhenEnabled(user, () => within(dialog).getByRole('button', { name: '确定' }));
    expect(api.deleteTemplate).toHaveBeenCalledTimes(2);
    expect(api.deleteTemplate).toHaveBeenLastCalledWith(12);
    await vi.waitFor(() => expect(screen.queryByTestId('template-12')).toBeNull());
  });

  it('adds a draft to the library as a normal or a standard template', async () => {
    api.addToTemplate.mockResolvedValue(undefined);
    const user = userEvent.setup();
    render(<MemoryRouter><TemplatePage /></MemoryRouter>);
    await user.click(await screen.findByText('草稿箱'));
    expect(await screen.findByTestId('draft-7')).toBeInTheDocument();
    await confirm(user, 'draft-add-1-7');
    expect(api.addToTemplate).toHaveBeenCalledWith(7, 1);
    expect(await screen.findByTestId('template-12')).toBeVisible(); // back on the library to see it
    await user.click(screen.getByText('草稿箱'));
    await confirm(user, 'draft-add-0-7');
    expect(api.addToTemplate).toHaveBeenLastCalledWith(7, 0);
    await vi.waitFor(() => expect(api.getTemplates).toHaveBeenCalledTimes(3)); // reloaded after each
  });
});
