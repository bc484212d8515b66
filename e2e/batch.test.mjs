// A small batch release end to end, against the WeChat simulator: the mini program is
// authorized (with code management, permission set 18), a developer's draft is added to
// the template library in 模板库, and 批量发布's wizard commits it with a per-account
// ext_json, submits it for audit and — once the simulator approves it — releases it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openFromMenu, screenshot } from './lib/console.mjs';
import { describePush, SIM_ACCOUNTS } from './lib/sim.mjs';
import { authorize, pushTicket, startWired, stopWired, wiredSkip } from './lib/wired.mjs';

const skip = wiredSkip();

const MINI = SIM_ACCOUNTS.mini;
const VERSION = '3.1.4';
const DESC = 'e2e 批量发布';
const PAGE = 'pages/index/index';
const EXT_JSON = '{"extEnable": true, "extAppid": "{{appid}}", "ext": {"shopName": "{{nickname}}"}}';
/** Waits for the release: an audit decided after 2 s, pushes, the engine's 2 s tick, the page's 5 s refresh. */
const RELEASE_TIMEOUT_MS = 60_000;

describe('batch release', { skip }, () => {
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

  test('the mini program is authorized with code management and listed under 代开发小程序', async () => {
    await pushTicket({ sim, server, page });
    // WeChat grants the account's permission sets (17 and 18 among them) and pushes "authorized".
    const grant = await authorize({ sim, server, page }, MINI.appid);
    assert.ok(grant.func_info.includes(18), `the grant lacks permission set 18: ${grant.func_info}`);

    await page.goto(`${server.baseUrl}/#/home`);
    await openFromMenu(page, '授权帐号管理', '/authorizedAccountManage');
    await page.locator('.t-tabs__nav-item', { hasText: '代开发小程序' }).click();
    const dev = page.locator('[data-testid="accounts-dev"]');
    await dev.locator(`[data-testid="account-name-${MINI.appid}"]`).getByText(MINI.name).waitFor();
  });

  test('a developer draft is added to the template library in 模板库', async () => {
    const draft = await sim.control('/sim/code/draft', { user_version: VERSION, user_desc: DESC, source_miniprogram_appid: 'wxe2edevapp00000001', pages: [PAGE, 'pages/shop/shop'] });
    await page.goto(`${server.baseUrl}/#/home`);
    await openFromMenu(page, '模板库', '/templateLibrary');
    await page.locator('[data-testid="template-library"] .t-tabs__nav-item', { hasText: '草稿箱' }).click();
    await page.locator(`[data-testid="draft-add-0-${draft.draft_id}"]`).click();
    await page.locator(`[data-testid="draft-add-0-${draft.draft_id}-dialog"] .t-dialog__confirm`).click();
    await page.locator('.t-message', { hasText: '已添加到模板库' }).waitFor();
    await page.locator('[data-testid="template-library"] tr', { hasText: DESC }).waitFor();
  });

  test('the wizard creates a batch that commits, is approved and released', async () => {
    // WeChat approves each audit 2 s after submission and pushes weapp_audit_success.
    await sim.control('/sim/audit/policy', { autoDelayMs: 2000, autoResult: 'approve', privacyScanSeconds: 0 });

    await page.goto(`${server.baseUrl}/#/home`);
    await openFromMenu(page, '批量发布', '/batchRelease');
    await page.getByRole('button', { name: '新建批量发布' }).click();
    await page.waitForURL(/#\/batchRelease\/new$/);
    const next = page.getByRole('button', { name: '下一步' });

    // 1 选择模板: picking the template fills version and description.
    await page.locator('[data-testid="step-template"] .batch-template', { hasText: DESC }).click();
    await page.locator('[data-testid="step-template"] input[value="3.1.4"]').waitFor();
    await next.click();

    // 2 配置 ext.json: the preview renders the template for the account.
    await page.locator('textarea[data-testid="extjson-input"]').fill(EXT_JSON);
    const preview = page.locator('[data-testid="preview-json"]');
    await preview.getByText(MINI.name, { exact: false }).waitFor();
    const rendered = JSON.parse(await preview.innerText());
    assert.deepEqual(rendered, { extEnable: true, extAppid: MINI.appid, ext: { shopName: MINI.name } });
    await next.click();

    // 3 选择帐号
    const accounts = page.locator('[data-testid="step-accounts"]');
    await accounts.locator('tr', { hasText: MINI.appid }).locator('.t-checkbox').click();
    await accounts.getByText('已选择 1 个帐号').waitFor();
    await next.click();

    // 4 步骤与分批: one audit page in the account's first category; auto release stays on.
    const options = page.locator('[data-testid="step-options"]');
    await options.getByText(`类目取自帐号 ${MINI.appid} 的可选类目。`, { exact: false }).waitFor();
    await options.getByRole('button', { name: /添加审核页面/ }).click();
    const item = options.locator('[data-testid="audit-item-0"]');
    await item.locator('.t-select input[value="工具 > 效率"]').waitFor(); // the account's first category
    await item.getByPlaceholder('页面路径，如 pages/index/index').fill(PAGE);
    await item.getByPlaceholder('页面标题（≤32 字）').fill('首页');
    assert.match(await options.getByRole('switch', { name: '审核通过后自动发布' }).getAttribute('class'), /t-is-checked/);
    await next.click();

    // 5 确认
    const confirm = page.locator('[data-testid="step-confirm"]');
    await confirm.getByText(`1 个：${MINI.name}`).waitFor();
    await confirm.getByText('上传代码 → 提交审核 → 等待审核结果 → 发布').waitFor();
    await confirm.getByText(/同时处理 \d+ 个帐号；不分批/).waitFor();
    await screenshot(page, 'batch-confirm');
    await page.getByRole('button', { name: '创建并开始' }).click();

    // The job's page refreshes itself until the account is released and the job has ended.
    await page.waitForURL(/#\/batchRelease\/detail\?id=\d+$/);
    // TDesign's Card drops data-testid, so the page itself is searched.
    const detail = page;
    await detail.locator(`[data-testid="state-${MINI.appid}"]`).waitFor();
    await detail.locator('[data-testid="batch-state"]').getByText('已结束').waitFor({ timeout: RELEASE_TIMEOUT_MS });
    assert.equal(await detail.locator(`[data-testid="state-${MINI.appid}"]`).innerText(), '已完成');
    const row = detail.locator('tr', { hasText: MINI.appid });
    await row.getByText('完成', { exact: true }).waitFor();
    await detail.getByText('已完成 1/1').waitFor();
    await detail.getByText(/已完成：发布 1，/).waitFor(); // the job's note: one account released
    await screenshot(page, 'batch-released');
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(cspViolations, []);
  });

  test('WeChat saw exactly one commit, one submit_audit and one release', async () => {
    const res = await fetch(`${sim.baseUrl}/sim/code?appid=${MINI.appid}`);
    const code = await res.json();
    assert.equal(code.calls['/wxa/commit'], 1, JSON.stringify(code.calls));
    assert.equal(code.calls['/wxa/submit_audit'], 1, JSON.stringify(code.calls));
    assert.equal(code.calls['/wxa/release'], 1, JSON.stringify(code.calls));
    assert.equal(code.online?.user_version, VERSION, 'the committed version is online');
    assert.equal(JSON.parse(code.commit.ext_json).extAppid, MINI.appid, JSON.stringify(code.commit));
  });
});
