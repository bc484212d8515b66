package api

// Code-management errcodes the service branches on (wechat-protocol.md §5.9).
const (
	CodePrivacyScanPending = 61039 // privacy scan after commit not finished: retry in about a minute
	CodeAuditInProgress    = 85009
	CodeNoAuditRecord      = 85058
	CodeAuditQuotaUsedUp   = 85085
	CodeUndoQuotaUsedUp    = 87013
	CodeAPIUnauthorized    = 61007 // permission set (e.g. 18) not granted to the platform
)

// codeHints explains, in the operator's words, the errors met when managing mini-program code
// on a merchant's behalf. Plain-language texts for the authorization errors live in comm/authz.
var codeHints = map[int64]string{
	40097:   "参数错误，请检查提交的内容",
	41030:   "页面路径不存在或小程序尚未发布",
	61007:   "该帐号未向第三方平台授权此权限集（代码管理需要权限集 18），请商家重新授权",
	61039:   "代码隐私检测尚未完成，请约 1 分钟后重试提交审核",
	61040:   "代码使用了隐私接口但隐私保护指引未声明，请先配置隐私保护指引",
	85006:   "标签格式错误（最多 10 个标签，以空格分隔，每个不超过 20 字）",
	85007:   "页面路径错误，请从已提交代码的页面列表中选择",
	85008:   "类目填写错误，请选择该小程序已设置的服务类目",
	85009:   "已有版本在审核中，请等待审核结果或先撤回审核",
	85011:   "标题填写错误（不超过 32 字）",
	85012:   "审核单 ID 无效",
	85013:   "ext_json 无效：不是合法 JSON 或包含不存在的页面路径",
	85014:   "模板不存在，请刷新模板列表后重新选择",
	85019:   "没有审核中或已通过审核的版本",
	85020:   "当前审核状态不允许此操作（只有审核通过的版本可以发布）",
	85023:   "审核页面数量须在 1 到 5 个之间",
	85043:   "模板错误，请检查模板",
	85044:   "代码包超过大小限制",
	85045:   "ext_json 中的页面路径在模板中不存在",
	85047:   "ext_json 的 pages 为空",
	85052:   "该版本已经发布",
	85058:   "尚未提交过审核",
	85064:   "模板或草稿不存在",
	85065:   "模板库已满（最多 200 个），请先删除不用的模板",
	85085:   "本月提交审核次数已达上限（第三方平台所有帐号共享额度），请下月再试或联系微信提高额度",
	85086:   "请先提交代码再提交审核",
	85092:   "预览图片或视频的 media_id 无效或格式错误",
	85093:   "预览图片或视频数量超出限制",
	85094:   "该类目首次提审须填写 UGC 声明",
	86000:   "只能由第三方平台调用",
	86001:   "该帐号还没有体验版（尚未提交代码）",
	86002:   "小程序尚未完成初始化（名称、头像、简介未设置）",
	87012:   "无法回退：没有可回退的上一个线上版本，或本次发布已回退过",
	87013:   "撤回审核次数已达上限（每天 5 次、每月 10 次）",
	89401:   "微信系统不稳定，请稍后再试",
	89402:   "该版本不在审核队列中，无法加急",
	89403:   "该版本不满足加急条件",
	89404:   "该版本已经加急过",
	89405:   "本月加急审核次数已用完",
	9402202: "有其他代码提交正在进行，请稍后重试",
	9402203: "标准模板的 ext_json 只能包含 extAppid、ext、window",
}

// CodeHint returns the plain-language explanation of a code-management errcode, or "".
func CodeHint(code int64) string { return codeHints[code] }

// ErrorHint returns the explanation of the WeChat error in err's chain, or "".
func ErrorHint(err error) string { return CodeHint(ErrCode(err)) }
