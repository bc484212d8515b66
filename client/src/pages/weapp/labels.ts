// Words for the code-management enumerations (WeChat's audit status, our stored version states).
import type { AuditStatus, VersionState } from '../../api';

/** Tag colours TDesign knows. */
export type Theme = 'default' | 'primary' | 'success' | 'warning' | 'danger';

/** WeChat's audit status as the original console names it. */
export const AUDIT_STATUS: Record<AuditStatus, { text: string; theme: Theme }> = {
  0: { text: '审核通过', theme: 'success' },
  1: { text: '审核不通过', theme: 'danger' },
  2: { text: '审核中', theme: 'primary' },
  3: { text: '已撤回', theme: 'default' },
  4: { text: '审核延后', theme: 'warning' },
};

/** Stored version states (history). */
export const VERSION_STATE: Record<VersionState, { text: string; theme: Theme }> = {
  committed: { text: '已提交代码', theme: 'default' },
  auditing: { text: '审核中', theme: 'primary' },
  delayed: { text: '审核延后', theme: 'warning' },
  approved: { text: '审核通过', theme: 'success' },
  rejected: { text: '审核不通过', theme: 'danger' },
  withdrawn: { text: '已撤回', theme: 'default' },
  released: { text: '已发布', theme: 'success' },
  rolledback: { text: '已回退', theme: 'warning' },
};

/** Who moved a version: a WeChat push, our poll of WeChat, or an operator in the console. */
export const EVENT_SOURCE: Record<string, string> = { push: '微信推送', poll: '查询微信', operator: '控制台操作' };

/** Text and colour of an audit status outside the known set too. */
export function auditStatusOf(status: number): { text: string; theme: Theme } {
  return AUDIT_STATUS[status as AuditStatus] ?? { text: `未知状态（${status}）`, theme: 'default' };
}

/** Text and colour of a version state outside the known set too. */
export function versionStateOf(state: string): { text: string; theme: Theme } {
  return VERSION_STATE[state as VersionState] ?? { text: state || '-', theme: 'default' };
}

/** The audit may still be sped up or withdrawn (auditing or delayed). */
export const isAuditOpen = (status: number) => status === 2 || status === 4;

/** UGC scenes of the audit declaration (ugc_declare.scene). 0 means none. */
export const UGC_SCENES: { value: number; label: string }[] = [
  { value: 0, label: '不涉及用户生成内容' },
  { value: 1, label: '用户资料' },
  { value: 2, label: '图片' },
  { value: 3, label: '视频' },
  { value: 4, label: '文本' },
  { value: 5, label: '其他' },
];

/** Content-safety methods of the declaration (ugc_declare.method). */
export const UGC_METHODS: { value: number; label: string }[] = [
  { value: 1, label: '使用平台建议的内容安全 API' },
  { value: 2, label: '使用其他的内容审核产品' },
  { value: 3, label: '通过人工审核把关' },
  { value: 4, label: '未做内容审核把关' },
];

/** A base64 JPEG from the API as an image source. */
export const jpegSrc = (base64: string) => (base64.startsWith('data:') ? base64 : `data:image/jpeg;base64,${base64}`);
