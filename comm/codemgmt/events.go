package codemgmt

import (
	"context"
	"errors"
	"fmt"
	"time"

	"wxcomponent/comm/ingest"
	"wxcomponent/comm/wx/msg"
	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// Audit result events pushed to the message-and-event URL (wechat-protocol.md §3.3).
const (
	EventAuditSuccess = "weapp_audit_success"
	EventAuditFail    = "weapp_audit_fail"
	EventAuditDelay   = "weapp_audit_delay"
)

// IsAuditEvent tells whether a message push is one HandleAuditEvent processes.
func IsAuditEvent(m *msg.Message) bool {
	if m == nil || m.MsgType != "event" {
		return false
	}
	switch m.Event {
	case EventAuditSuccess, EventAuditFail, EventAuditDelay:
		return true
	}
	return false
}

// HandleAuditEvent moves appid's audit in progress by a weapp_audit_* push; other messages
// are ignored. The push names no audit id: it applies to the audit we know is in progress, or,
// when none is, to the newest audit WeChat reports (one get_latest_auditstatus call). A repeated
// push, or one arriving after a poll recorded the result, changes nothing.
func (s *Service) HandleAuditEvent(ctx context.Context, appid string, m *msg.Message) error {
	if !IsAuditEvent(m) {
		return nil
	}
	if appid == "" {
		return fmt.Errorf("audit event %s: %w: no appid", m.Event, ErrInvalid)
	}
	ch := pushChange(m, s.now())
	open, err := s.store.LatestWeappVersion(ctx, appid, openStates...)
	switch {
	case err == nil:
		_, err = s.move(ctx, open, ch)
		return err
	case !errors.Is(err, dao.ErrNotFound):
		return err
	}
	if s.alreadyDecided(ctx, appid, ch.at) {
		return nil
	}
	st, found, err := s.wx.GetLatestAuditStatus(ctx, appid)
	if err != nil || !found {
		return wxErr("confirm audit event", err)
	}
	_, err = s.applyAudit(ctx, appid, st, model.SourcePush)
	return err
}

// pushChange is the move a push asks for, at the time the push tells.
func pushChange(m *msg.Message, now time.Time) change {
	at := func(unix int64) time.Time {
		switch {
		case unix > 0:
			return time.Unix(unix, 0).UTC()
		case m.CreateTime > 0:
			return time.Unix(m.CreateTime, 0).UTC()
		}
		return now
	}
	switch m.Event {
	case EventAuditSuccess:
		return change{to: model.WeappApproved, source: model.SourcePush, at: at(m.SuccTime)}
	case EventAuditFail:
		return change{to: model.WeappRejected, source: model.SourcePush, at: at(m.FailTime), reason: m.Reason, screenshot: m.ScreenShot}
	}
	return change{to: model.WeappDelayed, source: model.SourcePush, at: at(m.DelayTime), reason: m.Reason}
}

// alreadyDecided tells whether the newest audit we know ended at or after at: the push is a
// repeat, or a poll recorded its result first.
func (s *Service) alreadyDecided(ctx context.Context, appid string, at time.Time) bool {
	v, err := s.store.LatestAuditedWeappVersion(ctx, appid)
	return err == nil && v.DecidedAt != nil && !v.DecidedAt.Before(at)
}

// HandleBizPush runs a biz_push job (enqueued by the callback for message-and-event pushes):
// audit events move the state machine, other messages are ignored.
func (s *Service) HandleBizPush(ctx context.Context, p ingest.BizPush) error {
	m := &msg.Message{ToUserName: p.ToUserName, FromUserName: p.FromUserName, MsgType: p.MsgType, Event: p.Event,
		CreateTime: p.CreateTime, Reason: p.Reason, ScreenShot: p.ScreenShot, SuccTime: p.SuccTime,
		FailTime: p.FailTime, DelayTime: p.DelayTime}
	return s.HandleAuditEvent(ctx, p.AppID, m)
}
