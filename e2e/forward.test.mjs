// 消息转发器 end to end: a rule for text messages forwards to a real local business service.
// The operator adds the rule in the console, tests it, and after the simulator pushes an
// encrypted text message the service sees it decrypted and signed with the rule's key, and
// the console's delivery log shows it delivered.
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { openFromMenu, screenshot } from './lib/console.mjs';
import { describePush, SIM_ACCOUNTS } from './lib/sim.mjs';
import { startTarget } from './lib/target.mjs';
import { eventually } from './lib/wait.mjs';
import { authorize, pushTicket, startWired, stopWired, wiredSkip } from './lib/wired.mjs';

const skip = wiredSkip();

const OA = SIM_ACCOUNTS.oa;
const RULE = 'e2e 文本消息';
const CONTENT = 'e2e 你好，转发器';
/** What the business service answers to anything that is not a real push (the console's test). */
const TEST_ANSWER = 'e2e business service: test received';
/** The forwarder retries after about 1 s, 5 s and 30 s; a delivery is expected well within that. */
const DELIVERY_TIMEOUT_MS = 30_000;
/** The business service answers "success" to real pushes (XML) so no passive reply is sent, and TEST_ANSWER to anything else. */
const answerOf = (_req, body) => (body.trimStart().startsWith('<xml') ? 'success' : TEST_ANSWER);

/** True when header is "sha256=<hex HMAC-SHA256(key, timestamp + '.' + body)>". */
function signatureValid(key, timestamp, body, header) {
  const want = Buffer.from(`sha256=${createHmac('sha256', key).update(`${timestamp}.${body}`).digest('hex')}`);
  const got = Buffer.from(String(header ?? ''));
  return got.length === want.length && timingSafeEqual(got, want);
}

describe('message forwarder', { skip }, () => {
  let sim;
  let server;
  let browser;
  let page;
  let target;
  let ruleId;
  let signingKey;
  const pageErrors = [];

  before(async () => {
    target = await startTarget(answerOf);
    ({ sim, server, browser, page } = await startWired(pageErrors));
    await pushTicket({ sim, server, page });
    await authorize({ sim, server, page }, OA.appid);
  });

  after(async (t) => {
    await stopWired({ sim, server, browser }, t);
    await target?.stop();
  });

  test('a biz rule for text messages is added with a port and path target', async () => {
    await page.goto(`${server.baseUrl}/#/home`);
    await openFromMenu(page, '消息转发器', '/forwardMessage');
    await page.locator('[data-testid="forward-page"] .t-tabs__nav-item', { hasText: '普通消息与事件' }).click();
    const tab = page.locator('[data-testid="rules-biz"]');
    await tab.getByText('还没有转发规则').waitFor();
    await tab.locator('[data-testid="rule-add"]').click();

    const dialog = page.locator('[data-testid="rule-dialog"]');
    await dialog.locator('[data-testid="rule-name"] input').fill(RULE);
    await dialog.locator('[data-testid="rule-msgtype"] input').fill('text');
    await dialog.locator('[data-testid="rule-port"] input').fill(String(target.port));
    await dialog.locator('[data-testid="rule-path"] input').fill('/hook/$APPID$/text');
    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('.t-message', { hasText: '规则已添加' }).waitFor();

    const name = tab.locator('[data-testid^="rule-name-"]', { hasText: RULE });
    ruleId = Number((await name.getAttribute('data-testid')).replace('rule-name-', ''));
    assert.ok(ruleId > 0, 'the new rule has an id');
    const row = tab.locator('tr', { has: page.locator(`[data-testid="rule-name-${ruleId}"]`) });
    await row.getByText(`127.0.0.1:${target.port}/hook/$APPID$/text`).waitFor();
    await row.getByText('同步被动回复').waitFor();
    assert.match(await row.getByRole('switch').getAttribute('class'), /t-is-checked/);
  });

  test('测试 sends a signed request to the target and shows 成功 with its answer', async () => {
    const tab = page.locator('[data-testid="rules-biz"]');
    await tab.locator(`[data-testid="rule-test-${ruleId}"]`).click();
    const drawer = page.locator('[data-testid="test-drawer"]');
    await drawer.locator('[data-testid="test-run"]').click();
    await drawer.locator('[data-testid="test-status"]', { hasText: '成功' }).waitFor();
    assert.equal(await drawer.locator('[data-testid="test-body"]').innerText(), TEST_ANSWER);
    assert.equal(target.requests.length, 1, 'the target got exactly the test request');
    assert.ok(target.requests[0].headers['x-wxcomponent-signature'], 'the test request is signed');
    await screenshot(page, 'forward-test');
    await page.locator('.t-drawer__close-btn').click();
    await drawer.waitFor({ state: 'hidden' });
  });

  test('the signing key is revealed in the rule’s details', async () => {
    const tab = page.locator('[data-testid="rules-biz"]');
    await tab.locator(`[data-testid="rule-name-${ruleId}"]`).click();
    const detail = tab.locator(`[data-testid="rule-detail-${ruleId}"]`);
    const shown = detail.locator(`[data-testid="rule-key-${ruleId}"]`);
    const masked = await shown.innerText();
    assert.match(masked, /…/, `the key is masked until revealed: ${masked}`);
    await detail.locator(`[data-testid="rule-key-reveal-${ruleId}"]`).click();
    await detail.locator(`[data-testid="rule-key-copy-${ruleId}"]`).waitFor();
    signingKey = (await shown.innerText()).trim();
    assert.ok(signingKey.length >= 16 && !signingKey.includes('…'), `a full key is shown: ${signingKey}`);
    await screenshot(page, 'forward-rule-key');
  });

  test('a pushed text message reaches the target decrypted and signed, and the log shows it delivered', async () => {
    const before = target.requests.length;
    const push = await sim.control('/sim/push-message', { appid: OA.appid, openid: 'oE2Eforward0000000000000001', content: CONTENT });
    assert.ok(push.push?.delivered, `the service did not acknowledge the text push:\n${describePush(push)}`);

    const got = await eventually(
      () => target.requests.slice(before).find((r) => r.body.includes(CONTENT)),
      () => `the target did not receive the message; it got:\n${target.requests.map((r) => `${r.method} ${r.url}\n${r.body}`).join('\n')}`,
      DELIVERY_TIMEOUT_MS,
    );
    assert.equal(got.method, 'POST');
    assert.equal(got.url, `/hook/${OA.appid}/text`);
    assert.match(got.body, /^<xml>/, 'standard mode forwards the decrypted XML');
    assert.match(got.body, /<MsgType><!\[CDATA\[text\]\]><\/MsgType>/);
    assert.doesNotMatch(got.body, /<Encrypt>/);
    assert.equal(got.headers['x-wxcomponent-appid'], OA.appid);
    assert.ok(got.headers['x-wxcomponent-delivery'], 'the delivery id is sent for idempotency');
    const ts = got.headers['x-wxcomponent-timestamp'];
    assert.ok(signatureValid(signingKey, ts, got.body, got.headers['x-wxcomponent-signature']),
      `the signature verifies with the revealed key: ${got.headers['x-wxcomponent-signature']}`);

    const tab = page.locator('[data-testid="rules-biz"]');
    await tab.locator(`[data-testid="rule-log-${ruleId}"]`).click();
    const drawer = page.locator('[data-testid="delivery-drawer"]');
    const delivered = drawer.locator('[data-testid^="delivery-status-"]', { hasText: '已投递' });
    // The delivery is recorded as the message is forwarded; 刷新 picks it up if the log opened first.
    await eventually(
      async () => {
        if (await delivered.count()) return true;
        await drawer.locator('[data-testid="delivery-refresh"]').click();
        return false;
      },
      () => 'the delivery log shows no 已投递 row',
      DELIVERY_TIMEOUT_MS,
    );
    const id = (await delivered.first().getAttribute('data-testid')).replace('delivery-status-', '');
    const row = drawer.locator('tr', { has: page.locator(`[data-testid="delivery-status-${id}"]`) });
    await row.getByText(OA.appid).waitFor();
    await row.getByText('text', { exact: true }).waitFor();
    await row.getByText('200', { exact: true }).waitFor();
    await screenshot(page, 'forward-delivered');
    assert.deepEqual(pageErrors, []);
  });
});
