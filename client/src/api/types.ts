// Shapes of the API's data payloads. Times are unix seconds unless noted.

/** PUT /auth */
export interface LoginResult {
  jwt: string;
  expiresAt: number;
  username: string;
  mustChangePassword: boolean;
}

/** GET /admin/me */
export interface Me {
  username: string;
  mustChangePassword: boolean;
}

/** Database and callback modes the service runs with. */
export type DbKind = 'sqlite' | 'mysql';
export type CallbackMode = 'standard' | 'cloudrun';

/** GET /admin/system-info */
export interface SystemInfo {
  version: string;
  commit: string;
  buildTime: string;
  goVersion: string;
  db: DbKind;
  callbackMode: CallbackMode;
  appid: string;
  startedAt: number | string;
}

/** GET /admin/ticket */
export interface TicketInfo {
  ticket: string;
  receivedAt: number;
  ageSeconds: number;
}

/** GET /admin/component-access-token and /admin/authorizer-access-token */
export interface TokenInfo {
  token: string;
  expiresAt?: number;
}

/** GET /admin/callback-config */
export interface CallbackConfig {
  mode: CallbackMode;
  appid: string;
  envId: string;
  service: string;
  componentPath: string;
  bizPath: string;
  componentUrl: string;
  bizUrl: string;
  textMode: string;
  tokenConfigured: boolean;
  encodingAESKeyConfigured: boolean;
}

/** A paged list of records. */
export interface Page<T> {
  total: number;
  records: T[] | null;
}

/** One row of GET /admin/wx-component-records */
export interface ComponentRecord {
  receiveTime: number;
  createTime: number;
  infoType: string;
  postBody: string;
}

/** One row of GET /admin/wx-biz-records */
export interface BizRecord {
  receiveTime: number;
  createTime: number;
  appid: string;
  toUserName: string;
  msgType: string;
  event: string;
  postBody: string;
}

/** Where a secret's value comes from. */
export type SecretSource = 'env' | 'console' | '';

/** GET /admin/secret */
export interface SecretInfo {
  secret: string;
  configured: boolean;
  source: SecretSource;
}

/** Status of one callback secret. */
export interface SecretStatus {
  configured: boolean;
  source: SecretSource;
  masked: string;
}

/** GET /admin/callback-secrets */
export interface CallbackSecrets {
  token: SecretStatus;
  encodingAESKey: SecretStatus;
}
