// fetch wrapper for the wxcomponent API: sends the session cookie, unwraps the
// {code, errorMsg, data} envelope, keeps the session fresh and sends the user
// back to the login page when the server no longer accepts the session.
import { clearSession, loadSession, noteSessionExpired, nowSeconds, saveSession, sessionAction } from './session';

/** Base path of every API call; the dev server proxies it to the Go service. */
export const API_BASE = '/wxcomponent';

/** Shown for 1002 and anything the server did not explain. */
export const GENERIC_ERROR = '系统错误，请稍后重试';

/** 1000 no session, 1003 session expired (登录超时), 1004 session invalid or revoked. */
const AUTH_CODES = new Set([1000, 1003, 1004]);
/** Codes whose string data is a text meant for the operator (validation, wrong password, no ticket, busy). */
const DETAILED_CODES = new Set([1001, 1005, 1006, 1007, 1008, 1010]);
/** Codes whose detail is a whole sentence, shown without the code's generic words. */
const SENTENCE_CODES = new Set([1005, 1007, 1008]);

/** A failed API call: envelope code (-1 for transport errors), HTTP status and data. */
export class ApiError extends Error {
  constructor(
    public readonly code: number,
    message: string,
    public readonly status: number,
    public readonly data?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Query parameters; empty values are left out. */
export type Query = Record<string, string | number | boolean | undefined | null>;

/** Per-call options. */
export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Public call (login, health): no session check, no redirect to login. */
  anonymous?: boolean;
}

interface Envelope {
  code: number;
  errorMsg?: string;
  data?: unknown;
}

let unauthorizedHandler: () => void = () => {
  if (!window.location.hash.startsWith('#/login')) window.location.hash = '#/login';
};

/** Replaces what happens when the session is gone (the app navigates to /login). */
export function setUnauthorizedHandler(fn: () => void): void {
  unauthorizedHandler = fn;
}

/**
 * True when the login page should say the session expired: the server said so
 * (1003 expired, 1004 invalid or revoked), or the console was logged in until now.
 * A plain "no session" (1000) on a first visit needs no explanation.
 */
export function isSessionLoss(code: number, hadSession: boolean): boolean {
  return code === 1003 || code === 1004 || hadSession;
}

function handleUnauthorized(code: number): void {
  if (isSessionLoss(code, loadSession() !== undefined)) noteSessionExpired();
  clearSession();
  unauthorizedHandler();
}

/** True when the error means "log in again". */
export function isAuthFailure(err: ApiError): boolean {
  return AUTH_CODES.has(err.code) || (err.status === 401 && err.code !== 1006);
}

/** Builds "/wxcomponent/<path>?a=b" leaving out undefined, null and "" values. */
export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.append(k, String(v));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

async function readEnvelope(res: Response): Promise<Envelope> {
  try {
    const body = (await res.json()) as Envelope;
    if (body && typeof body.code === 'number') return body;
  } catch {
    // not JSON: fall through
  }
  throw new ApiError(-1, `请求失败（HTTP ${res.status}）`, res.status);
}

async function send(method: string, path: string, opts: RequestOptions): Promise<unknown> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (opts.body instanceof FormData) {
    // A media upload: the browser sets multipart/form-data with its boundary; the
    // server accepts it only on the routes that take files.
    init.body = opts.body;
  } else {
    // Every other write is JSON, even without a body: the server refuses other types
    // on state-changing requests, as a defence against cross-site forms.
    if (method !== 'GET' && method !== 'HEAD') init.headers = { ...init.headers, 'Content-Type': 'application/json' };
    if (opts.body !== undefined) init.body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), init);
  } catch {
    throw new ApiError(-1, '网络错误，请检查网络后重试', 0);
  }
  const env = await readEnvelope(res);
  if (env.code === 0) return env.data;
  const err = new ApiError(env.code, env.errorMsg || GENERIC_ERROR, res.status, env.data);
  if (!opts.anonymous && isAuthFailure(err)) handleUnauthorized(err.code);
  throw err;
}

let refreshing: Promise<void> | undefined;
let lastRefreshAt = 0;

/** At most one refresh per this many seconds, even if the server does not extend the expiry. */
const REFRESH_INTERVAL_SECONDS = 300;

/** Asks the server for a fresh session cookie and remembers the new expiry. */
export function refreshSession(): Promise<void> {
  lastRefreshAt = nowSeconds();
  refreshing ??= send('GET', '/admin/refresh-auth', {})
    .then((data) => saveSession({ expiresAt: (data as { expiresAt?: number } | undefined)?.expiresAt }))
    .catch(() => undefined)
    .finally(() => {
      refreshing = undefined;
    });
  return refreshing;
}

function checkSession(): void {
  const action = sessionAction(loadSession()?.expiresAt, nowSeconds());
  if (action === 'expired') {
    handleUnauthorized(1003);
    throw new ApiError(1003, '登录超时', 401);
  }
  if (action === 'refresh' && nowSeconds() - lastRefreshAt >= REFRESH_INTERVAL_SECONDS) void refreshSession();
}

/** Calls the API and returns the envelope's data, or throws ApiError. */
export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  if (!opts.anonymous) checkSession();
  return (await send(method, path, opts)) as T;
}

/** The text to show the operator for a failed call. */
export function errorText(err: unknown): string {
  if (!(err instanceof ApiError)) return GENERIC_ERROR;
  const detail = typeof err.data === 'string' ? err.data : '';
  if (err.code === 1002) {
    // The server only attaches text to a non-500 system error when it is meant for the
    // reader (a WeChat complaint in plain words, "请求过于频繁"); a 500 never explains itself.
    return detail && err.status !== 500 ? detail : GENERIC_ERROR;
  }
  if (err.code === 1011) {
    const { retryAfter: wait, busy } = (err.data as { retryAfter?: number; busy?: boolean } | undefined) ?? {};
    if (busy) return wait ? `登录请求过多，服务器繁忙，请 ${wait} 秒后再试` : '登录请求过多，服务器繁忙，请稍后再试';
    return wait ? `登录失败次数过多，请 ${wait} 秒后再试` : '登录失败次数过多，请稍后再试';
  }
  if (DETAILED_CODES.has(err.code) && detail && detail !== err.message) {
    // 1005/1007/1008 texts are whole sentences ("密码错误"); the code's own words ("用户更新错误") only add noise.
    return SENTENCE_CODES.has(err.code) ? detail : `${err.message}：${detail}`;
  }
  return err.message || GENERIC_ERROR;
}

/**
 * The text for a merchant on a public page: the server's own sentence when it
 * sent one (without the code's generic words), otherwise errorText.
 */
export function publicErrorText(err: unknown): string {
  if (err instanceof ApiError && typeof err.data === 'string' && err.data && err.status !== 500) return err.data;
  return errorText(err);
}

/** True when trying the same request again may succeed (not a rejected parameter). */
export function isRetryable(err: unknown): boolean {
  return !(err instanceof ApiError && err.code === 1001);
}
