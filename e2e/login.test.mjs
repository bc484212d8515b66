// The console against the real service: log in, look around, log out, and a
// wrong password. Screenshots go to e2e/artifacts/ for a human look.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { browserSkip, launchBrowser } from './lib/browser.mjs';
import { fillLogin, login, openFromMenu, screenshot } from './lib/console.mjs';
import { ADMIN, assertConsoleBuilt, startServer } from './lib/server.mjs';

const JWT_PATTERN = /eyJ[\w-]+\.[\w-]+\.[\w-]+/;

describe('console login', { skip: browserSkip() }, () => {
  let server;
  let browser;
  let password = ADMIN.password;

  before(async () => {
    assertConsoleBuilt();
    browser = await launchBrowser(); // first: a missing browser should not cost a Go build
    server = await startServer();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('log in, open 系统版本, log out', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 820 }, locale: 'zh-CN' });
    const page = await context.newPage();
    try {
      await page.goto(`${server.baseUrl}/`);
      await page.waitForURL(/#\/login$/);
      assert.equal(await page.locator('[data-testid="login-submit"]').isDisabled(), true, '登录 must be disabled while the form is empty');
      await screenshot(page, 'login');
      await page.locator('[data-testid="login-forgot"]').click();
      await page.locator('.t-dialog__ctx:visible').getByText('MYSQL_USERNAME').waitFor();
      await page.waitForTimeout(300); // let the dialog finish its opening animation
      await screenshot(page, 'login-help');
      await page.locator('.t-dialog__ctx:visible .t-dialog__confirm').click();
      await page.locator('.t-dialog__ctx:visible').waitFor({ state: 'hidden' });

      password = await login(page, server.baseUrl, { ...ADMIN, password });
      const menu = page.locator('[data-testid="side-menu"]');
      await menu.getByText('授权帐号管理', { exact: true }).waitFor();
      await menu.getByText('系统管理', { exact: true }).waitFor();
      await page.locator('[data-testid="header-username"]').getByText(ADMIN.username).waitFor();
      await page.locator('[data-testid="home-version"]').waitFor();
      await screenshot(page, 'home');

      const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + document.cookie);
      assert.doesNotMatch(stored, JWT_PATTERN, 'the session token must live only in an HttpOnly cookie');

      await openFromMenu(page, '系统版本', '/systemVersion');
      // The page shows what the service reports (fetched with the session cookie).
      const info = await page.evaluate(async () => (await (await fetch('/wxcomponent/admin/system-info')).json()).data);
      await page.locator('[data-testid="system-version-version"]').getByText(info.version.replace(/^v/i, '')).waitFor();
      await page.waitForTimeout(300); // let the menu highlight finish its transition
      await screenshot(page, 'system-version');

      await page.locator('[data-testid="logout"]').click();
      await page.waitForURL(/#\/login$/);
      await page.locator('[data-testid="login-form"]').waitFor();

      // The cookie is gone: the console sends us back to the login page, without
      // claiming a session expired (there was none).
      await page.goto(`${server.baseUrl}/#/home`);
      await page.waitForURL(/#\/login$/);
      await page.locator('[data-testid="login-form"]').waitFor();
      assert.equal(await page.locator('[data-testid="login-notice"]').count(), 0);
    } finally {
      await context.close();
    }
  });

  test('an expired or rejected session returns to the login page with a notice', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const notice = page.locator('[data-testid="login-notice"]');
    try {
      // The server rejects the session cookie (as it does for an expired or revoked token).
      password = await login(page, server.baseUrl, { ...ADMIN, password });
      const [cookie] = (await context.cookies()).filter((c) => c.name === 'wxc_session');
      assert.ok(cookie, 'the session cookie is set');
      await context.addCookies([{ ...cookie, value: `${cookie.value}x` }]);
      await page.goto(`${server.baseUrl}/#/passwordManage`);
      await page.waitForURL(/#\/login$/);
      await notice.getByText('登录已过期，请重新登录').waitFor();
      await screenshot(page, 'login-expired');

      // The console's own clock says the session is over.
      password = await login(page, server.baseUrl, { ...ADMIN, password });
      await page.evaluate(() => localStorage.setItem('wxcomponent.expiresAt', String(Math.floor(Date.now() / 1000) - 60)));
      await page.goto(`${server.baseUrl}/#/systemVersion`);
      await page.waitForURL(/#\/login$/);
      await notice.getByText('登录已过期，请重新登录').waitFor();

      // Shown once: a reload of the login page no longer has it.
      await page.reload();
      await page.locator('[data-testid="login-form"]').waitFor();
      assert.equal(await notice.count(), 0);
    } finally {
      await context.close();
    }
  });

  test('a wrong password shows an error and stays on the login page', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    try {
      await page.goto(`${server.baseUrl}/#/login`);
      await fillLogin(page, ADMIN.username, `${password}-wrong`);
      await page.locator('[data-testid="login-submit"]').click();
      const error = page.locator('[data-testid="login-error"]');
      await error.waitFor();
      assert.notEqual((await error.innerText()).trim(), '');
      assert.match(page.url(), /#\/login$/);
      await screenshot(page, 'login-error');
    } finally {
      await context.close();
    }
  });
});
