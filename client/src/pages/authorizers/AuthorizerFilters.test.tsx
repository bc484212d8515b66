// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import AuthorizerFilters from './AuthorizerFilters';
import { INITIAL_FILTERS } from './filters';

function setup() {
  const onApply = vi.fn();
  const onReset = vi.fn();
  render(<AuthorizerFilters filters={INITIAL_FILTERS} onApply={onApply} onReset={onReset} />);
  return { onApply, onReset, user: userEvent.setup() };
}

const appid = () => screen.getByPlaceholderText('AppID（精确匹配）');
const name = () => screen.getByPlaceholderText('名称（模糊匹配）');

describe('AuthorizerFilters', () => {
  it('applies the typed AppID and name, trimmed, only on 查询', async () => {
    const { onApply, user } = setup();
    await user.type(appid(), '  wx0123456789abcdef ');
    await user.type(name(), ' 小店 ');
    expect(onApply).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: '查询' }));
    expect(onApply).toHaveBeenCalledWith({ appid: 'wx0123456789abcdef', name: '小店' });
  });

  it('applies on Enter as well', async () => {
    const { onApply, user } = setup();
    await user.type(name(), '小店{Enter}');
    expect(onApply).toHaveBeenCalledWith({ appid: '', name: '小店' });
  });

  it('empties the fields on 重置', async () => {
    const { onReset, user } = setup();
    await user.type(appid(), 'wx1');
    await user.type(name(), '小店');
    await user.click(screen.getByRole('button', { name: '重置' }));
    expect(onReset).toHaveBeenCalledOnce();
    expect(appid()).toHaveValue('');
    expect(name()).toHaveValue('');
  });

  it('shows type and status choices', () => {
    setup();
    expect(screen.getByTestId('account-filter-type').querySelector('input')).toHaveValue('全部类型');
    expect(screen.getByTestId('account-filter-status').querySelector('input')).toHaveValue('已授权');
  });

});
