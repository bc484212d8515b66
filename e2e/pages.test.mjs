// Every route of the console exists and renders without a script error.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { browserSkip, launchBrowser } from './lib/browser.mjs';
import { login, screenshot } from './lib/console.mjs';
import { ADMIN, assertConsoleBuilt, startServer } from './lib/server.mjs';

/** Route → element that proves the page rendered. */
const CONSOLE_PAGES = {
  '/home': 'home-version',
  '/authPageManage': 'auth-page-manage',
  '/authorizedAccountManage': 'account-manage',
  '/templateLibrary': 'template-library',
  '/authorizedAccountManage/submitAudit': 'weapp-submit-audit',
  '/authorizedAccountManage/weappSettings': 'weapp-settings',
  '/authorizedAccountManage/miniProgramVersion': 'weapp-versions',
  '/developTools': 'develop-tools',
  '/developTools/token': 'token-page',
  '/developTools/message': 'message-page',
  '/forwardMessage': 'forward-page',
  '/proxyConfig': 'proxy-config',
  '/passwordManage': 'password-manage',
  '/systemVersion': 'system-version',
};

/** Standalone page → the card it shows on a service without WX_APPID (and without auth_code). */
const STANDALONE_PAGES = {
  '/authorize': ['authorize-error', '尚未配置第三方平台 AppID'],
  '/authorizeH5': ['authorize-error', '尚未配置第三方平台 AppID'],
  '/redirectPage': ['redirect-error', '没有授权码'],
};

describe('console routes', { skip: browserSkip() }, () => {
  let server;
  let browser;
  let page;
  const pageErrors = [];

  before(async () => {
    assertConsoleBuilt();
    browser = await launchBrowser(); // first: a missing browser should not cost a Go build
    server = await startServer();
    page = await (await browser.newContext({ viewport: { width: 1366, height: 820 }, locale: 'zh-CN' })).newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await login(page, server.baseUrl, ADMIN);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('every menu route renders inside the console', async () => {
    for (const [path, testId] of Object.entries(CONSOLE_PAGES)) {
      await page.goto(`${server.baseUrl}/#${path}`);
      await page.locator(`[data-testid="${testId}"]`).first().waitFor();
      await page.locator('[data-testid="side-menu"]').waitFor();
    }
    assert.deepEqual(pageErrors, []);
  });

  test('hidden child pages show the back arrow and their parent in the breadcrumb', async () => {
    await page.goto(`${server.baseUrl}/#/developTools/token`);
    await page.locator('[data-testid="breadcrumb"]').getByText('开发调试').waitFor();
    await page.locator('[data-testid="header-back"]').click();
    await page.waitForURL(/#\/developTools$/);
  });

  test('the menu collapses', async () => {
    await page.goto(`${server.baseUrl}/#/home`);
    await page.locator('[data-testid="menu-collapse"]').click();
    await page.locator('.side-menu-logo', { hasText: /^微$/ }).waitFor();
    await page.waitForTimeout(300);
    await screenshot(page, 'menu-collapsed');
    await page.locator('[data-testid="menu-collapse"]').click();
    await page.locator('.side-menu-logo', { hasText: '服务商微管家' }).waitFor();
  });

  test('auth pages render standalone and unknown paths say so', async () => {
    for (const [path, [testId, text]] of Object.entries(STANDALONE_PAGES)) {
      await page.goto(`${server.baseUrl}/#${path}`);
      await page.locator(`[data-testid="${testId}"]`).getByText(text).waitFor();
      assert.equal(await page.locator('[data-testid="side-menu"]').count(), 0);
    }
    await page.goto(`${server.baseUrl}/#/no-such-page`);
    await page.getByText('页面不存在').waitFor();
    assert.deepEqual(pageErrors, []);
  });
});
