import { describe, expect, it } from 'vitest';
import { accountsMissingVars, INITIAL_FORM, lines, privacyItems, stepProblems, toSpec, type WizardForm } from './wizard';

const template = { templateId: 7, userVersion: '1.2.0', userDesc: '模板', createTime: 1767300000 };
const form = (over: Partial<WizardForm>): WizardForm => ({ ...INITIAL_FORM, template, userVersion: '1.2.0', ...over });

describe('toSpec', () => {
  it('sends the chosen appids and leaves optional steps out', () => {
    const spec = toSpec(form({ appids: ['wx1', 'wx2'], extJson: ' {"a":"{{appid}}"} ', userDesc: ' 新版 ' }));
    expect(spec).toEqual({
      name: '1.2.0 批量发布',
      templateId: 7,
      userVersion: '1.2.0',
      userDesc: '新版',
      extJson: '{"a":"{{appid}}"}',
      accounts: { appids: ['wx1', 'wx2'] },
      audit: {},
      autoRelease: true,
      concurrency: 5,
      canarySize: 0,
    });
  });

  it('sends "all" with the name filter, domains, webview, privacy and the audit items', () => {
    const spec = toSpec(
      form({
        name: '春季上新',
        selectMode: 'all',
        nameFilter: ' 小店 ',
        appids: ['ignored'],
        setDomains: true,
        domains: { requestdomain: 'https://a.com\nhttps://b.com', wsrequestdomain: '', uploaddomain: 'https://u.com', downloaddomain: '' },
        setWebview: true,
        webviewDomains: 'https://h5.com',
        setPrivacy: true,
        noticeMethod: '弹窗',
        contactPhone: ' 123 ',
        privacyItems: 'UserInfo：用于展示头像\nLocation: 附近门店',
        items: [{ categoryKey: '1-2-0', firstClass: '工具', secondClass: '效率', firstId: 1, secondId: 2, thirdId: 0, title: ' 首页 ', tag: '' }],
        versionDesc: '修复',
        autoRelease: false,
        concurrency: 10,
        canarySize: 3,
      }),
    );
    expect(spec.name).toBe('春季上新');
    expect(spec.accounts).toEqual({ all: true, name: '小店' });
    expect(spec.domains).toEqual({ requestdomain: ['https://a.com', 'https://b.com'], wsrequestdomain: [], uploaddomain: ['https://u.com'], downloaddomain: [] });
    expect(spec.webviewDomains).toEqual(['https://h5.com']);
    expect(spec.privacy).toEqual({
      privacyVer: 2,
      ownerSetting: { noticeMethod: '弹窗', contactPhone: '123' },
      settingList: [
        { privacyKey: 'UserInfo', privacyText: '用于展示头像' },
        { privacyKey: 'Location', privacyText: '附近门店' },
      ],
    });
    expect(spec.audit).toEqual({ itemList: [{ firstClass: '工具', secondClass: '效率', firstId: 1, secondId: 2, title: '首页' }], versionDesc: '修复' });
    expect(spec).toMatchObject({ autoRelease: false, concurrency: 10, canarySize: 3 });
  });
});

describe('stepProblems', () => {
  it('needs a template and a version on step 1', () => {
    expect(stepProblems(INITIAL_FORM, 0)).toEqual(['请选择一个代码模板', '请填写版本号']);
    expect(stepProblems(form({}), 0)).toEqual([]);
  });

  it('checks the ext.json and the variables on step 2', () => {
    expect(stepProblems(form({ extJson: '{"a":{{x}}}' }), 1)).toEqual([]);
    expect(stepProblems(form({ extJson: '{', variables: 'x\n1' }), 1)).toEqual([expect.stringMatching(/^ext.json 不是合法的 JSON/), '变量 CSV 的表头须有 appid 列']);
  });

  it('needs accounts unless all are chosen', () => {
    expect(stepProblems(form({}), 2)).toEqual(['请至少选择一个帐号，或选择「全部」']);
    expect(stepProblems(form({ selectMode: 'all' }), 2)).toEqual([]);
  });

  it('checks privacy, audit items and the numbers on step 4', () => {
    const bad = form({ setPrivacy: true, privacyItems: 'UserInfo', concurrency: 51, canarySize: -1, items: [{ categoryKey: '', title: 'x'.repeat(33) }] });
    expect(stepProblems({ ...bad, setWebview: true, setDomains: true }, 3).slice(0, 2)).toEqual([
      '已开启设置服务器域名，请至少填写一个域名（不需要时请关闭）',
      '已开启设置业务域名，请至少填写一个域名（不需要时请关闭）',
    ]);
    expect(stepProblems(bad, 3)).toEqual([
      '隐私保护指引须填写告知方式',
      '隐私信息每行须为「接口：用途说明」',
      '页面标题不超过 32 个字符',
      '并发数须在 1 到 50 之间',
      '灰度帐号数不能为负',
    ]);
  });
});

describe('accountsMissingVars', () => {
  it('names picked accounts without a value for a template variable', () => {
    const f = form({ extJson: '{"a":"{{appid}}{{shopId}}{{city}}"}', variables: 'appid,shopId,city\nwx1,1,bj\nwx2,2,', appids: ['wx1', 'wx2', 'wx3'], nicknames: { wx3: '三号店' } });
    expect(accountsMissingVars(f)).toEqual(['三号店（wx3）缺少 shopId、city']);
    expect(accountsMissingVars({ ...f, selectMode: 'all' })).toEqual([]);
  });
});

describe('helpers', () => {
  it('splits lists on lines, commas and spaces', () => {
    expect(lines(' a.com, b.com\n\nc.com ')).toEqual(['a.com', 'b.com', 'c.com']);
    expect(privacyItems('k:v:w')).toEqual([{ privacyKey: 'k', privacyText: 'v：w' }]);
  });
});
