package codemgmt

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.uber.org/zap"

	"wxcomponent/comm/wx/api"
	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// change is one requested move of a version.
type change struct {
	to         string
	source     string    // model.SourcePush, SourcePoll or SourceOperator
	at         time.Time // when it happened, as the source tells it
	reason     string    // rejection or delay reason
	screenshot string    // rejection screenshots, '|'-joined media ids
	detail     string    // history text when it is not the reason
	values     map[string]any
}

// maxMoveTries bounds re-reads when concurrent writers keep moving the same version.
const maxMoveTries = 3

// move applies ch to v when the machine allows it and reports whether the version moved. A
// move another writer made first is re-read and reconsidered, so two concurrent pushes (or a
// push and a poll) record one transition, not two.
func (s *Service) move(ctx context.Context, v *model.WeappVersion, ch change) (bool, error) {
	for try := 0; try < maxMoveTries; try++ {
		if !allowed(v.State, ch.to) {
			return false, nil
		}
		err := s.store.TransitionWeappVersion(ctx, v.ID, v.State, ch.columns(), ch.event(v))
		if err == nil {
			v.State = ch.to
			s.afterMove(ctx, v, ch)
			return true, nil
		}
		if !errors.Is(err, dao.ErrStateChanged) {
			return false, err
		}
		if v, err = s.store.GetWeappVersion(ctx, v.ID); err != nil {
			return false, err
		}
	}
	return false, fmt.Errorf("move weapp version: %w", dao.ErrStateChanged)
}

// columns are the values a move sets besides the state.
func (ch change) columns() map[string]any {
	values := map[string]any{}
	for k, v := range ch.values {
		values[k] = v
	}
	switch ch.to {
	case model.WeappApproved, model.WeappWithdrawn:
		values["decided_at"], values["reason"], values["screenshot"] = ch.at, "", ""
	case model.WeappRejected:
		values["decided_at"], values["reason"], values["screenshot"] = ch.at, ch.reason, ch.screenshot
	case model.WeappDelayed:
		values["decided_at"], values["reason"] = ch.at, ch.reason
	case model.WeappReleased:
		values["released_at"] = ch.at
	}
	return values
}

// event is the history entry of the move.
func (ch change) event(v *model.WeappVersion) *model.WeappVersionEvent {
	detail := ch.detail
	if detail == "" {
		detail = ch.reason
	}
	return &model.WeappVersionEvent{AppID: v.AppID, AuditID: auditID(v), ToState: ch.to, Source: ch.source,
		Detail: detail, At: ch.at}
}

// afterMove runs the follow-ups of a move that must not undo it when they fail.
func (s *Service) afterMove(ctx context.Context, v *model.WeappVersion, ch change) {
	if ch.to == model.WeappRejected && ch.screenshot != "" {
		s.storeScreenshots(ctx, v.AppID, api.AuditStatus{ScreenShot: ch.screenshot}.Screenshots())
	}
}

// auditID is v's audit id, or 0 while it is only committed.
func auditID(v *model.WeappVersion) int64 {
	if v.AuditID == nil {
		return 0
	}
	return *v.AuditID
}

// applyAudit records what WeChat reports about an audit (get_auditstatus,
// get_latest_auditstatus): it moves the stored version, or records the audit when it was
// submitted without us. It reports whether anything changed.
func (s *Service) applyAudit(ctx context.Context, appid string, st api.AuditStatus, source string) (bool, error) {
	to, ok := stateOfAudit(st.Status)
	if !ok || st.AuditID == 0 {
		s.log.Warn("unknown audit status", zap.String("appid", appid), zap.Int("status", st.Status))
		return false, nil
	}
	ch := change{to: to, source: source, at: s.now(), reason: st.Reason, screenshot: st.ScreenShot}
	v, err := s.store.WeappVersionByAudit(ctx, appid, st.AuditID)
	if errors.Is(err, dao.ErrNotFound) {
		created, cerr := s.recordForeignAudit(ctx, appid, st, ch)
		if created || cerr != nil {
			return created, cerr
		}
		v, err = s.store.WeappVersionByAudit(ctx, appid, st.AuditID) // another writer recorded it
	}
	if err != nil {
		return false, err
	}
	return s.move(ctx, v, ch)
}

// recordForeignAudit stores an audit we did not submit (or whose row is missing) in the state
// WeChat reports; false without error when another writer stored it first.
func (s *Service) recordForeignAudit(ctx context.Context, appid string, st api.AuditStatus, ch change) (bool, error) {
	id := st.AuditID
	v := &model.WeappVersion{AppID: appid, AuditID: &id, State: model.WeappAuditing,
		UserVersion: st.UserVersion, UserDesc: st.UserDesc, StateAt: s.now()}
	if st.SubmitAuditTime > 0 {
		at := time.Unix(st.SubmitAuditTime, 0).UTC()
		v.SubmittedAt = &at
	}
	ev := &model.WeappVersionEvent{AppID: appid, AuditID: id, ToState: model.WeappAuditing, Source: ch.source,
		Detail: "审核单由微信查询得知", At: s.now()}
	err := s.store.CreateWeappVersion(ctx, v, ev)
	if errors.Is(err, dao.ErrDuplicate) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if ch.to != model.WeappAuditing {
		if _, err := s.move(ctx, v, ch); err != nil {
			return true, err
		}
	}
	return true, nil
}
