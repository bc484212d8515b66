// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import MessagePage from './MessagePage';
import { rangeToTimes } from './RecordsTab';
import { dayStart } from '../../utils/time';

const api = vi.hoisted(() => ({
  getCallbackConfig: vi.fn(),
  getComponentRecords: vi.fn(),
  getBizRecords: vi.fn(),
  getRecordStats: vi.fn(),
}));
vi.mock('../../api', async (orig) => ({ ...(await orig<typeof import('../../api')>()), ...api }));

const ticket = (id: number) => ({
  id,
  receiveTime: 1767300000 - id,
  createTime: 1767300000 - id,
  infoType: 'component_verify_ticket',
  postBody: `<xml><AppId><![CDATA[wxc]]></AppId><ComponentVerifyTicket><![CDATA[ticket@@@***]]></ComponentVerifyTicket><Id>${id}</Id></xml>`,
  flags: id === 2 ? ['unparsed'] : [],
});

describe('MessagePage', () => {
  beforeEach(() => {
    Object.values(api).forEach((f) => f.mockReset());
    api.getCallbackConfig.mockResolvedValue({ componentPath: '/wxcallback/component', bizPath: '/wxcallback/biz/$APPID$', textMode: 'json' });
    api.getRecordStats.mockResolvedValue({
      retentionDays: 90,
      keptBefore: 0,
      maxRows: 500000,
      tables: [
        { table: 'wxcallback_component', rows: 100000, rowsExact: false, bytes: 50 * 1024 * 1024 },
        { table: 'wxcallback_biz', rows: 12, rowsExact: true, bytes: 1024 * 1024 },
      ],
      databaseBytes: null,
    });
    api.getBizRecords.mockResolvedValue({ total: 0, totalExact: true, nextCursor: '', records: [] });
  });

  it('pages with the cursor, keeps the filter, and says 约 for an estimated total', async () => {
    api.getComponentRecords.mockImplementation(async (q: { cursor?: string }) =>
      q.cursor
        ? { total: 1234, totalExact: false, nextCursor: '', records: [ticket(3)] }
        : { total: 1234, totalExact: false, nextCursor: '1767299998_2', records: [ticket(1), ticket(2)] },
    );
    const user = userEvent.setup();
    render(<MemoryRouter><MessagePage /></MemoryRouter>);
    expect(await screen.findByTestId('records-stats')).toHaveTextContent(
      '推送消息保留 90 天，每表最多 500,000 条 · 授权事件 约 100,000 条 · 普通消息与事件 共 12 条 · 占用 51.0 MB',
    );
    const tab = screen.getByTestId('records-component');
    await waitFor(() => expect(within(tab).getByTestId('records-component-total')).toHaveTextContent('约 1,234 条'));
    expect(api.getComponentRecords).toHaveBeenLastCalledWith({ limit: 15, infoType: undefined });

    await user.type(within(tab).getByPlaceholderText('InfoType'), ' component_verify_ticket ');
    await user.click(within(tab).getByRole('button', { name: '查询' }));
    await waitFor(() => expect(api.getComponentRecords).toHaveBeenLastCalledWith({ limit: 15, infoType: 'component_verify_ticket' }));
    expect(await within(tab).findByTestId('post-body-flag-unparsed')).toBeVisible();

    // TDesign renders a disabled button as a div with a disabled attribute.
    const enabled = (id: string) => !screen.getByTestId(id).hasAttribute('disabled');
    await waitFor(() => expect(enabled('records-component-next')).toBe(true));
    await user.click(screen.getByTestId('records-component-next'));
    await waitFor(() =>
      expect(api.getComponentRecords).toHaveBeenLastCalledWith({ limit: 15, cursor: '1767299998_2', infoType: 'component_verify_ticket' }),
    );
    expect(within(tab).getByText('第 2 页')).toBeVisible();
    await waitFor(() => expect(enabled('records-component-next')).toBe(false));

    await user.click(screen.getByTestId('records-component-prev'));
    await waitFor(() => expect(api.getComponentRecords).toHaveBeenLastCalledWith({ limit: 15, infoType: 'component_verify_ticket' }));
    expect(within(tab).getByText('第 1 页')).toBeVisible();
    expect(enabled('records-component-prev')).toBe(false);
  });

  it('opens a record in a drawer with its body formatted and a copy button', async () => {
    api.getComponentRecords.mockResolvedValue({ total: 1, totalExact: true, nextCursor: '', records: [ticket(1)] });
    const user = userEvent.setup();
    render(<MemoryRouter><MessagePage /></MemoryRouter>);
    const tab = screen.getByTestId('records-component');
    await waitFor(() => expect(within(tab).getByTestId('records-component-total')).toHaveTextContent('共 1 条'));
    await user.click(within(tab).getByRole('button', { name: '查看' }));
    const detail = await screen.findByTestId('post-body-detail');
    expect(detail.querySelector('pre')!.textContent).toBe(
      '<xml>\n  <AppId><![CDATA[wxc]]></AppId>\n  <ComponentVerifyTicket><![CDATA[ticket@@@***]]></ComponentVerifyTicket>\n  <Id>1</Id>\n</xml>',
    );
    expect(screen.getByTestId('post-body-copy')).toBeEnabled();
  });

  it('sends the biz filters of the second tab', async () => {
    api.getComponentRecords.mockResolvedValue({ total: 0, totalExact: true, nextCursor: '', records: [] });
    const user = userEvent.setup();
    render(<MemoryRouter><MessagePage /></MemoryRouter>);
    await user.click(await screen.findByText('普通消息与事件'));
    const tab = screen.getByTestId('records-biz');
    await user.type(within(tab).getByPlaceholderText('AppID'), 'wx1');
    await user.type(within(tab).getByPlaceholderText('MsgType'), 'event');
    await user.type(within(tab).getByPlaceholderText('Event'), 'subscribe');
    await user.click(within(tab).getByRole('button', { name: '查询' }));
    await waitFor(() =>
      expect(api.getBizRecords).toHaveBeenLastCalledWith({ limit: 15, appid: 'wx1', msgType: 'event', event: 'subscribe' }),
    );
  });

  it('includes the whole last day of a picked range', () => {
    const t = rangeToTimes(['2024-03-01', '2024-03-02']);
    expect(t.startTime).toBe(dayStart('2024-03-01'));
    expect(t.endTime).toBe(dayStart('2024-03-03') - 1);
    expect(rangeToTimes([])).toEqual({});
  });
});
