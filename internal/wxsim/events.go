package wxsim

import (
	"context"
	"fmt"
	"net/url"
	"strings"
)

// componentTarget addresses the authorization event URL (授权事件接收URL).
func (s *Sim) componentTarget(kind, appid string) pushTarget {
	return pushTarget{kind: kind, appid: appid, url: s.cfg.CallbackBase + s.cfg.ComponentPath}
}

// componentHeader starts every component push: AppId, CreateTime, InfoType (§2).
func (s *Sim) componentHeader(infoType string) []field {
	return []field{str("AppId", s.cfg.ComponentAppID), num("CreateTime", s.Now().Unix()),
		str("InfoType", infoType)}
}

// PushTicket generates a new component_verify_ticket, remembers it (valid 12 h) and pushes it.
// The ticket is valid even when delivery fails, as with real WeChat.
func (s *Sim) PushTicket(ctx context.Context) (string, PushResult, error) {
	ticket := ticketPrefix + randomString(codeLen)
	s.recordTicket(ticket, s.Now())
	fields := append(s.componentHeader("component_verify_ticket"), str("ComponentVerifyTicket", ticket))
	res, err := s.deliver(ctx, s.componentTarget("component_verify_ticket", ""), fields)
	return ticket, res, err
}

// pushAuthorized sends authorized/updateauthorized with the authorization code (§2.2). The
// expiry field is CreateTime+3600, the absolute form seen in fixtures (the doc is ambiguous).
func (s *Sim) pushAuthorized(ctx context.Context, infoType string, code CodeRecord) (PushResult, error) {
	created := s.Now().Unix()
	fields := []field{str("AppId", s.cfg.ComponentAppID), num("CreateTime", created),
		str("InfoType", infoType), str("AuthorizerAppid", code.AppID),
		str("AuthorizationCode", code.Value), num("AuthorizationCodeExpiredTime", created+3600),
		str("PreAuthCode", code.PreAuthCode)}
	return s.deliver(ctx, s.componentTarget(infoType, code.AppID), fields)
}

// pushUnauthorized tells the service an authorizer withdrew its authorization.
func (s *Sim) pushUnauthorized(ctx context.Context, appid string) (PushResult, error) {
	fields := append(s.componentHeader("unauthorized"), str("AuthorizerAppid", appid))
	return s.deliver(ctx, s.componentTarget("unauthorized", appid), fields)
}

// PushMessage delivers a user message or event (plaintext XML with root <xml>) for authorizer
// appid to the message-and-event URL, with openid = FromUserName in the query (§3).
func (s *Sim) PushMessage(ctx context.Context, appid string, msgXML []byte) (PushResult, error) {
	acc, ok := s.account(appid)
	if !ok {
		return PushResult{}, fmt.Errorf("push message: unknown authorizer %s", appid)
	}
	fields, err := parseXMLFields(msgXML)
	if err != nil {
		return PushResult{}, fmt.Errorf("push message for %s: %w", appid, err)
	}
	kind := lookup(fields, "MsgType")
	if ev := lookup(fields, "Event"); kind == "event" && ev != "" {
		kind = ev
	}
	t := pushTarget{kind: kind, appid: appid, toUser: acc.UserName,
		url: s.cfg.CallbackBase + strings.ReplaceAll(s.cfg.BizPath, "$APPID$", appid)}
	if openid := lookup(fields, "FromUserName"); openid != "" {
		t.query = url.Values{"openid": {openid}}
	}
	return s.deliver(ctx, t, fields)
}

// TextMessage builds the XML of a user's text message to authorizer appid (§3.1), with a fresh
// 64-bit MsgId. It fails for unknown appids because ToUserName must be the account's gh_ id.
func (s *Sim) TextMessage(appid, openid, content string) ([]byte, error) {
	acc, ok := s.account(appid)
	if !ok {
		return nil, fmt.Errorf("text message: unknown authorizer %s", appid)
	}
	fields := []field{str("ToUserName", acc.UserName), str("FromUserName", openid),
		num("CreateTime", s.Now().Unix()), str("MsgType", "text"), str("Content", content),
		num("MsgId", newMsgID())}
	return renderXML(fields), nil
}

// PushText sends a user's text message to authorizer appid; a shortcut for TextMessage +
// PushMessage.
func (s *Sim) PushText(ctx context.Context, appid, openid, content string) (PushResult, error) {
	msg, err := s.TextMessage(appid, openid, content)
	if err != nil {
		return PushResult{}, err
	}
	return s.PushMessage(ctx, appid, msg)
}

// account returns a copy of the account appid.
func (s *Sim) account(appid string) (AccountState, bool) {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	acc, ok := s.st.accounts[appid]
	if !ok {
		return AccountState{}, false
	}
	return *acc, true
}
