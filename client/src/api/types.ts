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

/** A page of pushes: beyond 1,000 matches total is an estimate (totalExact false). */
export interface RecordPage<T> extends Page<T> {
  totalExact?: boolean;
  /** Cursor of the next page; '' on the last. */
  nextCursor?: string;
}

/** GET /admin/callback-records-stats */
export interface RecordStats {
  /** Days pushes are kept; 0 keeps them forever. */
  retentionDays: number;
  /** Unix s: pushes received before it (the upgrade of an original database) are kept. 0: none. */
  keptBefore: number;
  /** Most pushes kept per table (the newest), whatever their age; 0: no cap. */
  maxRows: number;
  tables: { table: string; rows: number; rowsExact: boolean; bytes: number | null }[];
  /** The whole database file on SQLite; null on MySQL (sizes per table). */
  databaseBytes: number | null;
}

/** One row of GET /admin/wx-component-records */
export interface ComponentRecord {
  id?: number;
  receiveTime: number;
  createTime: number;
  infoType: string;
  postBody: string;
  /** Set on a push stored raw: "unparsed" (did not decode), "base64" (postBody is base64 of non-UTF-8 bytes). */
  flags?: string[];
}

/** One row of GET /admin/wx-biz-records */
export interface BizRecord {
  id?: number;
  receiveTime: number;
  createTime: number;
  appid: string;
  toUserName: string;
  msgType: string;
  event: string;
  postBody: string;
  /** As ComponentRecord.flags. */
  flags?: string[];
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

/** GET /authpage/componentinfo (public): the platform appid and what the operator configured. */
export interface ComponentInfo {
  appid: string;
  name?: string;
  desc?: string;
  /** Where the redirect page forwards the merchant after authorizing; "" = show our own success page. */
  redirectUrl?: string;
}

/** Link kinds: PC (QR code scanned on a computer) or H5 (opened inside WeChat). */
export type AuthLinkType = 'pc' | 'h5';

/** GET /authpage/authurl (public) */
export interface AuthUrlQuery {
  type: AuthLinkType;
  authType?: string;
  bizAppid?: string;
  state?: string;
}

/** POST /authpage/authcode (public) */
export interface AuthCodeResult {
  appid: string;
  nickName: string;
}

/** Authorizer status as the API spells it. */
export type AuthorizerStatus = 'authorized' | 'revoked';

/** One row of GET /admin/authorizer-list. */
export interface Authorizer {
  id: number;
  appid: string;
  /** 0 mini program, 1 official account. */
  appType: number;
  serviceType: number;
  nickName: string;
  userName: string;
  headImg: string;
  qrcodeUrl: string;
  principalName: string;
  /** Masked unless the list was asked for with reveal=true. */
  refreshToken: string;
  /** Permission-set ids as "|1|2|18". */
  funcInfo: string;
  verifyInfo: number;
  /** RFC 3339 string. */
  authTime: string;
  registerType: number;
  accountStatus: number;
  basicConfig: { isPhoneConfigured: boolean; isEmailConfigured: boolean } | null;
  status: AuthorizerStatus;
  /** The business state of the link the merchant authorized through. */
  authState: string;
  updateTime: number;
}

/** Filters of GET /admin/authorizer-list. */
export interface AuthorizerQuery {
  offset: number;
  limit: number;
  appid?: string;
  name?: string;
  appType?: number | '';
  status?: AuthorizerStatus | '';
  funcInfo?: number;
  reveal?: boolean;
}

/** A tracked pull of WeChat's authorizer list (POST/GET /admin/pull-authorizer-list). */
export interface SyncStatus {
  id: number;
  status: 'running' | 'done' | 'failed';
  total: number;
  done: number;
  failed: number;
  startedAt: number;
  finishedAt?: number;
  updateTime: number;
  error: string;
  summary?: {
    missing?: number;
    recovered?: number;
    reactivated?: number;
    added?: number;
    failures?: { appid: string; error: string }[];
  } | null;
}
