package authz

import (
	"errors"
	"fmt"
	"net"

	"wxcomponent/comm/fault"
	"wxcomponent/comm/wx/api"
	"wxcomponent/comm/wx/token"
)

// Plain-words explanations shown to whoever opens an authorization page or the console.
const (
	msgNoAppID  = "尚未配置第三方平台 AppID（环境变量 WX_APPID），请先完成配置"
	msgNoTicket = "尚未收到 component_verify_ticket，请确认授权事件接收 URL 已配置并等待推送（约 10 分钟）"
	msgStale    = "component_verify_ticket 已被微信拒绝，正在等待新的推送（约 10 分钟），请确认授权事件接收 URL 可以收到推送"
	msgNoSecret = "尚未设置第三方平台 AppSecret，请设置环境变量 WX_APPSECRET 或在控制台设置"
	msgNoReach  = "无法访问微信接口，请检查网络后稍后再试"
)

// wxHints explains the WeChat errors an operator can fix; others show WeChat's own text.
var wxHints = map[int64]string{
	40013:                 "第三方平台 AppID 无效，请检查 WX_APPID",
	40125:                 "第三方平台 AppSecret 无效，请在控制台重新设置",
	41004:                 "尚未设置第三方平台 AppSecret，请在控制台设置",
	61004:                 "服务器出口 IP 不在第三方平台的白名单中，请在微信开放平台添加",
	api.CodeTicketExpired: "component_verify_ticket 已过期，请确认授权事件接收 URL 能收到推送",
	api.CodeTicketInvalid: "component_verify_ticket 无效，请确认授权事件接收 URL 能收到推送",
	api.CodeQuotaExceeded: "微信接口今日调用次数已达上限，请明天再试或在开放平台清零配额",
	45011:                 "微信接口调用过于频繁，请稍后再试",
	api.CodeNotAuthorized: "该帐号已取消对第三方平台的授权",
}

// explain classifies a failure to reach WeChat and says, in plain words, what is wrong; the
// cause stays attached for the log (and, for a missing ticket, decides the contract code).
// Anything it cannot explain is Internal, so its text never reaches the client.
func explain(err error) *fault.Error {
	switch {
	case errors.Is(err, token.ErrNoTicket):
		return fault.Wrap(fault.Unavailable, err, msgNoTicket)
	case errors.Is(err, token.ErrTicketStale):
		return fault.Wrap(fault.Unavailable, err, msgStale)
	case errors.Is(err, token.ErrNoAppSecret):
		return fault.Wrap(fault.Unavailable, err, msgNoSecret)
	}
	if code := api.ErrCode(err); code != 0 {
		text := "微信接口返回错误：" + api.PublicText(err)
		if hint := wxHints[code]; hint != "" {
			text = fmt.Sprintf("%s（errcode %d）", hint, code)
		}
		return fault.Wrap(fault.Upstream, err, text)
	}
	var netErr net.Error
	if api.PublicText(err) != "" || errors.As(err, &netErr) {
		return fault.Wrap(fault.Upstream, err, msgNoReach)
	}
	return fault.Wrap(fault.Internal, err, "")
}
