// Package forward delivers the pushes that match a forwarding rule (消息转发器) to the
// provider's business services: rules kept in memory and reloaded from the database every few
// seconds, a durable outbox written in the push's own transaction, a worker that delivers it
// with retries and back-off until delivered or dead, the synchronous path whose answer becomes
// WeChat's passive reply, and the per-rule HMAC signature of every request.
package forward

import (
	"encoding/json"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"wxcomponent/comm/fault"
	"wxcomponent/db/model"
)

// Delivery modes of a rule.
const (
	// ModeSync delivers while WeChat waits; the target's answer is the passive reply. Rules of
	// the original (no mode in their info) are sync, as it only had that.
	ModeSync = "sync"
	// ModeAsync answers WeChat at once and delivers from the outbox.
	ModeAsync = "async"
)

// ruleTypeHTTP is the only rule type there is (the original's `type` column, always 1).
const ruleTypeHTTP = 1

// Limits of the fields of a rule.
const (
	maxNameLen = 30
	maxTypeLen = 64
	maxPathLen = 512
	maxURLLen  = 1024
)

// Target is where a rule delivers, as kept in the rule's info JSON: the original's port and
// path on this host, or a full URL (for services in other containers), and the mode.
type Target struct {
	Port int    `json:"port"`
	Path string `json:"path"`
	URL  string `json:"url"`
	Mode string `json:"mode"`
}

// Rule is a forwarding rule as the service uses it.
type Rule struct {
	ID       uint
	Name     string
	InfoType string // component rules
	MsgType  string // biz rules
	Event    string // biz rules; "" matches pushes without Event only
	Open     bool
	Target   Target
	Created  time.Time
	Updated  time.Time
	typeOK   bool   // the row's type is HTTP
	key      string // signing key in clear; memory only
}

// Component tells whether the rule applies to the authorization-event URL's pushes.
func (r *Rule) Component() bool { return r.InfoType != "" }

// Active tells whether the rule forwards: open and of the HTTP type.
func (r *Rule) Active() bool { return r.Open && r.typeOK }

// URL is the target for a push of authorizer appid ("" on the component URL): every $APPID$
// replaced.
func (t Target) URLFor(appid string) string {
	u := t.URL
	if u == "" {
		u = "http://127.0.0.1:" + strconv.Itoa(t.Port) + t.Path
	}
	return strings.ReplaceAll(u, "$APPID$", appid)
}

// ruleFromRow decodes a stored rule; a row whose info is not JSON cannot forward (it is listed
// with an empty target so the operator can fix it).
func ruleFromRow(m model.WxCallbackRule) Rule {
	r := Rule{ID: m.ID, Name: m.Name, InfoType: m.InfoType, MsgType: m.MsgType, Event: m.Event, Open: m.Open != 0,
		Created: m.CreateTime, Updated: m.UpdateTime, typeOK: m.Type == ruleTypeHTTP}
	if err := json.Unmarshal([]byte(m.Info), &r.Target); err != nil {
		r.typeOK = false
	}
	if r.Target.Mode == "" {
		r.Target.Mode = ModeSync
	}
	return r
}

// RuleInput is a rule as the console sends it.
type RuleInput struct {
	ID       uint   `json:"id"`
	Name     string `json:"name"`
	InfoType string `json:"infoType"`
	MsgType  string `json:"msgType"`
	Event    string `json:"event"`
	Open     int    `json:"open"`
	Data     Target `json:"data"`
}

// row validates the input and turns it into the stored row; denied is the port of the inner
// token service, never a target on this host (it trusts loopback callers).
func (in RuleInput) row(denied string) (model.WxCallbackRule, error) {
	if err := in.validate(denied); err != nil {
		return model.WxCallbackRule{}, err
	}
	t := in.Data
	if t.Mode == "" {
		t.Mode = ModeSync
	}
	if t.URL != "" {
		t.Port, t.Path = 0, ""
	}
	info, err := json.Marshal(t)
	if err != nil {
		return model.WxCallbackRule{}, fmt.Errorf("encode rule target: %w", err)
	}
	return model.WxCallbackRule{ID: in.ID, Name: in.Name, InfoType: in.InfoType, MsgType: in.MsgType, Event: in.Event,
		Type: ruleTypeHTTP, Open: in.Open, Info: string(info)}, nil
}

// invalid is a validation failure worded for the console.
func invalid(msg string) error { return fault.New(fault.Invalid, msg) }

// validate checks every field; the first problem is the answer.
func (in RuleInput) validate(denied string) error {
	name := strings.TrimSpace(in.Name)
	switch {
	case name == "":
		return invalid("规则名称不能为空")
	case utf8.RuneCountInString(in.Name) > maxNameLen:
		return invalid(fmt.Sprintf("规则名称最长 %d 个字符", maxNameLen))
	case in.InfoType == "" && in.MsgType == "" && in.Event == "":
		return invalid("消息推送类型为空")
	case in.InfoType != "" && (in.MsgType != "" || in.Event != ""):
		return invalid("授权事件规则只填 InfoType；消息与事件规则只填 MsgType 和 Event")
	case in.InfoType == "" && in.MsgType == "":
		return invalid("消息与事件规则需要 MsgType（Event 可选）")
	case in.Open != 0 && in.Open != 1:
		return invalid("open 只能是 0 或 1")
	}
	for _, f := range []struct{ name, v string }{{"InfoType", in.InfoType}, {"MsgType", in.MsgType}, {"Event", in.Event}} {
		if !validTypeName(f.v) {
			return invalid(fmt.Sprintf("%s 只能包含字母、数字、下划线、点和短横线，最长 %d 个字符", f.name, maxTypeLen))
		}
	}
	return in.Data.validate(denied)
}

// validTypeName accepts what WeChat's InfoType/MsgType/Event values are made of. Matching is
// byte-exact, so stray spaces or case variants would silently never match.
func validTypeName(s string) bool {
	if len(s) > maxTypeLen {
		return false
	}
	for i := range len(s) {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}

// validate checks the target: a full http(s) URL, or a port and a path on this host.
func (t Target) validate(denied string) error {
	if t.Mode != "" && t.Mode != ModeSync && t.Mode != ModeAsync {
		return invalid("转发模式只能是 sync（同步，支持被动回复）或 async（异步）")
	}
	if t.URL != "" {
		return validURL(t.URL, denied)
	}
	switch {
	case t.Port < 1 || t.Port > 65535:
		return invalid("端口须为 1–65535（或填写完整的 http(s) 地址）")
	case !strings.HasPrefix(t.Path, "/"):
		return invalid("路径须以 / 开头")
	case len(t.Path) > maxPathLen || strings.ContainsAny(t.Path, " \t\r\n#"):
		return invalid(fmt.Sprintf("路径不能含空白或 #，最长 %d 个字符", maxPathLen))
	}
	return validURL(t.URLFor(testAppID), denied)
}

// validURL accepts absolute http(s) URLs with a host, no credentials, and not the inner token
// service (denied: its port).
func validURL(raw string, denied string) error {
	u, err := url.Parse(strings.ReplaceAll(raw, "$APPID$", testAppID))
	switch {
	case len(raw) > maxURLLen:
		return invalid(fmt.Sprintf("地址最长 %d 个字符", maxURLLen))
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Hostname() == "":
		return invalid("地址须为 http:// 或 https:// 开头的完整地址")
	case u.User != nil:
		return invalid("地址不能包含用户名或密码")
	case u.Fragment != "" || strings.ContainsAny(raw, " \t\r\n"):
		return invalid("地址不能含空白或 #")
	}
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
	}
	if denied != "" && port == denied && isLocal(u.Hostname()) {
		return invalid("不能转发到本服务的内部令牌端口 " + denied)
	}
	return nil
}

// isLocal tells whether host names this machine: the inner token service trusts such callers.
func isLocal(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && (ip.IsLoopback() || ip.IsUnspecified())
}
