// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api';
import ProxyConfigPage from './ProxyConfigPage';

const api = vi.hoisted(() => ({ getProxy: vi.fn(), saveProxy: vi.fn(), testProxy: vi.fn() }));
vi.mock('../../api', async (orig) => ({ ...(await orig<typeof import('../../api')>()), ...api }));

const input = (testId: string) => {
  const el = screen.getByTestId(testId);
  return (el.matches('input') ? el : el.querySelector('input'))!;
};

function renderPage() {
  render(
    <MemoryRouter>
      <ProxyConfigPage />
    </MemoryRouter>,
  );
}

describe('ProxyConfigPage', () => {
  beforeEach(() => {
    Object.values(api).forEach((f) => f.mockReset());
  });

  it('starts closed without a target, and says nothing about a default port', async () => {
    api.getProxy.mockResolvedValue({ open: false, port: 0, url: '' });
    renderPage();
    expect(await screen.findByTestId('proxy-status')).toHaveTextContent('已关闭');
    expect(screen.getByTestId('proxy-target')).toHaveTextContent('未配置');
    expect(screen.getByTestId('proxy-toggle')).toHaveAttribute('disabled');
    expect(screen.getByTestId('proxy-test')).toHaveAttribute('disabled');
    expect(screen.getByTestId('proxy-config')).not.toHaveTextContent('8082');
  });

  it('edits the target, refusing a bad port and showing the server refusal inline', async () => {
    api.getProxy.mockResolvedValue({ open: false, port: 0, url: '' });
    api.saveProxy.mockRejectedValueOnce(new ApiError(1001, '参数格式有误', 400, '不能代理到本服务自己的端口 8081')).mockResolvedValueOnce({});
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByTestId('proxy-edit'));
    const dialog = screen.getByTestId('proxy-dialog');
    await user.type(input('proxy-port'), '70000');
    expect(within(dialog).getByTestId('proxy-problem')).toHaveTextContent('端口须为 1-65535');
    await user.clear(input('proxy-port'));
    await user.type(input('proxy-port'), '8081');
    await user.type(input('proxy-path'), '/api');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText(/不能代理到本服务自己的端口 8081/)).toBeVisible();
    expect(api.saveProxy).toHaveBeenCalledWith({ open: false, port: 8081, path: '/api', url: '' });

    api.getProxy.mockResolvedValue({ open: false, port: 9000, path: '/api', url: 'http://127.0.0.1:9000' });
    await user.clear(input('proxy-port'));
    await user.type(input('proxy-port'), '9000');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(screen.getByTestId('proxy-target')).toHaveTextContent('http://127.0.0.1:9000/api'));
  });

  it('switches to a URL target', async () => {
    api.getProxy.mockResolvedValue({ open: true, port: 9000, url: 'http://127.0.0.1:9000' });
    api.saveProxy.mockResolvedValue({});
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByTestId('proxy-edit'));
    await user.click(screen.getByText('完整 URL'));
    await user.type(input('proxy-url'), 'biz:3000');
    expect(screen.getByTestId('proxy-problem')).toHaveTextContent('http(s)://');
    await user.clear(input('proxy-url'));
    await user.type(input('proxy-url'), 'http://biz-service:3000');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(api.saveProxy).toHaveBeenCalledWith({ open: true, port: 0, path: '', url: 'http://biz-service:3000' });
  });

  it('opens after confirmation and keeps the target', async () => {
    api.getProxy.mockResolvedValue({ open: false, port: 9000, url: 'http://127.0.0.1:9000' });
    api.saveProxy.mockResolvedValue({});
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByTestId('proxy-toggle'));
    api.getProxy.mockResolvedValue({ open: true, port: 9000, url: 'http://127.0.0.1:9000' });
    await user.click(await screen.findByRole('button', { name: '确定' }));
    expect(api.saveProxy).toHaveBeenCalledWith({ open: true, port: 9000, path: '', url: '' });
    await waitFor(() => expect(screen.getByTestId('proxy-status')).toHaveTextContent('已开启'));
  });

  it('tests the target and shows status, latency and body, or the reason it failed', async () => {
    api.getProxy.mockResolvedValue({ open: true, port: 9000, url: 'http://127.0.0.1:9000' });
    api.testProxy.mockResolvedValueOnce({ url: 'http://127.0.0.1:9000/', status: 200, latencyMs: 3, body: 'hello', truncated: false });
    api.testProxy.mockRejectedValueOnce(new ApiError(1010, '请求错误', 502, '请求 http://127.0.0.1:9000/ 失败：无法连接'));
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByTestId('proxy-test'));
    const result = await screen.findByTestId('proxy-test-result');
    expect(result).toHaveTextContent('HTTP 200');
    expect(result).toHaveTextContent('3 ms');
    expect(result).toHaveTextContent('hello');
    await user.click(screen.getByTestId('proxy-test'));
    expect(await screen.findByTestId('proxy-test-error')).toHaveTextContent('无法连接');
  });
});
