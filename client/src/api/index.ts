// Typed wrappers around the wxcomponent endpoints used by the console.
import { request } from './client';
import type {
  AuthorizerQuery,
  AuthCodeResult,
  Authorizer,
  AuthUrlQuery,
  BizRecord,
  CallbackConfig,
  CallbackSecrets,
  ComponentInfo,
  ComponentRecord,
  LoginResult,
  Me,
  Page,
  RecordPage,
  RecordStats,
  SecretInfo,
  SyncStatus,
  SystemInfo,
  TicketInfo,
  TokenInfo,
} from './types';

export * from './types';
export * from './weapp';
export * from './proxy';
export { ApiError, errorText, isRetryable, publicErrorText, refreshSession, GENERIC_ERROR } from './client';

/** Logs in; the server sets the session cookie. */
export const login = (username: string, password: string) =>
  request<LoginResult>('PUT', '/auth', { body: { username, password }, anonymous: true });

/** Logs out; the server clears the session cookie. */
export const logout = () => request<void>('DELETE', '/auth', { anonymous: true });

export const getMe = () => request<Me>('GET', '/admin/me');
export const getSystemInfo = () => request<SystemInfo>('GET', '/admin/system-info');

/** Renames the login; the server checks the current password and answers with a fresh session. */
export const changeUsername = (username: string, password: string) =>
  request<LoginResult | undefined>('POST', '/admin/username', { body: { username, password } });
export const changePassword = (oldPassword: string, password: string) =>
  request<void>('POST', '/admin/userpwd', { body: { password, oldPassword } });

export const getTicket = () => request<TicketInfo>('GET', '/admin/ticket');
export const getComponentToken = () => request<TokenInfo>('GET', '/admin/component-access-token');
export const getAuthorizerToken = (appid: string) =>
  request<TokenInfo>('GET', '/admin/authorizer-access-token', { query: { appid } });

export const getCallbackConfig = () => request<CallbackConfig>('GET', '/admin/callback-config');

/** Filters shared by both record lists. */
export interface RecordQuery {
  startTime?: number;
  endTime?: number;
  offset?: number;
  limit: number;
  /** nextCursor of the previous page (keyset paging, cheap at any depth); absent: the first page. */
  cursor?: string;
}

export const getComponentRecords = (q: RecordQuery & { infoType?: string }) =>
  request<RecordPage<ComponentRecord>>('GET', '/admin/wx-component-records', { query: { ...q } });
export const getBizRecords = (q: RecordQuery & { appid?: string; msgType?: string; event?: string }) =>
  request<RecordPage<BizRecord>>('GET', '/admin/wx-biz-records', { query: { ...q } });
export const getRecordStats = () => request<RecordStats>('GET', '/admin/callback-records-stats');

export const getSecret = (reveal = false) =>
  request<SecretInfo>('GET', '/admin/secret', { query: { reveal: reveal || undefined } });
export const setSecret = (secret: string) => request<void>('POST', '/admin/secret', { body: { secret } });

export const getCallbackSecrets = () => request<CallbackSecrets>('GET', '/admin/callback-secrets');
export const setCallbackSecrets = (body: { token?: string; encodingAESKey?: string }) =>
  request<void>('POST', '/admin/callback-secrets', { body });

// Public authorization pages (no session).
export const getComponentInfo = () => request<ComponentInfo>('GET', '/authpage/componentinfo', { anonymous: true });
export const getAuthUrl = (q: AuthUrlQuery) =>
  request<{ url: string }>('GET', '/authpage/authurl', { query: { ...q }, anonymous: true });
export const exchangeAuthCode = (authCode: string, state: string) =>
  request<AuthCodeResult>('POST', '/authpage/authcode', { body: { authCode, state }, anonymous: true });

/** Saves the auth pages' info; the whole object is replaced, so pass name and desc along. */
export const saveComponentInfo = (info: { name: string; desc: string; redirectUrl: string }) =>
  request<void>('POST', '/admin/componentinfo', { body: info });

export const getAuthorizers = (q: AuthorizerQuery) =>
  request<Page<Authorizer>>('GET', '/admin/authorizer-list', { query: { ...q } });
export const refreshAuthorizer = (appid: string) =>
  request<Authorizer>('POST', '/admin/authorizer-refresh', { query: { appid } });
export const startAuthorizerSync = () => request<SyncStatus>('POST', '/admin/pull-authorizer-list');
/** The latest sync job; undefined when none ever ran. */
export const getAuthorizerSync = () => request<SyncStatus | undefined>('GET', '/admin/pull-authorizer-list');
