// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api';
import type { Delivery, ForwardRule } from '../../api/forward';
import { clickWhenEnabled } from '../../test/user';
import ForwardPage from './ForwardPage';

const api = vi.hoisted(() => ({
  getRules: vi.fn(),
  createRule: vi.fn(),
  updateRule: vi.fn(),
  deleteRule: vi.fn(),
  testRule: vi.fn(),
  getDeliveries: vi.fn(),
  replayDelivery: vi.fn(),
  replayRule: vi.fn(),
  getRuleKey: vi.fn(),
  rotateRuleKey: vi.fn(),
}));
vi.mock('../../api/forward', async (orig) => ({ ...(await orig<typeof import('../../api/forward')>()), ...api }));

const rule = (over: Partial<ForwardRule>): ForwardRule => ({
  id: 3,
  name: '客服消息',
  infoType: '',
  msgType: 'text',
  event: '',
  open: 1,
  data: { port: 8082, path: '/wx/$APPID$/msg', url: '', mode: 'sync' },
  createTime: 1767300000,
  updateTime: 1767300000,
  keyHint: 'whk_…a1b2',
  stats: { pending: 1, delivered: 12, dead: 2, lastStatus: 200, lastError: '', lastTime: 1767300100 },
  ...over,
});

const delivery = (id: number, over: Partial<Delivery> = {}): Delivery => ({
  id,
  ruleId: 3,
  source: 'biz',
  recordId: id * 10,
  appid: 'wx570bc396a51b8ff8',
  msgType: 'text',
  event: '',
  infoType: '',
  mode: 'sync',
  status: 'delivered',
  attempts: 1,
  lastStatus: 200,
  latencyMs: 12,
  lastError: '',
  createTime: 1767300000 + id,
  updateTime: 1767300000 + id,
  nextTime: 0,
  deliveredTime: 1767300000 + id,
  ...over,
});

const COMPONENT = rule({ id: 1, name: '授权通知', infoType: 'authorized', msgType: '', data: { port: 0, path: '', url: 'https://biz.example.com/auth', mode: 'async' } });
const BIZ = rule({});
const SUBSCRIBE = rule({ id: 4, name: '关注事件', msgType: 'event', event: 'subscribe', open: 0, stats: { pending: 0, delivered: 0, dead: 0 } });

/** The input inside a TDesign field whose wrapper carries the test id. */
const field = (id: string) => {
  const el = screen.getByTestId(id);
  return (el.matches('input, textarea') ? el : el.querySelector('input, textarea')) as HTMLInputElement;
};
const biz = () => screen.getByTestId('rules-biz');
const openBizTab = async (user: ReturnType<typeof userEvent.setup>) => {
  await user.click(screen.getByText('普通消息与事件'));
  await within(biz()).findByTestId('rule-name-3');
};

describe('ForwardPage', () => {
  beforeEach(() => {
    Object.values(api).forEach((f) => f.mockReset());
    api.getRules.mockImplementation((type: number) =>
      Promise.resolve(type === 1 ? { total: 1, rules: [COMPONENT] } : { total: 2, rules: [BIZ, SUBSCRIBE] }),
    );
  });

  it('lists the rules of each tab with type, target, mode, state and delivery counters', async () => {
    const user = userEvent.setup();
    render(<ForwardPage />);
    const comp = screen.getByTestId('rules-component');
    const row = (await within(comp).findByTestId('rule-name-1')).closest('tr')!;
    expect(within(row).getByText('authorized')).toBeVisible();
    expect(within(row).getByText('https://biz.example.com/auth')).toBeVisible();
    expect(within(row).getByText('异步')).toBeVisible();
    expect(api.getRules).toHaveBeenCalledWith(1, 0, 20);
    expect(api.getRules).toHaveBeenCalledWith(2, 0, 20);

    await openBizTab(user);
    const text = within(biz()).getByTestId('rule-name-3').closest('tr')!;
    expect(within(text).getByTestId('rule-target-3')).toHaveTextContent('127.0.0.1:8082/wx/$APPID$/msg');
    expect(within(text).getByText('同步被动回复')).toBeVisible();
    expect(within(text).getByTestId('rule-stats-3')).toHaveTextContent('待投递 1已投递 12死信 2');
    const sub = within(biz()).getByTestId('rule-name-4').closest('tr')!;
    expect(within(sub).getByText('subscribe')).toBeVisible();
    expect(within(sub).getByRole('switch')).not.toHaveClass('t-is-checked');
    expect(within(text).getByRole('switch')).toHaveClass('t-is-checked');
  });

  it('adds a biz rule after showing what is wrong, and explains server rejections', async () => {
    api.createRule.mockRejectedValueOnce(new ApiError(1001, '参数错误', 400, '该事件已存在转发规则')).mockResolvedValueOnce(undefined);
    const user = userEvent.setup();
    render(<ForwardPage />);
    await openBizTab(user);
    await user.click(within(biz()).getByTestId('rule-add'));
    const dialog = await screen.findByTestId('rule-dialog');
    expect(within(dialog).getByTestId('rule-mode-help')).toHaveTextContent('微信最多等待 5 秒');

    await user.clear(field('rule-port'));
    await user.type(field('rule-port'), '70000');
    await user.clear(field('rule-path'));
    await user.type(field('rule-path'), 'wx');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await within(dialog).findByText('请输入规则名称')).toBeVisible();
    expect(within(dialog).getByText('请输入 MsgType')).toBeVisible();
    expect(within(dialog).getByText('端口须为 1–65535 的整数')).toBeVisible();
    expect(within(dialog).getByText('目标路径须以 / 开头')).toBeVisible();
    expect(api.createRule).not.toHaveBeenCalled();

    await user.type(field('rule-name'), '文本消息');
    await user.type(field('rule-msgtype'), 'text');
    await user.clear(field('rule-port'));
    await user.type(field('rule-port'), '9000');
    await user.clear(field('rule-path'));
    await user.type(field('rule-path'), '/wx/$APPID$/text');
    await user.click(within(dialog).getByText('异步'));
    expect(within(dialog).getByTestId('rule-mode-help')).toHaveTextContent('转为死信');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await within(dialog).findByTestId('rule-error')).toHaveTextContent('该事件已存在转发规则');
    expect(api.createRule).toHaveBeenCalledWith({
      name: '文本消息',
      infoType: '',
      msgType: 'text',
      event: '',
      open: 1,
      data: { port: 9000, path: '/wx/$APPID$/text', url: '', mode: 'async' },
    });

    const calls = api.getRules.mock.calls.length;
    await clickWhenEnabled(user, () => screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(screen.queryByTestId('rule-dialog')).toBeNull());
    expect(api.createRule).toHaveBeenCalledTimes(2);
    expect(api.getRules.mock.calls.length).toBeGreaterThan(calls);
  });

  it('edits a rule to a full URL target', async () => {
    api.updateRule.mockResolvedValue(undefined);
    const user = userEvent.setup();
    render(<ForwardPage />);
    await openBizTab(user);
    await user.click(within(biz()).getByTestId('rule-edit-3'));
    const dialog = await screen.findByTestId('rule-dialog');
    await waitFor(() => expect(field('rule-name')).toHaveValue('客服消息'));
    await user.click(within(dialog).getByText('完整 URL'));
    await user.type(field('rule-url'), 'biz:8080');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await within(dialog).findByText('请输入完整的 http:// 或 https:// 地址')).toBeVisible();
    await user.clear(field('rule-url'));
    await user.type(field('rule-url'), 'http://biz:8080/wx');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(api.updateRule).toHaveBeenCalledWith(expect.objectContaining({ id: 3, open: 1, data: { port: 0, path: '', url: 'http://biz:8080/wx', mode: 'sync' } })));
  });

  it('turns a rule on and off only after confirmation, and deletes after confirmation', async () => {
    api.updateRule.mockResolvedValue(undefined);
    api.deleteRule.mockResolvedValue(undefined);
    const user = userEvent.setup();
    render(<ForwardPage />);
    await openBizTab(user);

    await user.click(within(within(biz()).getByTestId('rule-name-3').closest('tr')!).getByRole('switch'));
    expect(await screen.findByTestId('rule-toggle-dialog')).toHaveTextContent('关闭后，匹配的推送不再转发');
    expect(api.updateRule).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: '确定' }));
    await waitFor(() => expect(api.updateRule).toHaveBeenCalledWith({ id: 3, name: '客服消息', infoType: '', msgType: 'text', event: '', data: BIZ.data, open: 0 }));

    await user.click(within(within(biz()).getByTestId('rule-name-4').closest('tr')!).getByRole('switch'));
    expect(await screen.findByTestId('rule-toggle-dialog')).toHaveTextContent('开启后，匹配「event / subscribe」的推送将转发到 127.0.0.1:8082/wx/$APPID$/msg');
    await user.click(screen.getByRole('button', { name: '确定' }));
    await waitFor(() => expect(api.updateRule).toHaveBeenLastCalledWith(expect.objectContaining({ id: 4, open: 1 })));

    await user.click(within(biz()).getByTestId('rule-delete-4'));
    const del = screen.getByTestId('rule-delete-4-dialog');
    expect(del).toHaveTextContent('删除规则「关注事件」');
    await user.click(within(del).getByRole('button', { name: '确定' }));
    await waitFor(() => expect(api.deleteRule).toHaveBeenCalledWith(4));
  });

  it('tests a rule: 成功 with the target’s answer, 失败 with the reason', async () => {
    api.testRule.mockResolvedValueOnce('<xml><Content>ok</Content></xml>').mockRejectedValueOnce(new ApiError(1010, '请求错误', 200, 'connection refused'));
    const user = userEvent.setup();
    render(<ForwardPage />);
    await openBizTab(user);
    await user.click(within(biz()).getByTestId('rule-test-3'));
    const drawer = await screen.findByTestId('test-drawer');
    await user.click(within(drawer).getByTestId('test-run'));
    expect(await within(drawer).findByTestId('test-status')).toHaveTextContent('成功');
    expect(within(drawer).getByTestId('test-body')).toHaveTextContent('<xml><Content>ok</Content></xml>');
    expect(api.testRule).toHaveBeenCalledWith(3);

    await user.click(within(drawer).getByTestId('test-run'));
    await waitFor(() => expect(within(drawer).getByTestId('test-status')).toHaveTextContent('失败'));
    expect(within(drawer).getByTestId('test-error')).toHaveTextContent('connection refused');
  });

  it('pages the delivery log with 加载更多, filters it and replays dead letters', async () => {
    api.getDeliveries.mockImplementation(({ status, beforeId }: { status: string; beforeId?: number }) => {
      if (status === 'dead') return Promise.resolve({ records: [delivery(7, { status: 'dead', attempts: 6, lastStatus: 0, lastError: 'connection refused' })], nextBeforeId: 0 });
      if (beforeId === 9) return Promise.resolve({ records: [delivery(8), delivery(7, { status: 'dead', attempts: 6, lastStatus: 503, lastError: 'HTTP 503', nextTime: 0 })], nextBeforeId: 0 });
      return Promise.resolve({ records: [delivery(10, { status: 'pending', attempts: 2, lastStatus: 0, lastError: 'timeout', nextTime: 1767300600 }), delivery(9)], nextBeforeId: 9 });
    });
    api.replayDelivery.mockResolvedValue({ replayed: 1 });
    api.replayRule.mockResolvedValue({ replayed: 2 });
    const user = userEvent.setup();
    render(<ForwardPage />);
    await openBizTab(user);
    await user.click(within(biz()).getByTestId('rule-log-3'));
    const drawer = await screen.findByTestId('delivery-drawer');
    expect(await within(drawer).findByTestId('delivery-status-10')).toHaveTextContent('待投递');
    expect(api.getDeliveries).toHaveBeenCalledWith({ ruleId: 3, status: '', limit: 20 });
    const pending = within(drawer).getByTestId('delivery-status-10').closest('tr')!;
    expect(within(pending).getByText('无应答')).toBeVisible();
    expect(within(pending).getByText('timeout')).toBeVisible();
    expect(within(drawer).queryByTestId('delivery-status-8')).toBeNull();

    await user.click(within(drawer).getByTestId('delivery-more'));
    expect(await within(drawer).findByTestId('delivery-status-8')).toHaveTextContent('已投递');
    expect(api.getDeliveries).toHaveBeenLastCalledWith({ ruleId: 3, status: '', beforeId: 9, limit: 20 });
    expect(within(drawer).getByTestId('delivery-status-10')).toBeVisible();
    expect(within(drawer).queryByTestId('delivery-more')).toBeNull();

    const loads = api.getDeliveries.mock.calls.length;
    await user.click(within(drawer).getByTestId('delivery-replay-7'));
    await waitFor(() => expect(api.replayDelivery).toHaveBeenCalledWith(7));
    // The log starts over after a replay: the first page again, without the pages loaded later.
    await waitFor(() => expect(within(drawer).queryByTestId('delivery-status-8')).toBeNull());
    expect(api.getDeliveries).toHaveBeenCalledTimes(loads + 1);

    await user.click(within(within(drawer).getByTestId('delivery-filter')).getByText('死信'));
    await waitFor(() => expect(api.getDeliveries).toHaveBeenLastCalledWith({ ruleId: 3, status: 'dead', limit: 20 }));
    await waitFor(() => expect(within(drawer).queryByTestId('delivery-status-10')).toBeNull());
    expect(within(drawer).getByTestId('delivery-status-7')).toHaveTextContent('死信');

    await user.click(within(drawer).getByTestId('delivery-replay-all'));
    const confirm = screen.getByTestId('delivery-replay-all-dialog');
    expect(confirm).toHaveTextContent('规则「客服消息」的全部死信');
    expect(api.replayRule).not.toHaveBeenCalled();
    await user.click(within(confirm).getByRole('button', { name: '确定' }));
    await waitFor(() => expect(api.replayRule).toHaveBeenCalledWith(3));
  });

  it('shows the masked signing key, reveals it on demand and rotates it after confirmation', async () => {
    api.getRuleKey.mockResolvedValue({ key: 'whk_0123456789abcdefa1b2' });
    api.rotateRuleKey.mockResolvedValue({ key: 'whk_fedcba9876543210c3d4' });
    const user = userEvent.setup();
    render(<ForwardPage />);
    await openBizTab(user);
    await user.click(within(biz()).getByTestId('rule-name-3'));
    const detail = await within(biz()).findByTestId('rule-detail-3');
    expect(within(detail).getByTestId('rule-detail-target-3')).toHaveTextContent('http://127.0.0.1:8082/wx/$APPID$/msg');
    expect(within(detail).getByTestId('rule-key-3')).toHaveTextContent('whk_…a1b2');
    expect(within(detail).getByTestId('rule-verify-note')).toHaveTextContent('X-Wxcomponent-Signature');
    expect(api.getRuleKey).not.toHaveBeenCalled();

    await user.click(within(detail).getByTestId('rule-key-reveal-3'));
    await waitFor(() => expect(within(detail).getByTestId('rule-key-3')).toHaveTextContent('whk_0123456789abcdefa1b2'));
    expect(api.getRuleKey).toHaveBeenCalledWith(3, true);
    expect(within(detail).getByTestId('rule-key-copy-3')).toBeEnabled();

    await user.click(within(detail).getByTestId('rule-key-rotate-3'));
    const confirm = screen.getByTestId('rule-key-rotate-3-dialog');
    expect(confirm).toHaveTextContent('旧密钥立即失效');
    expect(api.rotateRuleKey).not.toHaveBeenCalled();
    await user.click(within(confirm).getByRole('button', { name: '确定' }));
    await waitFor(() => expect(within(detail).getByTestId('rule-key-3')).toHaveTextContent('whk_fedcba9876543210c3d4'));
    expect(api.rotateRuleKey).toHaveBeenCalledWith(3);
  });
});
