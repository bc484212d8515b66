// The add/edit form of a forwarding rule: its fields as typed, the checks that mirror the
// server's (FORWARD-API.md), and the conversion to and from the API's rule.
import type { ForwardMode, ForwardRule, RuleInput, RuleKind } from '../../api/forward';

/** How the target is given: a port (and path) on this host, or a full URL. */
export type TargetKind = 'port' | 'url';

/** The form's fields as the operator typed them. */
export interface RuleForm {
  name: string;
  infoType: string;
  msgType: string;
  event: string;
  targetKind: TargetKind;
  port: string;
  path: string;
  url: string;
  mode: ForwardMode;
}

export type FormErrors = Partial<Record<keyof RuleForm, string>>;

/** The server's limit on a rule name, in characters. */
export const NAME_MAX = 30;

/** A new rule: the console's suggested port and path, passive reply by default. */
export function emptyForm(): RuleForm {
  return { name: '', infoType: '', msgType: '', event: '', targetKind: 'port', port: '8082', path: '/', url: '', mode: 'sync' };
}

/** The form of an existing rule. */
export function formOf(rule: ForwardRule): RuleForm {
  const d = rule.data ?? { port: 0, path: '' };
  return {
    name: rule.name,
    infoType: rule.infoType,
    msgType: rule.msgType,
    event: rule.event,
    targetKind: d.url ? 'url' : 'port',
    port: d.port ? String(d.port) : '',
    path: d.path ?? '',
    url: d.url ?? '',
    mode: d.mode === 'async' ? 'async' : 'sync',
  };
}

const URL_RE = /^https?:\/\/[^\s/?#]+[^\s]*$/i;

/** Checks the target: a port 1–65535 with a path starting with "/", or an http(s) URL. */
function targetErrors(f: RuleForm): FormErrors {
  if (f.targetKind === 'url') {
    return URL_RE.test(f.url.trim()) ? {} : { url: '请输入完整的 http:// 或 https:// 地址' };
  }
  const errors: FormErrors = {};
  const port = f.port.trim();
  if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) errors.port = '端口须为 1–65535 的整数';
  if (!f.path.trim().startsWith('/')) errors.path = '目标路径须以 / 开头';
  return errors;
}

/** Every problem of the form, by field; empty when it may be saved. */
export function validate(f: RuleForm, kind: RuleKind): FormErrors {
  const errors: FormErrors = {};
  const name = f.name.trim();
  if (!name) errors.name = '请输入规则名称';
  else if ([...name].length > NAME_MAX) errors.name = `规则名称最多 ${NAME_MAX} 个字`;
  if (kind === 1 && !f.infoType.trim()) errors.infoType = '请输入 InfoType';
  if (kind === 2 && !f.msgType.trim()) errors.msgType = '请输入 MsgType';
  return { ...errors, ...targetErrors(f) };
}

/** The body create/update send; a component rule carries only infoType, a biz rule only msgType + event. */
export function toInput(f: RuleForm, kind: RuleKind, open: number): RuleInput {
  const byUrl = f.targetKind === 'url';
  return {
    name: f.name.trim(),
    infoType: kind === 1 ? f.infoType.trim() : '',
    msgType: kind === 2 ? f.msgType.trim() : '',
    event: kind === 2 ? f.event.trim() : '',
    open,
    data: {
      port: byUrl ? 0 : Number(f.port.trim()),
      path: byUrl ? '' : f.path.trim(),
      url: byUrl ? f.url.trim() : '',
      mode: f.mode,
    },
  };
}

/** The rule's target in one line: the URL, or 127.0.0.1:<port><path>. */
export function targetText(rule: Pick<ForwardRule, 'data'>): string {
  const d = rule.data;
  if (!d) return '-';
  if (d.url) return d.url;
  return `127.0.0.1:${d.port}${d.path}`;
}

/** InfoType of a component rule, MsgType / Event of a biz rule. */
export function typeText(rule: Pick<ForwardRule, 'infoType' | 'msgType' | 'event'>): string {
  if (rule.infoType) return rule.infoType;
  return rule.event ? `${rule.msgType} / ${rule.event}` : rule.msgType;
}
