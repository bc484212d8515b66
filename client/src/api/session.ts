// The session itself is an HttpOnly cookie the console never sees. This module
// only remembers what the UI needs for display and refresh timing: the user
// name and the expiry time (unix seconds) the server reported.

const USERNAME_KEY = 'wxcomponent.username';
const EXPIRES_KEY = 'wxcomponent.expiresAt';

/** Refresh the session once less than this many seconds remain. */
export const REFRESH_WINDOW_SECONDS = 3600;

/** What the console knows about the current login. */
export interface SessionInfo {
  username: string;
  expiresAt: number;
}

/** Minimal storage interface so tests can pass a fake. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

function store(): KeyValueStore | undefined {
  return typeof localStorage === 'undefined' ? undefined : localStorage;
}

/** Returns the remembered session, or undefined if there is none. */
export function loadSession(s: KeyValueStore | undefined = store()): SessionInfo | undefined {
  const username = s?.getItem(USERNAME_KEY);
  const expiresAt = Number(s?.getItem(EXPIRES_KEY));
  if (!username || !Number.isFinite(expiresAt) || expiresAt <= 0) return undefined;
  return { username, expiresAt };
}

/** Remembers the session after login or refresh. */
export function saveSession(info: Partial<SessionInfo>, s: KeyValueStore | undefined = store()): void {
  if (info.username) s?.setItem(USERNAME_KEY, info.username);
  if (info.expiresAt) s?.setItem(EXPIRES_KEY, String(info.expiresAt));
}

/** Forgets the session (logout, expiry, rejected by server). */
export function clearSession(s: KeyValueStore | undefined = store()): void {
  s?.removeItem(USERNAME_KEY);
  s?.removeItem(EXPIRES_KEY);
}

const NOTICE_KEY = 'wxcomponent.loginNotice';

/** What the login page says after the server (or the expiry clock) ended the session. */
export const SESSION_EXPIRED_TEXT = '登录已过期，请重新登录';

function tabStore(): KeyValueStore | undefined {
  return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
}

/** Leaves a note for the login page that the session expired (kept for this tab only). */
export function noteSessionExpired(s: KeyValueStore | undefined = tabStore()): void {
  s?.setItem(NOTICE_KEY, '1');
}

/** The login page's notice, or "" (read without removing it, so a re-render finds it again). */
export function loginNotice(s: KeyValueStore | undefined = tabStore()): string {
  return s?.getItem(NOTICE_KEY) === '1' ? SESSION_EXPIRED_TEXT : '';
}

/** Removes the login page's notice once it has been shown. */
export function clearLoginNotice(s: KeyValueStore | undefined = tabStore()): void {
  s?.removeItem(NOTICE_KEY);
}

/** Current time in unix seconds. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** What to do about the session before sending a request. */
export type SessionAction = 'none' | 'refresh' | 'expired';

/**
 * Decides whether the session is still valid, due for refresh or expired.
 * A missing expiry is "none": the server is the authority and will answer 401.
 */
export function sessionAction(expiresAt: number | undefined, now: number): SessionAction {
  if (!expiresAt) return 'none';
  const remaining = expiresAt - now;
  if (remaining <= 0) return 'expired';
  if (remaining < REFRESH_WINDOW_SECONDS) return 'refresh';
  return 'none';
}
