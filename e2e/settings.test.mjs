// Secret与密码管理 against the real service: AppSecret masked/revealed,
// EncodingAESKey validated before saving, a password change that the next
// login must use, and a rename that needs the current password.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { browserSkip, launchBrowser } from './lib/browser.mjs';
import { login, openFromMenu, screenshot, submitPasswordChange } from './lib/console.mjs';
import { ADMIN, assertConsoleBuilt, startServer } from './lib/server.mjs';
import { eventually } from './lib/wait.mjs';

const APP_SECRET = 'abcde0123456789abcdef0123456789wxyz'.slice(0, 32);
const AES_KEY = 'Ab1'.repeat(14) + 'Z'; // 43 letters and digits

/** The confirm button of the dialog that is open. */
const confirmButton = (page) => page.locator('.t-dialog__ctx:visible .t-dialog__confirm');

describe('Secret与密码管理', { skip: browserSkip() }, () => {
  let server;
  let browser;
  let page;
  let password = ADMIN.password;

  before(async () => {
    assertConsoleBuilt();
    browser = await launchBrowser(); // first: a missing browser should not cost a Go build
    server = await startServer();
    page = await (await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' })).newPage();
    password = await login(page, server.baseUrl, ADMIN);
    await openFromMenu(page, 'Secret与密码管理', '/passwordManage');
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('AppSecret is saved, shown masked and revealed on request', async () => {
    await page.locator('[data-testid="secret-edit"]').click();
    await page.locator('[data-testid="secret-dialog-input"] input').fill(APP_SECRET);
    await confirmButton(page).click();
    const value = page.locator('[data-testid="secret-value"]');
    await value.getByText(`${APP_SECRET.slice(0, 5)}***${APP_SECRET.slice(-4)}`).waitFor();
    await page.locator('[data-testid="secret-reveal"]').click();
    await value.getByText(APP_SECRET, { exact: true }).waitFor();
    await page.locator('[data-testid="secret-reveal"]').click();
    await value.getByText(/\*\*\*/).waitFor();
  });

  test('EncodingAESKey must be 43 letters or digits', async () => {
    await page.locator('[data-testid="encodingAESKey-edit"]').click();
    const input = page.locator('[data-testid="callback-secret-dialog-input"] input');
    await input.fill(AES_KEY.slice(0, 42));
    assert.equal(await confirmButton(page).isDisabled(), true, 'a 42-character key must not be savable');
    await input.fill(AES_KEY);
    await confirmButton(page).click();
    await page.locator('[data-testid="encodingAESKey-row"] [data-testid="source-console"]').waitFor();
    await page.locator('.t-dialog__ctx:visible').waitFor({ state: 'hidden' });
    await screenshot(page, 'password-manage');
  });

  test('the password change is checked and the new password logs in', async () => {
    const next = 'Renewed2024pass';
    await page.locator('[data-testid="password-edit"]').click();
    await submitPasswordChange(page, `${password}-wrong`, next);
    await page.locator('[data-testid="change-password-error"]').waitFor();
    await submitPasswordChange(page, password, next);
    await page.locator('[data-testid="change-password-form"]').waitFor({ state: 'detached' });

    // Old sessions may be revoked by the change; either way, log in afresh.
    if (await page.locator('[data-testid="logout"]').isVisible()) await page.locator('[data-testid="logout"]').click();
    await page.waitForURL(/#\/login$/);
    password = await login(page, server.baseUrl, { ...ADMIN, password: next });
    await page.locator('[data-testid="side-menu"]').waitFor();
  });

  test('the account is renamed only with the current password', async () => {
    const renamed = 'ops-admin.e2e';
    await openFromMenu(page, 'Secret与密码管理', '/passwordManage');
    const name = page.locator('[data-testid="username-dialog-input"] input');
    const secret = page.locator('[data-testid="username-dialog-password"] input');

    await page.locator('[data-testid="username-edit"]').click();
    await name.fill(renamed);
    assert.equal(await confirmButton(page).isDisabled(), true, 'a rename without the password must not be savable');
    await secret.fill(password);
    // TDesign's Dialog passes confirmBtn on a render later than the input changes: wait for it.
    for (const bad of ['a'.repeat(33), 'ops admin', 'ops!admin']) {
      await name.fill(renamed);
      await eventually(() => confirmButton(page).isEnabled(), () => `"${renamed}" with the password can be saved`);
      await name.fill(bad);
      await eventually(() => confirmButton(page).isDisabled(), () => `"${bad}" must be refused before saving`);
    }
    await name.fill(renamed);
    await secret.fill(`${password}-wrong`);
    await confirmButton(page).click();
    await page.locator('[data-testid="username-dialog-error"]').getByText('密码错误').waitFor();
    await screenshot(page, 'rename-wrong-password');
    await page.locator('[data-testid="username-row"]').getByText(ADMIN.username, { exact: true }).waitFor();

    await secret.fill(password);
    await confirmButton(page).click();
    await page.locator('.t-dialog__ctx:visible').waitFor({ state: 'hidden' });
    await page.locator('[data-testid="username-row"]').getByText(renamed, { exact: true }).waitFor();
    await page.locator('[data-testid="header-username"]').getByText(renamed).waitFor();
    await screenshot(page, 'account-renamed');

    // The new name logs in; then the original name is restored (E2E_BASE_URL may be a shared service).
    await page.locator('[data-testid="logout"]').click();
    await page.waitForURL(/#\/login$/);
    await login(page, server.baseUrl, { username: renamed, password });
    await openFromMenu(page, 'Secret与密码管理', '/passwordManage');
    await page.locator('[data-testid="username-edit"]').click();
    await name.fill(ADMIN.username);
    await secret.fill(password);
    await confirmButton(page).click();
    await page.locator('[data-testid="header-username"]').getByText(ADMIN.username).waitFor();
  });
});
