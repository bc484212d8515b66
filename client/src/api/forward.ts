// Typed wrappers of the message forwarder (消息转发器): forwarding rules, their delivery log
// with dead letters, and each rule's signing key. Paths and fields of the contract's §7 plus the
// additions agreed in FORWARD-API.md (url, mode, keyHint, stats, deliveries, replay, key).
import { request } from './client';

/** 1 component rules (授权事件, infoType set), 2 biz rules (普通消息与事件, msgType[+event]). */
export type RuleKind = 1 | 2;

/** sync: WeChat waits for the service's passive reply; async: queued and delivered in the background. */
export type ForwardMode = 'sync' | 'async';

/** Where a rule forwards: http://127.0.0.1:<port><path>, or a full http(s) URL when url is set. */
export interface RuleTarget {
  port: number;
  path: string;
  url?: string;
  mode?: ForwardMode;
}

/** Delivery counters of a rule and its last attempt. */
export interface RuleStats {
  pending: number;
  delivered: number;
  dead: number;
  /** HTTP status of the last attempt; 0 when the target did not answer. */
  lastStatus?: number;
  lastError?: string;
  lastTime?: number;
}

/** One forwarding rule (GET /admin/callback-proxy-rule-list). */
export interface ForwardRule {
  id: number;
  name: string;
  infoType: string;
  msgType: string;
  event: string;
  /** 0 off, 1 on (the contract's int). */
  open: number;
  data: RuleTarget;
  createTime: number;
  updateTime: number;
  /** The signing key masked: first 4 + … + last 4. */
  keyHint?: string;
  stats?: RuleStats;
}

/** What create and update send: the rule without its server-kept fields. */
export type RuleInput = Pick<ForwardRule, 'name' | 'infoType' | 'msgType' | 'event' | 'open' | 'data'> & { id?: number };

export type DeliveryStatus = 'pending' | 'delivered' | 'dead';

/** One delivery of a push to a rule's target (the outbox and its log). */
export interface Delivery {
  id: number;
  ruleId: number;
  source: 'component' | 'biz';
  recordId: number;
  appid: string;
  msgType: string;
  event: string;
  infoType: string;
  mode: ForwardMode;
  status: DeliveryStatus;
  attempts: number;
  /** HTTP status of the last attempt; 0 when the target did not answer. */
  lastStatus: number;
  latencyMs: number;
  lastError: string;
  createTime: number;
  updateTime: number;
  /** When the next attempt runs (unix s); 0 when none is planned. */
  nextTime: number;
  deliveredTime: number;
}

/** One page of the delivery log, newest first; nextBeforeId 0 means there is no more. */
export interface DeliveryPage {
  records: Delivery[] | null;
  nextBeforeId: number;
}

export interface DeliveryQuery {
  ruleId: number;
  status?: DeliveryStatus | '';
  beforeId?: number;
  limit?: number;
}

/** One page of the rules of a kind (limit at most 100). */
export const getRules = (type: RuleKind, offset = 0, limit = 20) =>
  request<{ total: number; rules: ForwardRule[] | null }>('GET', '/admin/callback-proxy-rule-list', { query: { type, offset, limit } });
export const createRule = (rule: RuleInput) => request<void>('PUT', '/admin/callback-proxy-rule', { body: rule });
export const updateRule = (rule: RuleInput & { id: number }) => request<void>('POST', '/admin/callback-proxy-rule', { body: rule });
export const deleteRule = (id: number) => request<void>('DELETE', '/admin/callback-proxy-rule', { query: { id } });

/** Sends a signed test push to the rule's target; resolves to the target's answer text. */
export const testRule = (id: number) => request<string>('POST', '/admin/callback-test', { body: { id } });

export const getDeliveries = (q: DeliveryQuery) =>
  request<DeliveryPage>('GET', '/admin/callback-proxy-deliveries', { query: { ...q, beforeId: q.beforeId || undefined } });
/** Puts one dead letter back in the queue. */
export const replayDelivery = (id: number) => request<{ replayed: number }>('POST', '/admin/callback-proxy-replay', { body: { id } });
/** Puts every dead letter of a rule back in the queue. */
export const replayRule = (ruleId: number) =>
  request<{ replayed: number }>('POST', '/admin/callback-proxy-replay', { body: { ruleId, all: true } });

/** The rule's signing key, masked unless reveal. */
export const getRuleKey = (id: number, reveal = false) =>
  request<{ key: string }>('GET', '/admin/callback-proxy-rule-key', { query: { id, reveal: reveal || undefined } });
/** Replaces the rule's signing key; resolves to the new key in full. */
export const rotateRuleKey = (id: number) => request<{ key: string }>('POST', '/admin/callback-proxy-rule-key', { body: { id } });
