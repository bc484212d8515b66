// Words for the numbers the authorized-account list carries (WeChat's enumerations).

/** Permission sets (funcscope_category ids) a third-party platform is commonly granted. */
export const FUNC_SCOPES: Record<number, string> = {
  1: '消息管理',
  2: '用户管理',
  3: '帐号服务',
  4: '网页服务',
  5: '微信小店',
  6: '多客服',
  7: '群发与通知',
  8: '微信卡券',
  9: '微信扫一扫',
  10: '微信连WIFI',
  11: '素材管理',
  15: '自定义菜单',
  17: '帐号管理(小程序)',
  18: '开发管理与数据分析(小程序)',
  19: '客服消息管理(小程序)',
  22: '城市服务',
  23: '广告管理',
  25: '开放平台帐号管理',
  30: '小程序基本信息管理',
  31: '小程序认证名称检测',
  36: '微信卡路里',
  40: '插件管理',
  41: '搜索 widget',
  49: '小程序云开发',
  52: '小程序直播',
  57: '小程序物流助手',
};


/** "|1|2|18" → [1, 2, 18]; anything that is not a number is skipped. */
export function parseFuncInfo(s: string | null | undefined): number[] {
  return (s ?? '')
    .split('|')
    .map((p) => p.trim())
    .filter((p) => /^\d+$/.test(p))
    .map(Number);
}

/** "18 开发管理与数据分析(小程序)", or just "99" for an id this console does not know. */
export function funcLabel(id: number): string {
  const name = FUNC_SCOPES[id];
  return name ? `${id} ${name}` : String(id);
}

export const APP_TYPE: Record<number, string> = { 0: '小程序', 1: '公众号' };

export const ACCOUNT_STATUS: Record<number, string> = { 1: '正常', 14: '已注销', 16: '已封禁', 18: '已告警', 19: '已冻结' };

export const REGISTER_TYPE: Record<number, string> = {
  0: '普通方式注册',
  2: '复用公众号创建',
  3: '快速创建小程序',
  6: '法人扫脸创建企业小程序',
  13: '创建试用小程序',
  15: '联盟控制台创建',
  16: '创建个人小程序',
  17: '创建个人交易小程序',
  19: '试用小程序转正',
  22: '复用商户号创建企业小程序',
  23: '复用商户号转正',
};

const OA_VERIFY: Record<number, string> = {
  [-1]: '未认证',
  0: '微信认证',
  1: '新浪微博认证',
  2: '腾讯微博认证',
  3: '已资质认证，名称认证未通过',
  4: '已资质认证，名称认证未通过，已通过新浪微博认证',
  5: '已资质认证，名称认证未通过，已通过腾讯微博认证',
};

const MP_VERIFY: Record<number, string> = { [-1]: '未认证', 0: '微信认证' };

const OA_SERVICE: Record<number, string> = { 0: '订阅号', 1: '订阅号（老帐号升级）', 2: '服务号' };
const MP_SERVICE: Record<number, string> = { 0: '普通小程序', 4: '小游戏', 10: '小商店', 12: '试用小程序' };

/** A label from table, or the raw number when it is not in it. */
export function label(table: Record<number, string>, v: number | null | undefined): string {
  if (v === null || v === undefined) return '-';
  return table[v] ?? String(v);
}

/** 认证类型 in words; the meaning of the number depends on the account type. */
export function verifyLabel(appType: number, verifyInfo: number): string {
  return label(appType === 0 ? MP_VERIFY : OA_VERIFY, verifyInfo);
}

/** 服务类型 in words (订阅号 / 服务号 / 普通小程序 …). */
export function serviceLabel(appType: number, serviceType: number): string {
  return label(appType === 0 ? MP_SERVICE : OA_SERVICE, serviceType);
}
