// proxy 配置 end to end: the operator points the proxy at a local business service through the
// console, opens it, tests it, and then a request for a path the service does not know reaches
// that business service, while the service's own paths (/wxcomponent/*) still answer its own 404.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { browserSkip, launchBrowser } from './lib/browser.mjs';
import { isDisabled, login, openFromMenu, screenshot } from './lib/console.mjs';
import { ADMIN, assertConsoleBuilt, startServer } from './lib/server.mjs';
import { startTarget } from './lib/target.mjs';
import { eventually } from './lib/wait.mjs';

/** What the business service answers, with the path and query it saw. */
const answerOf = (req) => `e2e business service: ${req.method} ${req.url}`;
/** Every instance re-reads the proxy configuration every 2 s; a fetch waits for it this long. */
const APPLY_TIMEOUT_MS = 15_000;

describe('proxy 配置', { skip: browserSkip() }, () => {
  let server;
  let browser;
  let page;
  let target;
  const pageErrors = [];

  before(async () => {
    assertConsoleBuilt();
    target = await startTarget(answerOf);
    browser = await launchBrowser(); // first: a missing browser should not cost a Go build
    server = await startServer();
    page = await (await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' })).newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await login(page, server.baseUrl, ADMIN);
  });

  after(async (t) => {
    await browser?.close();
    if (t?.failed || process.env.E2E_VERBOSE) console.log(`service log:\n${server?.logs()}`);
    await server?.stop();
    await target?.stop();
  });

  test('an unknown path is the service’s 404 while the proxy is closed', async () => {
    const res = await fetch(`${server.baseUrl}/hello?x=1`);
    assert.equal(res.status, 404);
    assert.equal((await res.json()).code, 1001);
    assert.equal(target.requests.length, 0);
  });

  test('the target is set to a local port and the proxy opened after confirming', async () => {
    await openFromMenu(page, 'proxy 配置', '/proxyConfig');
    const cfg = page.locator('[data-testid="proxy-config"]');
    await cfg.locator('[data-testid="proxy-target"]', { hasText: '未配置' }).waitFor();
    assert.equal(await isDisabled(cfg.locator('[data-testid="proxy-toggle"]')), true, 'nothing to open without a target');

    await cfg.locator('[data-testid="proxy-edit"]').click();
    const dialog = page.locator('[data-testid="proxy-dialog"]');
    await dialog.locator('[data-testid="proxy-port"] input').fill(String(target.port));
    await page.locator('.t-dialog__ctx:visible .t-dialog__confirm').click();
    await page.locator('.t-message', { hasText: 'proxy 配置已保存' }).waitFor();
    await cfg.locator('[data-testid="proxy-target"]', { hasText: `127.0.0.1:${target.port}` }).waitFor();
    await cfg.locator('[data-testid="proxy-status"]', { hasText: '已关闭' }).waitFor();

    await cfg.locator('[data-testid="proxy-toggle"]', { hasText: '开启' }).click();
    const confirm = page.locator('.t-popconfirm:visible');
    await confirm.getByText(`127.0.0.1:${target.port}`).waitFor();
    await confirm.locator('.t-button--theme-primary').click();
    await cfg.locator('[data-testid="proxy-status"]', { hasText: '已开启' }).waitFor();
    await cfg.locator('[data-testid="proxy-toggle"]', { hasText: '关闭' }).waitFor();
  });

  test('测试 shows the target’s status and body', async () => {
    const cfg = page.locator('[data-testid="proxy-config"]');
    await cfg.locator('[data-testid="proxy-test"]').click();
    const result = cfg.locator('[data-testid="proxy-test-result"]');
    await result.waitFor();
    const text = await result.innerText();
    assert.match(text, new RegExp(`http://127\\.0\\.0\\.1:${target.port}/`), `the probed URL: ${text}`);
    assert.match(text, /HTTP 200/, `the target's status: ${text}`);
    assert.match(text, /e2e business service: GET \//, `the target's body: ${text}`);
    assert.ok(target.requests.some((r) => r.url === '/'), 'the target received the test GET');
    await screenshot(page, 'proxy-tested');
    assert.deepEqual(pageErrors, []);
  });

  test('an unmatched path reaches the target; /wxcomponent/* stays the service’s own 404', async () => {
    // The configuration is re-read every 2 s: wait until this instance forwards.
    const res = await eventually(
      async () => {
        const r = await fetch(`${server.baseUrl}/hello?x=1`);
        if (r.headers.get('x-e2e-target')) return r;
        await r.arrayBuffer();
        return undefined;
      },
      () => 'the proxy did not forward /hello?x=1 to the target',
      APPLY_TIMEOUT_MS,
    );
    assert.equal(res.status, 200, 'the target answers the unmatched path');
    assert.equal(await res.text(), 'e2e business service: GET /hello?x=1', 'method, path and query are kept');
    const seen = target.requests.find((r) => r.url === '/hello?x=1');
    assert.ok(seen?.headers['x-forwarded-for'], 'the target is told who asked');

    const before = target.requests.length;
    const own = await fetch(`${server.baseUrl}/wxcomponent/does-not-exist`);
    assert.equal(own.status, 404);
    assert.equal(own.headers.get('x-e2e-target'), null);
    assert.deepEqual(await own.json(), { code: 1001, errorMsg: '参数格式有误', data: 'no such endpoint' });
    assert.equal(target.requests.length, before, 'the target never sees the service’s own paths');
  });
});
