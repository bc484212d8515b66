// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api';
import { clickWhenEnabled } from '../../test/user';
import CommitCodeDialog from './CommitCodeDialog';

const api = vi.hoisted(() => ({ getTemplates: vi.fn(), commitCode: vi.fn() }));
vi.mock('../../api', async (orig) => ({ ...(await orig<typeof import('../../api')>()), ...api }));

function Harness({ onCommitted }: { onCommitted: () => void }) {
  const [open, setOpen] = useState(true);
  return (
    <>
      {!open && <span>已关闭</span>}
      <CommitCodeDialog appid="wx1" visible={open} onClose={() => setOpen(false)} onCommitted={onCommitted} />
    </>
  );
}

/** The input of a TDesign field (Textarea puts the test id on the <textarea> itself). */
const field = (id: string) => {
  const el = screen.getByTestId(id);
  return (el.matches('input, textarea') ? el : el.querySelector('input, textarea')) as HTMLInputElement;
};
const submitButton = () => screen.getByRole('button', { name: '提交' });

describe('CommitCodeDialog', () => {
  beforeEach(() => {
    api.getTemplates.mockReset().mockResolvedValue({
      templateList: [
        { templateId: 12, templateType: 0, createTime: 1767300000, userVersion: '2.0.0', userDesc: '商城模板', sourceMiniprogramAppid: '', sourceMiniprogram: '' },
      ],
    });
    api.commitCode.mockReset();
  });

  it('picks a template, checks ext.json and commits with templateId as a string', async () => {
    api.commitCode.mockRejectedValueOnce(new ApiError(1002, '系统错误', 502, 'ext.json 配置不合法（errcode 85013）')).mockResolvedValueOnce(undefined);
    const onCommitted = vi.fn();
    const user = userEvent.setup();
    render(<Harness onCommitted={onCommitted} />);
    expect(api.getTemplates).toHaveBeenCalled();

    await user.click(field('commit-template'));
    await user.click(await screen.findByText(/12 · 2\.0\.0 · 商城模板/));
    await user.type(field('commit-version'), '2.0.1');
    await user.type(field('commit-desc'), '上线商城');
    expect(submitButton()).toBeEnabled();

    await user.type(field('commit-extjson'), '{{"ext": ');
    expect(screen.getByText(/^不是合法的 JSON：/)).toBeVisible();
    expect(submitButton()).toBeDisabled();
    await user.type(field('commit-extjson'), '{{}}');
    expect(submitButton()).toBeEnabled();

    await user.click(submitButton());
    expect(api.commitCode).toHaveBeenCalledWith('wx1', { templateId: '12', extJson: '{"ext": {}}', userVersion: '2.0.1', userDesc: '上线商城' });
    expect(await screen.findByText('ext.json 配置不合法（errcode 85013）')).toBeVisible();
    expect(onCommitted).not.toHaveBeenCalled();

    await clickWhenEnabled(user, submitButton);
    expect(await screen.findByText('已关闭')).toBeInTheDocument();
    expect(onCommitted).toHaveBeenCalledOnce();
  });

  it('says where templates come from when the library is empty', async () => {
    api.getTemplates.mockResolvedValue({ templateList: null });
    render(<Harness onCommitted={vi.fn()} />);
    await vi.waitFor(() => expect(field('commit-template')).toHaveAttribute('placeholder', '模板库为空，请先在「模板库」中添加'));
    expect(submitButton()).toBeDisabled();
  });
});
