// Typed wrappers and data shapes of the code-management endpoints (代开发小程序):
// contract paths of api-contract.md §1.2 D plus the extensions in docs/code-api.md.
// Times are unix seconds.
import { buildUrl, request } from './client';
import type { Page } from './types';

/** The online version. */
export interface ReleaseInfo {
  releaseTime: number;
  releaseVersion: string;
  releaseDesc: string;
  releaseQrCode?: string;
}

/** The experience (trial) version. */
export interface ExpInfo {
  expTime: number;
  expVersion: string;
  expDesc: string;
  expQrCode?: string;
}

/** WeChat's audit status: 0 approved, 1 rejected, 2 auditing, 3 withdrawn, 4 delayed. */
export type AuditStatus = 0 | 1 | 2 | 3 | 4;

/** Stored version states (dev-version-history, auditInfo.state). */
export type VersionState =
  | 'committed'
  | 'auditing'
  | 'approved'
  | 'rejected'
  | 'delayed'
  | 'released'
  | 'rolledback'
  | 'withdrawn';

/** The newest audit. */
export interface AuditInfo {
  auditId: number;
  status: AuditStatus;
  state?: VersionState;
  reason: string;
  screenShot: string;
  /** Media ids of the rejection screenshots; each is shown through audit-screenshot. */
  screenshots?: string[] | null;
  userVersion: string;
  userDesc: string;
  submitAuditTime: number;
}

/** One row of GET /admin/dev-weapp-list. */
export interface DevWeapp {
  appid: string;
  nickName: string;
  funcInfo: number[] | null;
  qrCodeUrl: string;
  /** 1 serving, 0 paused; absent until read from WeChat. */
  serviceStatus?: number;
  releaseInfo?: ReleaseInfo;
  expInfo?: ExpInfo;
  refreshedAt?: number;
}

/** GET /admin/dev-versions */
export interface DevVersions {
  auditInfo?: AuditInfo;
  releaseInfo?: ReleaseInfo;
  expInfo?: ExpInfo;
  serviceStatus?: number;
  refreshedAt?: number;
}

/** One state change of a version. */
export interface VersionEvent {
  fromState: string;
  toState: string;
  /** push, poll or operator. */
  source: string;
  detail: string;
  at: number;
}

/** One stored version (GET /admin/dev-version-history). */
export interface VersionRecord {
  id: number;
  userVersion: string;
  userDesc: string;
  templateId: number;
  auditId?: number;
  state: VersionState;
  reason?: string;
  screenshots?: string[] | null;
  createdAt: number;
  stateAt: number;
  events?: VersionEvent[] | null;
}

/** A category of the account (GET /admin/category), also an audit item's category. */
export interface Category {
  firstClass: string;
  secondClass: string;
  thirdClass?: string;
  firstId: number;
  secondId: number;
  thirdId?: number;
}

/** One page described for the audit. */
export interface AuditItem {
  address: string;
  tag: string;
  title: string;
  firstClass: string;
  secondClass: string;
  thirdClass: string;
  firstId: number;
  secondId: number;
  thirdId: number;
}

/** The user-generated-content declaration. */
export interface UgcDeclare {
  scene: number[];
  otherSceneDesc: string;
  method: number[];
  hasAuditTeam: number;
  auditDesc: string;
}

/** POST /admin/submit-audit body (camelCase, as the contract). */
export interface SubmitAuditBody {
  itemList: AuditItem[];
  previewInfo: { videoIdList: string[]; picIdList: string[] };
  versionDesc: string;
  feedbackInfo: string;
  feedbackStuff: string;
  ugcDeclare: UgcDeclare;
}

/** GET /admin/audit-quota */
export interface AuditQuota {
  rest: number;
  limit: number;
  speedupRest: number;
  speedupLimit: number;
}

/** POST /admin/upload-media */
export interface UploadedMedia {
  type: string;
  mediaId: string;
  createdAt: number;
}

/** One template of the library. templateType 0 normal, 1 standard. */
export interface Template {
  templateId: number;
  templateType: number;
  createTime: number;
  userVersion: string;
  userDesc: string;
  sourceMiniprogramAppid: string;
  sourceMiniprogram: string;
  categoryList?: Category[] | null;
  auditScene?: number;
  auditStatus?: number;
  reason?: string;
}

/** One draft of the draft box. */
export interface TemplateDraft {
  draftId: number;
  createTime: number;
  userVersion: string;
  userDesc: string;
  sourceMiniprogramAppid: string;
  sourceMiniprogram: string;
}

/** Server domains of a mini program. */
export interface ServerDomains {
  requestDomain: string[];
  wsRequestDomain: string[];
  uploadDomain: string[];
  downloadDomain: string[];
  udpDomain?: string[];
  tcpDomain?: string[];
}

/** How a domain list is changed. */
export type DomainAction = 'set' | 'add' | 'delete';

/** One privacy interface explained. */
export interface PrivacyItem {
  privacyKey: string;
  privacyText: string;
  privacyLabel?: string;
}

/** The developer's contact and notice settings of the privacy guide. */
export interface PrivacyOwnerSetting {
  contactEmail?: string;
  contactPhone?: string;
  contactQq?: string;
  contactWeixin?: string;
  noticeMethod: string;
  storeExpireTimestamp?: string;
  extFileMediaId?: string;
}

/** GET /admin/privacy-setting */
export interface PrivacyInfo {
  codeExist?: number;
  privacyList?: string[] | null;
  settingList?: PrivacyItem[] | null;
  updateTime?: number;
  ownerSetting?: PrivacyOwnerSetting;
  privacyDesc?: { privacyDescList?: { privacyKey: string; privacyDesc: string }[] | null } | null;
}

/** POST /admin/privacy-setting body. */
export interface PrivacySettingBody {
  privacyVer: number;
  ownerSetting: PrivacyOwnerSetting;
  settingList: PrivacyItem[];
}

const Q = (appid: string) => ({ query: { appid } });

export const getDevWeapps = (q: { offset: number; limit: number; appid?: string }) =>
  request<Page<DevWeapp>>('GET', '/admin/dev-weapp-list', { query: { ...q } });
export const getDevVersions = (appid: string, refresh = false) =>
  request<DevVersions>('GET', '/admin/dev-versions', { query: { appid, refresh: refresh ? 1 : undefined } });
export const getVersionHistory = (appid: string, limit = 20) =>
  request<{ records: VersionRecord[] | null }>('GET', '/admin/dev-version-history', { query: { appid, limit } });
export const getExpQrCode = (appid: string, path?: string) =>
  request<{ expQrCode: string }>('GET', '/admin/exp-qrcode', { query: { appid, path } });
export const getReleaseQrCode = (appid: string) => request<{ releaseQrCode: string }>('GET', '/admin/qrcode', Q(appid));
export const getTemplates = (templateType?: number) =>
  request<{ templateList: Template[] | null }>('GET', '/admin/template-list', { query: { templateType } });
export const commitCode = (appid: string, body: { templateId: string; extJson: string; userVersion: string; userDesc: string }) =>
  request<void>('POST', '/admin/commit-code', { ...Q(appid), body });
export const revokeAudit = (appid: string) => request<void>('POST', '/admin/revoke-audit', Q(appid));
export const speedUpAudit = (appid: string, auditId: number) =>
  request<void>('POST', '/admin/speed-up-audit', { query: { appid, auditId } });
export const releaseCode = (appid: string) => request<void>('POST', '/admin/release-code', Q(appid));
export const rollbackRelease = (appid: string) => request<void>('POST', '/admin/rollback-release-version', Q(appid));
export const changeVisitStatus = (appid: string, action: 'open' | 'close') =>
  request<void>('POST', '/admin/change-visit-status', { ...Q(appid), body: { action } });
export const getPageList = (appid: string) => request<{ pageList: string[] | null }>('GET', '/admin/page-list', Q(appid));
export const getCategories = (appid: string) => request<{ categoryList: Category[] | null }>('GET', '/admin/category', Q(appid));
export const getAuditQuota = (appid?: string) => request<AuditQuota>('GET', '/admin/audit-quota', { query: { appid } });
export const submitAudit = (appid: string, body: SubmitAuditBody) =>
  request<{ auditId: number }>('POST', '/admin/submit-audit', { ...Q(appid), body });

/** Uploads one image or video for the audit (multipart field "media"). */
export function uploadMedia(appid: string, type: 'image' | 'video', file: File): Promise<UploadedMedia> {
  const form = new FormData();
  form.append('media', file, file.name);
  return request<UploadedMedia>('POST', '/admin/upload-media', { query: { appid, type }, body: form });
}

export const getTemplateDrafts = () => request<{ draftList: TemplateDraft[] | null }>('GET', '/admin/template-draft-list');
export const addToTemplate = (draftId: number, templateType: 0 | 1) =>
  request<void>('POST', '/admin/add-to-template', { body: { draftId, templateType } });
export const deleteTemplate = (templateId: number) =>
  request<void>('DELETE', '/admin/template', { query: { templateId } });

export const getServerDomains = (appid: string) => request<ServerDomains>('GET', '/admin/server-domain', Q(appid));
export const setServerDomains = (appid: string, body: ServerDomains & { action: DomainAction }) =>
  request<ServerDomains>('POST', '/admin/server-domain', { ...Q(appid), body });
export const getWebviewDomains = (appid: string) => request<{ webviewDomain: string[] | null }>('GET', '/admin/webview-domain', Q(appid));
export const setWebviewDomains = (appid: string, action: DomainAction, webviewDomain: string[]) =>
  request<{ webviewDomain: string[] | null }>('POST', '/admin/webview-domain', { ...Q(appid), body: { action, webviewDomain } });
export const getPrivacySetting = (appid: string, privacyVer: 1 | 2 = 2) =>
  request<PrivacyInfo>('GET', '/admin/privacy-setting', { query: { appid, privacyVer } });
export const setPrivacySetting = (appid: string, body: PrivacySettingBody) =>
  request<void>('POST', '/admin/privacy-setting', { ...Q(appid), body });

/** The URL of a rejection screenshot (an image served with the session cookie). */
export const auditScreenshotUrl = (appid: string, mediaId: string) => buildUrl('/admin/audit-screenshot', { appid, mediaId });
