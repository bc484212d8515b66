// Merchant authorization end to end, against the WeChat simulator: the link
// generator builds a PC link, the merchant's browser follows it to WeChat's
// (simulated) authorization page, authorizes, lands on the redirect page, and
// the account shows up in 授权帐号管理; a revocation moves it to 已取消授权.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openFromMenu, screenshot } from './lib/console.mjs';
import { describePush, SIM_ACCOUNTS } from './lib/sim.mjs';
import { eventually } from './lib/wait.mjs';
import { pushTicket, startWired, stopWired, wiredSkip } from './lib/wired.mjs';

const skip = wiredSkip();

const STATE = 'customer-42';

/** Picks an option of a TDesign Select by its label. */
async function choose(page, testId, labelText) {
  await page.locator(`[data-testid="${testId}"]`).click();
  await page.locator('.t-select__dropdown:visible .t-select-option', { hasText: labelText }).first().click();
}

describe('merchant authorization', { skip }, () => {
  let sim;
  let server;
  let browser;
  let page;
  let cspViolations;
  const pageErrors = [];

  before(async () => {
    ({ sim, server, browser, page, cspViolations } = await startWired(pageErrors));
  });

  after((t) => stopWired({ sim, server, browser }, t));

  test('an authorization link without a ticket explains the problem and offers 重试', async () => {
    await page.goto(`${server.baseUrl}/#/authorize?authType=6`);
    await page.locator('[data-testid="authorize-error"]').waitFor();
    const reason = await page.locator('[data-testid="authorize-error-reason"]').innerText();
    assert.match(reason, /component_verify_ticket/);
    await screenshot(page, 'authorize-no-ticket');

    // Once the ticket arrives, 重试 goes on to WeChat's page.
    await pushTicket({ sim, server, page });
    await page.locator('[data-testid="authorize-retry"]').click();
    await page.waitForURL((u) => u.href.startsWith(`${sim.baseUrl}/cgi-bin/componentloginpage`));
  });

  test('授权链接生成器 builds PC and H5 links with a QR code; the redirect URL is validated', async () => {
    await page.goto(`${server.baseUrl}/#/home`);
    await openFromMenu(page, '授权链接生成器', '/authPageManage');
    await page.locator('[data-testid="redirect-url-value"]').getByText('未配置').waitFor();

    // An invalid redirect URL cannot be saved; a valid one can, and 删除 removes it again.
    await page.locator('[data-testid="redirect-url-edit"]').click();
    const input = page.locator('[data-testid="redirect-url-dialog-input"] input');
    const confirm = page.locator('.t-dialog__ctx:visible .t-dialog__confirm');
    await input.fill('example.com/done');
    assert.equal(await confirm.isDisabled(), true, 'a URL without scheme must not be savable');
    await input.fill('https://biz.example.com/wechat/done');
    await confirm.click();
    await page.locator('[data-testid="redirect-url-value"]').getByText('https://biz.example.com/wechat/done').waitFor();
    await page.locator('[data-testid="redirect-url-delete"]').click();
    await page.locator('.t-popconfirm:visible .t-button--theme-primary').click();
    await page.locator('[data-testid="redirect-url-value"]').getByText('未配置').waitFor();

    // A malformed biz_appid blanks the links until it is fixed.
    await page.locator('[data-testid="link-biz-appid"] input').fill('wx 1');
    await page.locator('[data-testid="authlink-pc"]').getByText('-', { exact: true }).waitFor();
    // TDesign renders a disabled button as a <div disabled>.
    assert.notEqual(await page.locator('[data-testid="authlink-pc-copy"]').getAttribute('disabled'), null);
    await page.locator('[data-testid="link-biz-appid"] input').fill('');

    await page.locator('[data-testid="link-auth-type"]').getByText('小程序', { exact: true }).click();
    await page.locator('[data-testid="link-state"] input').fill(STATE);
    const pc = page.locator('[data-testid="authlink-pc"]');
    await pc.getByText(`authType=2&state=${STATE}`, { exact: false }).waitFor();
    assert.equal(await pc.innerText(), `${server.baseUrl}/#/authorize?authType=2&state=${STATE}`);
    const h5 = await page.locator('[data-testid="authlink-h5"]').innerText();
    assert.equal(h5, `${server.baseUrl}/#/authorizeH5?authType=2&state=${STATE}`);
    assert.equal(await page.locator('[data-testid="authlink-h5-qr"]').getAttribute('data-text'), h5);
    await page.locator('[data-testid="link-local-origin"]').waitFor(); // 127.0.0.1 cannot be opened by merchants
    await screenshot(page, 'auth-page-manage');
  });

  test('the merchant authorizes a mini program through the PC link', async () => {
    const link = await page.locator('[data-testid="authlink-pc"]').innerText();
    const toWeChat = page.waitForRequest((r) => r.url().startsWith(`${sim.baseUrl}/cgi-bin/componentloginpage`));
    await page.goto(link);
    await page.waitForURL((u) => u.href.startsWith(`${sim.baseUrl}/cgi-bin/componentloginpage`));
    // WeChat checks the Referer's domain against 登录授权的发起页域名: the Referrer-Policy must
    // still send our origin (and nothing more) to its authorization page.
    assert.equal((await toWeChat).headers().referer, `${server.baseUrl}/`);
    // authType=2 offers mini programs only.
    await page.locator(`[data-testid="sim-account-${SIM_ACCOUNTS.mini.appid}"]`).waitFor();
    assert.equal(await page.locator(`[data-testid="sim-account-${SIM_ACCOUNTS.oa.appid}"]`).count(), 0);
    await screenshot(page, 'sim-authorize-page');

    await page.locator(`[data-testid="sim-authorize-${SIM_ACCOUNTS.mini.appid}"]`).click();
    await page.waitForURL(/#\/redirectPage/);
    assert.match(page.url(), /auth_code=/);
    await page.locator('[data-testid="auth-success"]').waitFor();
    assert.equal(await page.locator('[data-testid="auth-success-nickname"]').innerText(), SIM_ACCOUNTS.mini.name);
    assert.equal(await page.locator('[data-testid="auth-success-appid"]').innerText(), SIM_ACCOUNTS.mini.appid);
    await screenshot(page, 'redirect-success');
  });

  test('the official account authorizes through the H5 link', async () => {
    await page.setViewportSize({ width: 390, height: 844 }); // a phone, as H5 links are opened in WeChat
    try {
      await page.goto(`${server.baseUrl}/#/authorizeH5?authType=1`);
      await page.waitForURL((u) => u.href.startsWith(`${sim.baseUrl}/wxaopen/safe/bindcomponent`));
      await page.locator(`[data-testid="sim-authorize-${SIM_ACCOUNTS.oa.appid}"]`).click();
      await page.locator('[data-testid="auth-success"]').waitFor();
      assert.equal(await page.locator('[data-testid="auth-success-nickname"]').innerText(), SIM_ACCOUNTS.oa.name);
      await screenshot(page, 'redirect-success-h5');
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  });

  test('授权帐号管理 lists both accounts with names, permission sets and the link state', async () => {
    await page.goto(`${server.baseUrl}/#/home`);
    await openFromMenu(page, '授权帐号管理', '/authorizedAccountManage');
    const table = page.locator('[data-testid="accounts-normal"]');
    await table.locator(`[data-testid="account-name-${SIM_ACCOUNTS.mini.appid}"]`).getByText(SIM_ACCOUNTS.mini.name).waitFor();
    await table.locator(`[data-testid="account-name-${SIM_ACCOUNTS.oa.appid}"]`).getByText(SIM_ACCOUNTS.oa.name).waitFor();
    const funcs = table.locator(`[data-testid="account-funcs-${SIM_ACCOUNTS.mini.appid}"]`);
    assert.match(await funcs.getAttribute('data-ids'), /(^|,)18(,|$)/);
    await funcs.getByText('17 帐号管理(小程序)').waitFor();
    await screenshot(page, 'accounts');

    await page.locator(`[data-testid="account-detail-${SIM_ACCOUNTS.mini.appid}"]`).click();
    const detail = page.locator('.t-dialog__ctx:visible');
    await detail.getByText(STATE, { exact: true }).waitFor();
    await page.waitForTimeout(400); // let the dialog finish its opening animation
    await screenshot(page, 'account-detail');
    await detail.locator('.t-dialog__close').click();

    // The name filter matches a part of the name.
    await page.locator('[data-testid="account-filter-name-normal"] input').fill('测试小程序');
    await page.locator('[data-testid="account-search-normal"]').click();
    await table.locator(`[data-testid="account-name-${SIM_ACCOUNTS.oa.appid}"]`).waitFor({ state: 'detached' });
    assert.equal(await table.locator(`[data-testid="account-name-${SIM_ACCOUNTS.mini.appid}"]`).count(), 1);
    await page.locator('[data-testid="account-filter-name-normal"] input').fill('');
    await page.locator('[data-testid="account-search-normal"]').click();
    await table.locator(`[data-testid="account-name-${SIM_ACCOUNTS.oa.appid}"]`).waitFor();
  });

  test('获取token, 刷新信息 and 同步授权帐号 work', async () => {
    await page.locator(`[data-testid="account-token-${SIM_ACCOUNTS.oa.appid}"]`).click();
    await page.locator('.t-popconfirm:visible .t-button--theme-primary').click();
    const token = page.locator('[data-testid="account-token-value"]');
    await token.waitFor();
    assert.ok((await token.innerText()).length > 10, 'a token is shown');
    await page.locator('.t-dialog__ctx:visible .t-dialog__close').click();

    await page.locator(`[data-testid="account-rt-${SIM_ACCOUNTS.oa.appid}"]`).click();
    await page.locator('.t-message', { hasText: 'refresh_token 已复制' }).waitFor();

    await page.locator(`[data-testid="account-refresh-${SIM_ACCOUNTS.mini.appid}"]`).click();
    await page.locator('.t-message', { hasText: '已从微信刷新' }).waitFor();

    await page.locator('[data-testid="account-sync"]').click();
    await page.locator('[data-testid="account-sync-done"]').waitFor({ timeout: 20_000 });
    assert.match(await page.locator('[data-testid="account-sync-done"]').innerText(), /共 2 个帐号/);
    await screenshot(page, 'accounts-synced');
  });

  test('代开发小程序 lists the mini program with permission set 18', async () => {
    await page.getByRole('tab', { name: '代开发小程序' }).or(page.locator('.t-tabs__nav-item', { hasText: '代开发小程序' })).first().click();
    const dev = page.locator('[data-testid="accounts-dev"]');
    await dev.locator(`[data-testid="account-name-${SIM_ACCOUNTS.mini.appid}"]`).waitFor();
    assert.equal(await dev.locator(`[data-testid="account-name-${SIM_ACCOUNTS.oa.appid}"]`).count(), 0);
    await screenshot(page, 'accounts-dev');
    await page.locator('.t-tabs__nav-item', { hasText: '普通授权帐号' }).click();
  });

  test('a revoked account moves to 已取消授权', async () => {
    const answer = await sim.revoke(SIM_ACCOUNTS.mini.appid);
    assert.ok(answer.push?.delivered, `the service did not acknowledge the unauthorized push:\n${describePush(answer)}`);
    // The push is acknowledged once recorded and applied by a job just after: reload until it shows.
    const table = page.locator('[data-testid="accounts-normal"]');
    await eventually(
      async () => {
        await page.reload();
        await table.locator(`[data-testid="account-name-${SIM_ACCOUNTS.oa.appid}"]`).waitFor();
        return (await table.locator(`[data-testid="account-name-${SIM_ACCOUNTS.mini.appid}"]`).count()) === 0;
      },
      () => 'revoked accounts are not listed as 已授权',
    );

    await choose(page, 'account-filter-status', '已取消授权');
    await table.locator(`[data-testid="account-name-${SIM_ACCOUNTS.mini.appid}"]`).getByText(SIM_ACCOUNTS.mini.name).waitFor();
    await table.locator(`[data-testid="account-status-${SIM_ACCOUNTS.mini.appid}"]`).getByText('已取消授权').waitFor();
    assert.equal(await table.locator(`[data-testid="account-name-${SIM_ACCOUNTS.oa.appid}"]`).count(), 0);
    await screenshot(page, 'accounts-revoked');
    assert.deepEqual(pageErrors, []);
  });

  test('with a redirect URL the merchant is forwarded with auth_code, expires_in and state; re-authorizing restores the account', async () => {
    // Any loopback page will do as the provider's own page: the simulator's control index.
    const target = `${sim.baseUrl}/sim/`;
    await page.goto(`${server.baseUrl}/#/home`);
    await openFromMenu(page, '授权链接生成器', '/authPageManage');
    await page.locator('[data-testid="redirect-url-edit"]').click();
    await page.locator('[data-testid="redirect-url-dialog-input"] input').fill(target);
    await page.locator('.t-dialog__ctx:visible .t-dialog__confirm').click();
    await page.locator('[data-testid="redirect-url-value"]').getByText(target).waitFor();

    await page.goto(`${server.baseUrl}/#/authorize?authType=2&state=customer-7`);
    await page.locator(`[data-testid="sim-authorize-${SIM_ACCOUNTS.mini.appid}"]`).click();
    await page.waitForURL((u) => u.href.startsWith(target));
    const forwarded = new URL(page.url());
    assert.match(forwarded.searchParams.get('auth_code') ?? '', /./);
    assert.equal(forwarded.searchParams.get('expires_in'), '600');
    assert.equal(forwarded.searchParams.get('state'), 'customer-7');

    await page.goto(`${server.baseUrl}/#/authorizedAccountManage`);
    const table = page.locator('[data-testid="accounts-normal"]');
    await table.locator(`[data-testid="account-status-${SIM_ACCOUNTS.mini.appid}"]`).getByText('已授权').waitFor();
  });

  test('the redirect page explains a missing or rejected code', async () => {
    await page.goto(`${server.baseUrl}/#/redirectPage`);
    await page.locator('[data-testid="redirect-error"]').getByText('没有授权码').waitFor();
    await page.goto(`${server.baseUrl}/#/redirectPage?auth_code=queryauthcode@@@bogus&expires_in=600`);
    await page.locator('[data-testid="redirect-error-reason"]').getByText('授权码已使用或已过期').waitFor();
    assert.equal(await page.locator('[data-testid="redirect-retry"]').count(), 0, 'a rejected code is not worth retrying');
    await screenshot(page, 'redirect-error');
    // The whole flow, head images from WeChat's CDN and dialogs included, stays inside the CSP.
    assert.deepEqual(cspViolations, []);
  });
});
