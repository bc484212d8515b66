package msg

import "strings"

// InfoTypes of component pushes (授权事件) this service acts on (wechat-protocol.md §2).
const (
	// InfoTicket carries the component_verify_ticket, pushed every 10 minutes.
	InfoTicket = "component_verify_ticket"
	// InfoAuthorized reports a new authorization.
	InfoAuthorized = "authorized"
	// InfoUpdateAuthorized reports changed permissions of an existing authorization.
	InfoUpdateAuthorized = "updateauthorized"
	// InfoUnauthorized reports a revoked authorization.
	InfoUnauthorized = "unauthorized"
)

// MsgTypeEvent is the MsgType of event pushes on the message-and-event URL.
const MsgTypeEvent = "event"

// MsgTypeText is the MsgType of text messages.
const MsgTypeText = "text"

// QueryAuthCodePrefix starts the text message of WeChat's go-live check that asks for an
// api_query_auth with the code after it (wechat-protocol.md §2.4).
const QueryAuthCodePrefix = "QUERY_AUTH_CODE:"

// Code-audit result events of mini programs (wechat-protocol.md §3.3).
const (
	// EventWeappAuditSuccess reports an approved audit (SuccTime).
	EventWeappAuditSuccess = "weapp_audit_success"
	// EventWeappAuditFail reports a rejected audit (Reason, ScreenShot, FailTime).
	EventWeappAuditFail = "weapp_audit_fail"
	// EventWeappAuditDelay reports a delayed audit (Reason, DelayTime).
	EventWeappAuditDelay = "weapp_audit_delay"
)

// IsQueryAuthCode tells whether m is the go-live check's QUERY_AUTH_CODE:<code> text message.
func (m *Message) IsQueryAuthCode() bool {
	return m != nil && m.MsgType == MsgTypeText && strings.HasPrefix(m.Content, QueryAuthCodePrefix)
}

// IsWeappAuditEvent tells whether m is one of the code-audit result events.
func (m *Message) IsWeappAuditEvent() bool {
	if m == nil || m.MsgType != MsgTypeEvent {
		return false
	}
	switch m.Event {
	case EventWeappAuditSuccess, EventWeappAuditFail, EventWeappAuditDelay:
		return true
	}
	return false
}
