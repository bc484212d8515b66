package codemgmt

import (
	"context"
	"errors"
	"fmt"
	"time"

	"wxcomponent/comm/jobs"
	"wxcomponent/comm/wx/msg"
	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// HandleAuditEvent moves appid's audit in progress by a weapp_audit_* push; other messages
// are ignored. The push names no audit id: it applies to the audit we know is in progress, or,
// when none is, to the newest audit WeChat reports (one get_latest_auditstatus call). A repeated
// push, or one arriving after a poll recorded the result, changes nothing.
func (s *Service) HandleAuditEvent(ctx context.Context, appid string, m *msg.Message) error {
	if !m.IsWeappAuditEvent() {
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
	case msg.EventWeappAuditSuccess:
		return change{to: model.WeappApproved, source: model.SourcePush, at: at(m.SuccTime)}
	case msg.EventWeappAuditFail:
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

// HandleAuditPush runs the follow-up job of an audit-result push for authorizer appid
// (comm/dispatch routes it here): HandleAuditEvent, with a push lacking the account marked
// permanent for the job queue, as no retry heals it; WeChat and database failures are retried.
func (s *Service) HandleAuditPush(ctx context.Context, appid string, m *msg.Message) error {
	err := s.HandleAuditEvent(ctx, appid, m)
	if errors.Is(err, ErrInvalid) {
		return jobs.Permanent(err)
	}
	return err
}
