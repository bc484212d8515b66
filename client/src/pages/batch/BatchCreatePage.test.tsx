// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client';
import BatchCreatePage from './BatchCreatePage';
import { AtRoute } from './testing';

const batchApi = vi.hoisted(() => ({ getTemplates: vi.fn(), getCategories: vi.fn(), previewBatch: vi.fn(), createBatch: vi.fn() }));
vi.mock('../../api/batch', async (orig) => ({ ...(await orig<typeof import('../../api/batch')>()), ...batchApi }));
const api = vi.hoisted(() => ({ getAuthorizers: vi.fn() }));
vi.mock('../../api', async (orig) => ({ ...(await orig<typeof import('../../api')>()), ...api }));

const account = (appid: string, nickName: string) => ({ id: 0, appid, nickName, principalName: '示例公司', appType: 0, funcInfo: '|18|' });
const next = () => screen.getByRole('button', { name: '下一步' });

describe('BatchCreatePage', () => {
  beforeEach(() => {
    for (const f of [...Object.values(batchApi), ...Object.values(api)]) f.mockReset();
    batchApi.getTemplates.mockResolvedValue({
      templateList: [
        { templateId: 7, userVersion: '1.2.0', userDesc: '春季版', createTime: 1767300000 },
        { templateId: 8, userVersion: '1.3.0', userDesc: '夏季版', createTime: 1767400000 },
      ],
    });
    batchApi.getCategories.mockResolvedValue({ categoryList: [{ firstClass: '工具', secondClass: '效率', firstId: 1, secondId: 2 }] });
    api.getAuthorizers.mockResolvedValue({ total: 2, records: [account('wx01', '一号店'), account('wx02', '二号店')] });
  });

  it('walks from template to a created batch, previewing ext.json and listing the server’s problems', async () => {
    const user = userEvent.setup();
    render(<AtRoute path="/batchRelease/new" page={<BatchCreatePage />} />);

    // 1 选择模板: nothing picked yet → told what is missing; picking fills version and description.
    await user.click(await screen.findByTestId('template-7'));
    expect(await screen.findByDisplayValue('1.2.0')).toBeVisible();
    expect(await screen.findByDisplayValue('春季版')).toBeVisible();
    await user.click(next());

    // 2 ext.json: the preview shows the server's problems, then the rendered JSON.
    const missing = new ApiError(1001, '参数错误', 400, ['帐号 wx01 缺少变量：shopId']);
    batchApi.previewBatch.mockRejectedValueOnce(missing).mockResolvedValue({ extJson: '{"extAppid":"wx01","shop":"12"}' });
    await user.click(await screen.findByTestId('extjson-input'));
    await user.paste('{"extAppid":"{{appid}}","shop":"{{shopId}}"}');
    expect(await screen.findByText('帐号 wx01 缺少变量：shopId')).toBeVisible();
    expect(screen.getByText('没有帐号提供这些变量：shopId（未提供的帐号将无法发布）')).toBeVisible();
    await user.click(screen.getByTestId('vars-input'));
    await user.paste('appid,shopId\nwx01,12');
    expect(await screen.findByTestId('preview-json')).toHaveTextContent('"shop": "12"');
    expect(screen.getByText('已读取 1 个帐号的变量：shopId')).toBeVisible();
    expect(batchApi.previewBatch).toHaveBeenLastCalledWith(
      expect.objectContaining({ appid: 'wx01', variables: 'appid,shopId\nwx01,12', spec: expect.objectContaining({ templateId: 7 }) }),
    );
    await user.click(next());

    // 3 选择帐号: one row ticked, plus the accounts named in the variables.
    const row = (await screen.findByText('二号店')).closest('tr')!;
    await user.click(within(row).getByRole('checkbox'));
    await user.click(screen.getByRole('button', { name: '选中变量中的 1 个帐号' }));
    expect(screen.getByText(/已选择 2 个帐号/)).toBeVisible();
    await user.click(next());

    // 4 步骤与分批: web-view domains and manual release.
    await user.click(await screen.findByRole('switch', { name: '设置业务域名' }));
    await user.click(screen.getByPlaceholderText('https://h5.example.com'));
    await user.paste('https://h5.example.com');
    await user.click(screen.getByRole('switch', { name: '审核通过后自动发布' }));
    await user.click(next());

    // 5 确认, then the server refuses once with its problems and accepts the second time.
    expect(await screen.findByText('2 个：二号店、一号店')).toBeVisible();
    expect(screen.getByText('二号店（wx02）缺少 shopId')).toBeVisible();
    expect(screen.getByText('设置业务域名 → 上传代码 → 提交审核 → 等待审核结果（审核通过后等待手动发布）')).toBeVisible();
    batchApi.createBatch.mockRejectedValueOnce(new ApiError(1001, '参数错误', 400, ['帐号 wx02 不是已授权代码管理权限（权限集 18）的小程序']));
    await user.click(screen.getByRole('button', { name: '创建并开始' }));
    expect(await screen.findByText('服务器未接受此批量发布')).toBeVisible();
    expect(screen.getByText('帐号 wx02 不是已授权代码管理权限（权限集 18）的小程序')).toBeVisible();

    batchApi.createBatch.mockResolvedValue({ id: 12 });
    await user.click(screen.getByRole('button', { name: '创建并开始' }));
    expect(await screen.findByTestId('where')).toHaveTextContent('/batchRelease/detail?id=12');
    expect(batchApi.createBatch).toHaveBeenLastCalledWith({
      variables: 'appid,shopId\nwx01,12',
      spec: {
        name: '1.2.0 批量发布',
        templateId: 7,
        userVersion: '1.2.0',
        userDesc: '春季版',
        extJson: '{"extAppid":"{{appid}}","shop":"{{shopId}}"}',
        accounts: { appids: ['wx02', 'wx01'] },
        webviewDomains: ['https://h5.example.com'],
        audit: {},
        autoRelease: false,
        concurrency: 5,
        canarySize: 0,
      },
    });
  });

  it('keeps the operator on a step until it is complete, and keeps entries when going back', async () => {
    const user = userEvent.setup();
    render(<AtRoute path="/batchRelease/new" page={<BatchCreatePage />} />);
    await screen.findByTestId('template-7');
    await user.click(next());
    expect(screen.getByText('请选择一个代码模板')).toBeVisible();
    expect(screen.getByText('请填写版本号')).toBeVisible();
    expect(screen.getByTestId('step-template')).toBeVisible();

    // Going back keeps what was entered.
    await user.click(screen.getByTestId('template-8'));
    expect(await screen.findByDisplayValue('1.3.0')).toBeVisible();
    await user.click(next());
    await user.click(await screen.findByRole('button', { name: '上一步' }));
    expect(await screen.findByDisplayValue('1.3.0')).toBeVisible();
    // The step mounts again and reads the template list again: wait for it.
    expect(await screen.findByTestId('template-8')).toHaveAttribute('aria-pressed', 'true');
  });
});
