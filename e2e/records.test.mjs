// 第三方消息查看 end to end: the simulator pushes encrypted user messages (texts and click
// events) for an authorized account; the operator sees them newest first, filters by MsgType
// and pages through the filtered list, reads a body indented in the detail drawer, and finds the
// ticket push in 授权事件 with the ticket masked.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isDisabled, screenshot } from './lib/console.mjs';
import { describePush, SIM_ACCOUNTS } from './lib/sim.mjs';
import { eventually } from './lib/wait.mjs';
import { authorize, pushTicket, startWired, stopWired, wiredSkip } from './lib/wired.mjs';

const skip = wiredSkip();

const OA = SIM_ACCOUNTS.oa;
/** The OA's original id (gh_…) in the simulator: ToUserName of the pushes it receives. */
const OA_USERNAME = 'gh_3c884a361561';
/** More texts than one page (15 rows) holds, so the filtered list has a second page. */
const TEXTS = 17;
/** Events pushed after these texts (1-based), so the unfiltered list mixes both kinds. */
const EVENTS_AFTER = [5, 10, 15];
const PAGE_SIZE = 15;

const textContent = (n) => `e2e 消息 ${String(n).padStart(2, '0')}`;

/** A user's click on a menu of the OA (an event push: no MsgId, distinct by EventKey). */
function clickEvent(n) {
  const now = Math.floor(Date.now() / 1000);
  return `<xml><ToUserName><![CDATA[${OA_USERNAME}]]></ToUserName><FromUserName><![CDATA[oE2Erecords00000000000000${n}]]></FromUserName>` +
    `<CreateTime>${now}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[CLICK]]></Event>` +
    `<EventKey><![CDATA[E2E_MENU_${n}]]></EventKey></xml>`;
}

/** The console's mask of a secret (comm/config.Mask). */
function mask(s) {
  if (s.length < 16) return '***';
  if (s.length < 32) return `${s.slice(0, 2)}***${s.slice(-2)}`;
  return `${s.slice(0, 5)}***${s.slice(-4)}`;
}

describe('第三方消息查看', { skip }, () => {
  let sim;
  let server;
  let browser;
  let page;
  let ticket;
  const pageErrors = [];

  const bizTab = () => page.locator('[data-testid="records-biz"]');
  /** The text of each data row of the tab's table. */
  const rowTexts = async (tab) => tab.locator('tbody tr:not(.t-table__empty-row)').allInnerTexts();
  /** Waits for the pager to say pageLine and the table to hold exactly count rows. */
  const shows = async (tab, testId, pageLine, count) => {
    await tab.locator(`[data-testid="${testId}-pager"]`, { hasText: pageLine }).waitFor();
    return eventually(
      async () => {
        const rows = await rowTexts(tab);
        return rows.length === count && rows;
      },
      async () => `expected ${count} rows on ${pageLine}; the table shows:\n${(await rowTexts(tab)).join('\n')}`,
    );
  };

  before(async () => {
    ({ sim, server, browser, page } = await startWired(pageErrors));
    ({ ticket } = await pushTicket({ sim, server, page }));
    await authorize({ sim, server, page }, OA.appid);
    let event = 0;
    for (let n = 1; n <= TEXTS; n++) {
      const push = await sim.control('/sim/push-message', { appid: OA.appid, openid: 'oE2Erecords0000000000000001', content: textContent(n) });
      assert.ok(push.push?.delivered, `text ${n} was not acknowledged:\n${describePush(push)}`);
      if (EVENTS_AFTER.includes(n)) {
        const ev = await sim.control('/sim/push-message', { appid: OA.appid, xml: clickEvent(++event) });
        assert.ok(ev.push?.delivered, `event ${event} was not acknowledged:\n${describePush(ev)}`);
      }
    }
  });

  after(async (t) => {
    await stopWired({ sim, server, browser }, t);
  });

  test('普通消息与事件 lists the pushes newest first, with the retention and size line', async () => {
    await page.goto(`${server.baseUrl}/#/developTools/message`);
    await page.locator('[data-testid="message-page"] .t-tabs__nav-item', { hasText: '普通消息与事件' }).click();
    const tab = bizTab();
    const total = TEXTS + EVENTS_AFTER.length;
    await tab.locator('[data-testid="records-biz-total"]', { hasText: `共 ${total} 条` }).waitFor();
    const rows = await shows(tab, 'records-biz', '第 1 页', PAGE_SIZE);
    assert.match(rows[0], new RegExp(textContent(TEXTS)), `the newest push is first:\n${rows[0]}`);
    assert.match(rows[1], new RegExp(textContent(TEXTS - 1)));
    assert.match(rows[2], /CLICK/, `the event pushed before them comes third:\n${rows[2]}`);
    assert.ok(rows.every((r) => r.includes(OA.appid)), 'every row names the account');
    assert.equal(rows.filter((r) => /CLICK/.test(r)).length, EVENTS_AFTER.length, 'all events are among the newest 15');

    const stats = await page.locator('[data-testid="records-stats"]').innerText();
    assert.match(stats, /推送消息(保留 \d+ 天|永久保留|每表最多保留 [\d,]+ 条)/, `retention: ${stats}`);
    assert.match(stats, new RegExp(`普通消息与事件 共 ${total} 条`), `biz table size: ${stats}`);
    assert.match(stats, /授权事件 共 \d+ 条/, `component table size: ${stats}`);
    assert.match(stats, /(数据库文件|占用) \d/, `bytes: ${stats}`);
    await screenshot(page, 'records-biz');
  });

  test('a MsgType filter shows only matching rows and is kept on 下一页 and 上一页', async () => {
    const tab = bizTab();
    const filter = tab.locator('input[placeholder="MsgType"]');
    await filter.fill('text');
    await tab.getByRole('button', { name: '查询' }).click();
    await tab.locator('[data-testid="records-biz-total"]', { hasText: `共 ${TEXTS} 条` }).waitFor();
    let rows = await shows(tab, 'records-biz', '第 1 页', PAGE_SIZE);
    assert.ok(rows.every((r) => /\btext\b/.test(r) && !/CLICK/.test(r)), `only texts:\n${rows.join('\n')}`);
    assert.match(rows[0], new RegExp(textContent(TEXTS)));

    await tab.locator('[data-testid="records-biz-next"]').click();
    rows = await shows(tab, 'records-biz', '第 2 页', TEXTS - PAGE_SIZE);
    assert.match(rows[0], new RegExp(textContent(2)), `page 2 continues where page 1 ended:\n${rows.join('\n')}`);
    assert.match(rows[1], new RegExp(textContent(1)));
    assert.ok(rows.every((r) => !/CLICK/.test(r)), 'the filter is kept on the next page');
    assert.equal(await tab.locator('[data-testid="records-biz-total"]').innerText(), `共 ${TEXTS} 条`);
    assert.equal(await filter.inputValue(), 'text', 'the filter box still says text');
    assert.equal(await isDisabled(tab.locator('[data-testid="records-biz-next"]')), true, 'page 2 is the last');
    await screenshot(page, 'records-biz-page2');

    await tab.locator('[data-testid="records-biz-prev"]').click();
    rows = await shows(tab, 'records-biz', '第 1 页', PAGE_SIZE);
    assert.match(rows[0], new RegExp(textContent(TEXTS)));
    assert.ok(rows.every((r) => !/CLICK/.test(r)), 'the filter is kept going back');
    assert.equal(await isDisabled(tab.locator('[data-testid="records-biz-prev"]')), true);
  });

  test('查看 shows the body indented, one element per line', async () => {
    const tab = bizTab();
    const first = tab.locator('tbody tr').first();
    await first.getByRole('button', { name: '查看' }).click();
    const detail = page.locator('[data-testid="post-body-detail"]');
    const body = await detail.locator('pre').innerText();
    const lines = body.split('\n');
    assert.equal(lines[0], '<xml>', `the drawer shows:\n${body}`);
    assert.equal(lines.at(-1), '</xml>');
    assert.ok(lines.includes(`  <Content><![CDATA[${textContent(TEXTS)}]]></Content>`), `Content on its own indented line:\n${body}`);
    assert.ok(lines.includes('  <MsgType><![CDATA[text]]></MsgType>'), `MsgType on its own line:\n${body}`);
    assert.ok(lines.length >= 7, `several lines:\n${body}`);
    await screenshot(page, 'records-detail');
    await page.locator('.t-drawer__close-btn:visible').click();
    await detail.waitFor({ state: 'detached' });
  });

  test('授权事件 shows the ticket push with the ticket masked', async () => {
    await page.locator('[data-testid="message-page"] .t-tabs__nav-item', { hasText: '授权事件' }).click();
    const tab = page.locator('[data-testid="records-component"]');
    const row = tab.locator('tbody tr', { hasText: 'component_verify_ticket' }).first();
    await row.waitFor();
    const text = await row.innerText();
    assert.ok(ticket.length >= 32, `a real ticket keeps 5 + 4 characters when masked: ${ticket.length}`);
    assert.ok(text.includes(mask(ticket)), `the ticket is masked (${mask(ticket)}):\n${text}`);
    assert.ok(!text.includes(ticket), 'the full ticket is never shown');
    await tab.locator('tbody tr', { hasText: 'authorized' }).first().waitFor();
    await screenshot(page, 'records-component');

    await row.getByRole('button', { name: '查看' }).click();
    const body = await page.locator('[data-testid="post-body-detail"] pre').innerText();
    assert.match(body, new RegExp(`<ComponentVerifyTicket>(<!\\[CDATA\\[)?${mask(ticket).replace(/\*/g, '\\*')}`), `drawer:\n${body}`);
    assert.ok(!body.includes(ticket), 'the drawer does not show the full ticket either');
    await page.locator('.t-drawer__close-btn:visible').click();
    assert.deepEqual(pageErrors, []);
  });
});
