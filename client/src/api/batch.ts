// Typed wrappers for batch release (docs/code-api.md "Batch release") and the code-management
// reads its wizard needs (template-list, category). Field names follow comm/batchrelease's
// Spec and the contract; the report is normalised because its JSON is defined by the handler.
import { ApiError, request } from './client';
import type { Page } from './types';

/** One code template of the platform's library (GET /admin/template-list). */
export interface CodeTemplate {
  templateId: number;
  userVersion: string;
  userDesc: string;
  /** Unix seconds. */
  createTime: number;
  /** 0 normal, 1 standard. */
  templateType?: number;
  sourceMiniprogramAppid?: string;
  sourceMiniprogram?: string;
}

/** One category a mini program may be audited under (GET /admin/category). */
export interface AuditCategory {
  firstClass: string;
  secondClass: string;
  thirdClass?: string;
  firstId: number;
  secondId: number;
  thirdId?: number;
}

/** One page of submit_audit's item list (the contract's camelCase). */
export interface AuditItem {
  address?: string;
  tag?: string;
  title?: string;
  firstClass?: string;
  secondClass?: string;
  thirdClass?: string;
  firstId?: number;
  secondId?: number;
  thirdId?: number;
}

/** submit_audit's body every account of a batch sends. */
export interface AuditSpec {
  itemList?: AuditItem[];
  versionDesc?: string;
  feedbackInfo?: string;
}

/** Server domains a batch sets (WeChat's spelling: the engine binds these keys only). */
export interface DomainSpec {
  requestdomain: string[];
  wsrequestdomain: string[];
  uploaddomain: string[];
  downloaddomain: string[];
}

/** The privacy guide a batch sets (setprivacysetting in camelCase). */
export interface PrivacySpec {
  privacyVer?: number;
  ownerSetting: {
    noticeMethod: string;
    contactPhone?: string;
    contactEmail?: string;
    contactWeixin?: string;
    contactQq?: string;
    storeExpireTimestamp?: string;
  };
  settingList: { privacyKey: string; privacyText: string }[];
}

/** Which accounts a batch covers: listed appids, or all with permission 18 (optionally by name). */
export type AccountSelection = { appids: string[] } | { all: true; name?: string };

/** batchrelease.Spec: everything the operator chooses for a batch. */
export interface BatchSpec {
  name: string;
  templateId: number;
  userVersion: string;
  userDesc: string;
  extJson: string;
  accounts: AccountSelection;
  domains?: DomainSpec;
  webviewDomains?: string[];
  privacy?: PrivacySpec;
  audit: AuditSpec;
  autoRelease: boolean;
  concurrency: number;
  canarySize: number;
}

/** Batch statuses (model.CodeBatch*). */
export type BatchState = 'running' | 'paused' | 'halted' | 'canceled' | 'done';
/** Account states of a batch (model.CodeAccount*). */
export type BatchAccountState = 'pending' | 'active' | 'auditing' | 'quota' | 'approved' | 'done' | 'rejected' | 'failed' | 'canceled';

/** Time as the server sends it: unix seconds or an RFC 3339 string. */
export type TimeValue = number | string;

/** One row of GET /admin/batch-release-list. */
export interface BatchSummary {
  id: number;
  name: string;
  state: BatchState | string;
  templateId: number;
  userVersion: string;
  counts: Record<string, number> | null;
  createdAt: TimeValue;
  updatedAt: TimeValue;
}

/** One account of a batch report. */
export interface BatchAccount {
  appid: string;
  nickName: string;
  /** 0 canary, 1 the rest. */
  wave: number;
  step: string;
  state: BatchAccountState | string;
  auditId: number;
  /** WeChat's rejection reason, when rejected. */
  reason?: string;
  /** Why the account failed or waits, in words. */
  error: string;
  updatedAt: TimeValue;
}

/** GET /admin/batch-release, flattened: the batch, its spec summary, accounts and counts. */
export interface BatchReport {
  id: number;
  name: string;
  state: BatchState | string;
  /** Why the batch is in its state, in words (halted reason, quota hold, …). */
  note: string;
  templateId?: number;
  userVersion?: string;
  userDesc?: string;
  autoRelease?: boolean;
  concurrency?: number;
  canarySize?: number;
  /** The wave now allowed to run: 0 while the canary goes first. */
  wave?: number;
  createdAt?: TimeValue;
  updatedAt?: TimeValue;
  finishedAt?: TimeValue;
  /** Submits wait until then (unix seconds): the platform's audit quota ran out. */
  quotaHoldUntil?: number;
  accounts: BatchAccount[];
  counts: Record<string, number>;
}

type Loose = Record<string, unknown>;

const obj = (v: unknown): Loose => (v && typeof v === 'object' ? (v as Loose) : {});

/**
 * Flattens a report whether the handler nests the batch ({batch, spec, accounts, counts}) or
 * not, accepting `status` for `state`; counts are derived from the accounts when absent.
 */
export function normalizeReport(data: unknown): BatchReport {
  const top = obj(data);
  const batch = obj(top.batch);
  const spec = obj(top.spec ?? batch.spec);
  const merged: Loose = { ...spec, ...batch, ...top };
  delete merged.batch;
  delete merged.spec;
  const accounts = (Array.isArray(top.accounts) ? top.accounts : []) as BatchAccount[];
  let counts = merged.counts as Record<string, number> | undefined;
  if (!counts || typeof counts !== 'object') {
    counts = {};
    for (const a of accounts) counts[a.state] = (counts[a.state] ?? 0) + 1;
  }
  return {
    ...(merged as unknown as BatchReport),
    state: String(merged.state ?? merged.status ?? ''),
    note: String(merged.note ?? merged.reason ?? ''),
    accounts,
    counts,
  };
}

/** PUT /admin/batch-release body; variables is the pasted JSON or CSV text. */
export interface CreateBatchRequest {
  spec: BatchSpec;
  variables: string;
}

export const getTemplates = (templateType?: number) =>
  request<{ templateList: CodeTemplate[] | null }>('GET', '/admin/template-list', { query: { templateType } });
export const getCategories = (appid: string) =>
  request<{ categoryList: AuditCategory[] | null }>('GET', '/admin/category', { query: { appid } });

/** Renders the ext_json of one account; problems come back as ApiError 1001 with string[] data. */
export const previewBatch = (body: CreateBatchRequest & { appid: string }) =>
  request<{ extJson: string }>('POST', '/admin/batch-release/preview', { body });
export const createBatch = (body: CreateBatchRequest) => request<{ id: number }>('PUT', '/admin/batch-release', { body });
export const getBatches = (q: { offset: number; limit: number }) =>
  request<Page<BatchSummary>>('GET', '/admin/batch-release-list', { query: { ...q } });
export const getBatch = async (id: number) => normalizeReport(await request<unknown>('GET', '/admin/batch-release', { query: { id } }));

/** Operator actions on a batch. */
export type BatchControl = 'pause' | 'resume' | 'cancel';
export const controlBatch = (id: number, action: BatchControl) =>
  request<void>('POST', `/admin/batch-release/${action}`, { query: { id } });
/** Retries failed accounts or releases approved ones: those listed, or all when appids is empty. */
export const batchAccountsAction = (id: number, action: 'retry' | 'release', appids: string[] = []) =>
  request<{ count: number }>('POST', `/admin/batch-release/${action}`, { query: { id }, body: { appids } });

/** The problems a 1001 answer lists (data = string[]), or [] when it carries none. */
export function problemsOf(err: unknown): string[] {
  if (!(err instanceof ApiError) || err.code !== 1001 || !Array.isArray(err.data)) return [];
  return err.data.map(String);
}
