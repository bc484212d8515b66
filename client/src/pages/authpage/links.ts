// Pure helpers of the authorization pages: building the console's own links,
// reading what WeChat appends to the redirect, and forwarding it on.
import type { AuthLinkType } from '../../api/types';

/** Which accounts the WeChat page offers (its auth_type). */
export const AUTH_TYPE_OPTIONS = [
  { value: '1', label: '公众号' },
  { value: '2', label: '小程序' },
  { value: '3', label: '公众号和小程序' },
  { value: '6', label: '全部' },
] as const;

export type AuthTypeValue = (typeof AUTH_TYPE_OPTIONS)[number]['value'];

/** The default, as in the original console. */
export const DEFAULT_AUTH_TYPE: AuthTypeValue = '6';

/** Options of one authorization link. */
export interface LinkOptions {
  authType: string;
  bizAppid?: string;
  state?: string;
}

/** Console routes of the two link kinds. */
export const LINK_ROUTE: Record<AuthLinkType, string> = { pc: '/authorize', h5: '/authorizeH5' };

/** Longest business state the server stores. */
export const MAX_STATE_LENGTH = 128;

/** "<origin>/#/authorize?authType=…" — the link handed to a merchant; empty options are left out. */
export function buildAuthLink(origin: string, type: AuthLinkType, o: LinkOptions): string {
  const params = new URLSearchParams();
  params.set('authType', o.authType);
  if (o.bizAppid?.trim()) params.set('bizAppid', o.bizAppid.trim());
  if (o.state) params.set('state', o.state);
  return `${origin.replace(/\/+$/, '')}/#${LINK_ROUTE[type]}?${params.toString()}`;
}

/** Returns an error text, or "" for an acceptable (possibly empty) biz_appid. */
export function checkBizAppid(v: string): string {
  if (!v.trim()) return '';
  return /^[A-Za-z0-9_-]{1,32}$/.test(v.trim()) ? '' : 'AppID 只能包含字母、数字、下划线和连字符，最长 32 位';
}

/** Returns an error text, or "" for an acceptable (possibly empty) business state. */
export function checkState(v: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(v)) return 'state 不能包含换行等控制字符';
  return [...v].length > MAX_STATE_LENGTH ? `state 最长 ${MAX_STATE_LENGTH} 个字符` : '';
}

/** Returns an error text, or "" when v is an absolute http(s) address the server will accept. */
export function checkRedirectUrl(v: string): string {
  const bad = '请输入以 http:// 或 https:// 开头的完整地址，例如 https://example.com/auth/done';
  if (v.length > 512) return '地址最长 512 个字符';
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    return bad;
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !u.hostname || !/^https?:\/\/[^/?#]/i.test(v)) return bad;
  if (u.username || u.password) return '地址中不能包含用户名或密码';
  return '';
}

/**
 * Query parameters of the current page, read tolerantly: the hash route's query
 * (#/redirectPage?state=…&auth_code=…) wins over the real query (?auth_code=…#/…),
 * and a second "?" (WeChat appending to a URL it thought had none) counts as "&".
 */
export function readPageParams(search: string, hash: string): URLSearchParams {
  const out = new URLSearchParams();
  const add = (qs: string) => {
    for (const [k, v] of new URLSearchParams(qs.replace(/\?/g, '&'))) if (!out.has(k)) out.set(k, v);
  };
  const q = hash.indexOf('?');
  if (q >= 0) add(hash.slice(q + 1));
  add(search.replace(/^\?/, ''));
  return out;
}

/** What the redirect page received from WeChat. */
export interface RedirectParams {
  authCode: string;
  expiresIn: string;
  state: string;
}

/** Picks auth_code, expires_in and state out of the page parameters. */
export function redirectParams(p: URLSearchParams): RedirectParams {
  return { authCode: p.get('auth_code') ?? '', expiresIn: p.get('expires_in') ?? '', state: p.get('state') ?? '' };
}

/**
 * The configured redirect URL with auth_code, expires_in and state appended, as
 * the original console did (a plain append, so a hash-routed target reads them too).
 */
export function forwardUrl(redirectUrl: string, r: RedirectParams): string {
  const parts = [`auth_code=${encodeURIComponent(r.authCode)}`];
  if (r.expiresIn) parts.push(`expires_in=${encodeURIComponent(r.expiresIn)}`);
  if (r.state) parts.push(`state=${encodeURIComponent(r.state)}`);
  const sep = redirectUrl.includes('?') ? '&' : '?';
  return `${redirectUrl}${sep}${parts.join('&')}`;
}

/** True when the console is reached through an address merchants cannot open. */
export function isLocalOrigin(origin: string): boolean {
  try {
    const h = new URL(origin).hostname;
    return h === 'localhost' || h === '[::1]' || h.startsWith('127.') || h === '0.0.0.0';
  } catch {
    return false;
  }
}
