// The console under its Content-Security-Policy: the page carries the policy
// and the security headers, and nothing the built console does (scripts,
// TDesign's run-time <style> elements, dialogs, every route) is blocked by it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { browserSkip, launchBrowser, watchCsp } from './lib/browser.mjs';
import { login, openFromMenu } from './lib/console.mjs';
import { ADMIN, assertConsoleBuilt, startServer } from './lib/server.mjs';
import { eventually } from './lib/wait.mjs';

const ROUTES = ['/home', '/authPageManage', '/authorizedAccountManage', '/developTools', '/developTools/token',
  '/developTools/message', '/passwordManage', '/systemVersion', '/authorize', '/authorizeH5', '/redirectPage'];

describe('content security policy', { skip: browserSkip() }, () => {
  let server;
  let browser;
  let context;
  let page;
  let violations;
  const pageErrors = [];

  before(async () => {
    assertConsoleBuilt();
    browser = await launchBrowser();
    server = await startServer();
    context = await browser.newContext({ viewport: { width: 1366, height: 820 }, locale: 'zh-CN' });
    violations = await watchCsp(context);
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => pageErrors.push(err.message));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the console page carries a strict script policy and the security headers', async () => {
    const res = await page.goto(`${server.baseUrl}/`);
    const h = res.headers();
    const csp = h['content-security-policy'] ?? '';
    assert.match(csp, /script-src 'self'(;|$)/, `script-src must be 'self' only: ${csp}`);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(h['x-content-type-options'], 'nosniff');
    assert.equal(h['referrer-policy'], 'strict-origin-when-cross-origin');
    assert.equal(h['strict-transport-security'], undefined, 'no HSTS over plain http');
  });

  test('logging in, every route and a dialog cause no CSP violation', async () => {
    await login(page, server.baseUrl, ADMIN);
    for (const path of ROUTES) {
      await page.goto(`${server.baseUrl}/#${path}`);
      await page.locator('#root *').first().waitFor();
    }
    await page.goto(`${server.baseUrl}/#/home`);
    await openFromMenu(page, 'Secret与密码管理', '/passwordManage');
    // TDesign's Dialog adds a <style> element for its scroll lock when it opens.
    await page.locator('[data-testid="username-edit"]').click();
    await page.locator('[data-testid="username-dialog-input"]').waitFor();
    await page.keyboard.press('Escape');
    assert.deepEqual(violations, []);
    assert.deepEqual(pageErrors, []);
  });

  test('the watcher sees a violation: an injected inline script is blocked', async () => {
    const seen = violations.length;
    await page.addScriptTag({ content: 'window.__inlineRan = true;' }).catch(() => {});
    assert.equal(await page.evaluate(() => window.__inlineRan === true), false, 'an inline script must not run');
    await eventually(() => violations.length > seen, () => 'the CSP watcher must report the blocked inline script');
  });
});
