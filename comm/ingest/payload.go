package ingest

import (
	"wxcomponent/comm/callback"
	"wxcomponent/comm/jobs"
	"wxcomponent/comm/wx/msg"
)

// Job kinds enqueued by the writer; comm/dispatch registers their handlers on the jobs.Queue.
const (
	// KindComponentPush processes a ticket or an authorization change (payload ComponentPush).
	KindComponentPush = "component_push"
	// KindBizPush processes a message-and-event push: the code-audit results and the go-live
	// check's QUERY_AUTH_CODE text (payload BizPush).
	KindBizPush = "biz_push"
)

// ComponentPush is the payload of a component_push job: the fields its handlers need, so they
// never re-parse the stored body.
type ComponentPush struct {
	RecordID                     uint   `json:"recordId"`
	InfoType                     string `json:"infoType"`
	AppID                        string `json:"appId,omitempty"`
	CreateTime                   int64  `json:"createTime"`
	ReceivedAt                   int64  `json:"receivedAt"` // Unix seconds
	ComponentVerifyTicket        string `json:"componentVerifyTicket,omitempty"`
	AuthorizerAppid              string `json:"authorizerAppid,omitempty"`
	AuthorizationCode            string `json:"authorizationCode,omitempty"`
	AuthorizationCodeExpiredTime int64  `json:"authorizationCodeExpiredTime,omitempty"`
	PreAuthCode                  string `json:"preAuthCode,omitempty"`
}

// BizPush is the payload of a biz_push job.
type BizPush struct {
	RecordID     uint   `json:"recordId"`
	AppID        string `json:"appid"` // from the URL path ($APPID$)
	ToUserName   string `json:"toUserName"`
	FromUserName string `json:"fromUserName,omitempty"`
	MsgType      string `json:"msgType"`
	Event        string `json:"event,omitempty"`
	CreateTime   int64  `json:"createTime"`
	ReceivedAt   int64  `json:"receivedAt"`
	Reason       string `json:"reason,omitempty"`
	ScreenShot   string `json:"screenShot,omitempty"`
	SuccTime     int64  `json:"succTime,omitempty"`
	FailTime     int64  `json:"failTime,omitempty"`
	DelayTime    int64  `json:"delayTime,omitempty"`
	// Content is kept for the QUERY_AUTH_CODE text only: no other message's text is copied
	// into the queue.
	Content string `json:"content,omitempty"`
}

func newComponentPush(id uint, p *callback.Push) ComponentPush {
	m := p.Msg
	return ComponentPush{
		RecordID: id, InfoType: m.InfoType, AppID: m.AppID, CreateTime: m.CreateTime, ReceivedAt: p.ReceivedAt.Unix(),
		ComponentVerifyTicket: m.ComponentVerifyTicket, AuthorizerAppid: m.AuthorizerAppid,
		AuthorizationCode: m.AuthorizationCode, AuthorizationCodeExpiredTime: m.AuthorizationCodeExpiredTime,
		PreAuthCode: m.PreAuthCode,
	}
}

func newBizPush(id uint, appid string, p *callback.Push) BizPush {
	m := p.Msg
	b := BizPush{
		RecordID: id, AppID: appid, ToUserName: m.ToUserName, FromUserName: m.FromUserName,
		MsgType: m.MsgType, Event: m.Event, CreateTime: m.CreateTime, ReceivedAt: p.ReceivedAt.Unix(),
		Reason: m.Reason, ScreenShot: m.ScreenShot, SuccTime: m.SuccTime, FailTime: m.FailTime, DelayTime: m.DelayTime,
	}
	if m.IsQueryAuthCode() {
		b.Content = m.Content
	}
	return b
}

// Message is the push as its handlers read it: the decoded fields the payload keeps, in the
// form comm/wx/msg gives every push, so handlers never depend on the job payload.
func (p ComponentPush) Message() *msg.Message {
	return &msg.Message{AppID: p.AppID, CreateTime: p.CreateTime, InfoType: p.InfoType,
		ComponentVerifyTicket: p.ComponentVerifyTicket, AuthorizerAppid: p.AuthorizerAppid,
		AuthorizationCode: p.AuthorizationCode, AuthorizationCodeExpiredTime: p.AuthorizationCodeExpiredTime,
		PreAuthCode: p.PreAuthCode}
}

// Message is the push as its handlers read it; the authorizer's appid from the URL stays in
// p.AppID, as message pushes carry only its original (gh_) id.
func (p BizPush) Message() *msg.Message {
	return &msg.Message{ToUserName: p.ToUserName, FromUserName: p.FromUserName, MsgType: p.MsgType, Event: p.Event,
		CreateTime: p.CreateTime, Reason: p.Reason, ScreenShot: p.ScreenShot, SuccTime: p.SuccTime,
		FailTime: p.FailTime, DelayTime: p.DelayTime, Content: p.Content}
}

// DecodeComponentPush reads the payload of a component_push job.
func DecodeComponentPush(j jobs.Job) (ComponentPush, error) {
	var p ComponentPush
	err := j.Decode(&p)
	return p, err
}

// DecodeBizPush reads the payload of a biz_push job.
func DecodeBizPush(j jobs.Job) (BizPush, error) {
	var p BizPush
	err := j.Decode(&p)
	return p, err
}
