// The wizard's form model and how it becomes a batchrelease.Spec. Kept free of React so the
// rules (what each step needs, what is sent) are tested directly.
import type { AuditItem, BatchSpec, CodeTemplate, CreateBatchRequest } from '../../api/batch';
import { BUILTIN_VARS, parseVars, templateProblem, templateVars } from './template';

/** An audit item as edited: the category either picked from the list or typed. */
export interface AuditItemForm extends AuditItem {
  /** Key of the picked category ("firstId-secondId-thirdId"), "" when typed by hand. */
  categoryKey: string;
}

/** Everything the operator fills in across the steps. */
export interface WizardForm {
  name: string;
  template?: CodeTemplate;
  userVersion: string;
  userDesc: string;
  extJson: string;
  variables: string;
  /** The account the ext_json preview renders for. */
  previewAppid: string;
  /** 'some': the appids listed; 'all': every mini program with permission 18 matching the name filter. */
  selectMode: 'some' | 'all';
  appids: string[];
  /** Nicknames of the picked accounts, for the summary. */
  nicknames: Record<string, string>;
  nameFilter: string;
  setDomains: boolean;
  domains: { requestdomain: string; wsrequestdomain: string; uploaddomain: string; downloaddomain: string };
  setWebview: boolean;
  webviewDomains: string;
  setPrivacy: boolean;
  noticeMethod: string;
  contactPhone: string;
  contactEmail: string;
  storeExpireTimestamp: string;
  /** One "privacyKey：说明" per line. */
  privacyItems: string;
  items: AuditItemForm[];
  versionDesc: string;
  feedbackInfo: string;
  autoRelease: boolean;
  concurrency: number;
  canarySize: number;
}

/** What every wizard step gets: the form and a way to change part of it. */
export interface StepProps {
  form: WizardForm;
  onChange: (patch: Partial<WizardForm>) => void;
}

export const DEFAULT_CONCURRENCY = 5;
export const MAX_CONCURRENCY = 50;
export const MAX_AUDIT_ITEMS = 5;

export const INITIAL_FORM: WizardForm = {
  name: '',
  userVersion: '',
  userDesc: '',
  extJson: '',
  variables: '',
  previewAppid: '',
  selectMode: 'some',
  appids: [],
  nicknames: {},
  nameFilter: '',
  setDomains: false,
  domains: { requestdomain: '', wsrequestdomain: '', uploaddomain: '', downloaddomain: '' },
  setWebview: false,
  webviewDomains: '',
  setPrivacy: false,
  noticeMethod: '',
  contactPhone: '',
  contactEmail: '',
  storeExpireTimestamp: '',
  privacyItems: '',
  items: [],
  versionDesc: '',
  feedbackInfo: '',
  autoRelease: true,
  concurrency: DEFAULT_CONCURRENCY,
  canarySize: 0,
};

/** Step titles, in order. */
export const STEPS = ['选择模板', '配置 ext.json', '选择帐号', '步骤与分批', '确认'];

/** Non-empty trimmed lines (one domain or appid per line; commas and spaces also split). */
export function lines(text: string): string[] {
  return text
    .split(/[\n,，\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** "UserInfo：用于展示头像" lines → setting list; the key is before the first colon. */
export function privacyItems(text: string): { privacyKey: string; privacyText: string }[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [key, ...rest] = l.split(/[:：]/);
      return { privacyKey: key.trim(), privacyText: rest.join('：').trim() };
    });
}

/** An audit item without the form-only key and empty fields. */
function auditItem(item: AuditItemForm): AuditItem {
  const entries = Object.entries(item).filter(([k, v]) => k !== 'categoryKey' && v !== '' && v !== undefined && v !== 0);
  return Object.fromEntries(entries.map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v])) as AuditItem;
}

/** The Spec the server receives. Optional steps are left out unless switched on. */
export function toSpec(f: WizardForm): BatchSpec {
  const spec: BatchSpec = {
    name: f.name.trim() || `${f.userVersion.trim()} 批量发布`,
    templateId: f.template?.templateId ?? 0,
    userVersion: f.userVersion.trim(),
    userDesc: f.userDesc.trim(),
    extJson: f.extJson.trim(),
    accounts: f.selectMode === 'all' ? { all: true, ...(f.nameFilter.trim() ? { name: f.nameFilter.trim() } : {}) } : { appids: f.appids },
    audit: {
      ...(f.items.length ? { itemList: f.items.map(auditItem) } : {}),
      ...(f.versionDesc.trim() ? { versionDesc: f.versionDesc.trim() } : {}),
      ...(f.feedbackInfo.trim() ? { feedbackInfo: f.feedbackInfo.trim() } : {}),
    },
    autoRelease: f.autoRelease,
    concurrency: f.concurrency,
    canarySize: f.canarySize,
  };
  if (f.setDomains) {
    const d = f.domains;
    spec.domains = {
      requestdomain: lines(d.requestdomain),
      wsrequestdomain: lines(d.wsrequestdomain),
      uploaddomain: lines(d.uploaddomain),
      downloaddomain: lines(d.downloaddomain),
    };
  }
  if (f.setWebview) spec.webviewDomains = lines(f.webviewDomains);
  if (f.setPrivacy) spec.privacy = privacySpec(f);
  return spec;
}

function privacySpec(f: WizardForm): BatchSpec['privacy'] {
  const owner = Object.fromEntries(
    Object.entries({ noticeMethod: f.noticeMethod, contactPhone: f.contactPhone, contactEmail: f.contactEmail, storeExpireTimestamp: f.storeExpireTimestamp })
      .map(([k, v]) => [k, v.trim()])
      .filter(([k, v]) => v || k === 'noticeMethod'),
  ) as { noticeMethod: string };
  return { privacyVer: 2, ownerSetting: owner, settingList: privacyItems(f.privacyItems) };
}

/** The PUT / preview body. */
export const toRequest = (f: WizardForm): CreateBatchRequest => ({ spec: toSpec(f), variables: f.variables });

/** What keeps the operator on step `step` (0-based), in words; [] lets them go on. */
export function stepProblems(f: WizardForm, step: number): string[] {
  const p: string[] = [];
  if (step === 0) {
    if (!f.template) p.push('请选择一个代码模板');
    if (!f.userVersion.trim()) p.push('请填写版本号');
    else if ([...f.userVersion.trim()].length > 64) p.push('版本号不超过 64 个字符');
  } else if (step === 1) {
    const t = templateProblem(f.extJson);
    if (t) p.push(`ext.json ${t}`);
    const v = parseVars(f.variables).error;
    if (v) p.push(v);
  } else if (step === 2) {
    if (f.selectMode === 'some' && f.appids.length === 0) p.push('请至少选择一个帐号，或选择「全部」');
  } else if (step === 3) {
    const d = f.domains;
    if (f.setDomains && !lines(d.requestdomain + '\n' + d.wsrequestdomain + '\n' + d.uploaddomain + '\n' + d.downloaddomain).length) {
      p.push('已开启设置服务器域名，请至少填写一个域名（不需要时请关闭）');
    }
    if (f.setWebview && !lines(f.webviewDomains).length) p.push('已开启设置业务域名，请至少填写一个域名（不需要时请关闭）');
    if (f.setPrivacy && !f.noticeMethod.trim()) p.push('隐私保护指引须填写告知方式');
    if (f.setPrivacy && privacyItems(f.privacyItems).some((i) => !i.privacyKey || !i.privacyText)) p.push('隐私信息每行须为「接口：用途说明」');
    if (f.items.length > MAX_AUDIT_ITEMS) p.push(`审核页面最多 ${MAX_AUDIT_ITEMS} 项`);
    if (f.items.some((i) => [...(i.title ?? '')].length > 32)) p.push('页面标题不超过 32 个字符');
    if (f.items.some((i) => (i.tag ?? '').split(/\s+/).filter(Boolean).length > 10)) p.push('每个页面的标签不超过 10 个');
    if (!Number.isInteger(f.concurrency) || f.concurrency < 1 || f.concurrency > MAX_CONCURRENCY) p.push(`并发数须在 1 到 ${MAX_CONCURRENCY} 之间`);
    if (!Number.isInteger(f.canarySize) || f.canarySize < 0) p.push('灰度帐号数不能为负');
  }
  return p;
}

/** Picked accounts that lack a value for a variable the template uses, as "appid（缺 a、b）". */
export function accountsMissingVars(f: WizardForm): string[] {
  if (f.selectMode !== 'some') return [];
  const needed = templateVars(f.extJson).filter((n) => !BUILTIN_VARS.includes(n));
  if (!needed.length) return [];
  const { vars } = parseVars(f.variables);
  return f.appids.flatMap((appid) => {
    const lacking = needed.filter((n) => vars[appid]?.[n] === undefined);
    return lacking.length ? [`${f.nicknames[appid] || appid}（${appid}）缺少 ${lacking.join('、')}`] : [];
  });
}
