package codemgmt

import (
	"context"
	"errors"
	"fmt"
	"time"

	"wxcomponent/comm/wx/api"
	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// Release publishes the approved version; it becomes the online version.
func (s *Service) Release(ctx context.Context, appid string) error {
	if _, err := s.managed(ctx, appid); err != nil {
		return err
	}
	if err := s.wx.Release(ctx, appid); err != nil {
		return wxErr("release", err)
	}
	v, err := s.approvedVersion(ctx, appid)
	if err != nil {
		return err
	}
	now := s.now()
	if v != nil {
		if _, err := s.move(ctx, v, change{to: model.WeappReleased, source: model.SourceOperator, at: now, detail: "发布上线"}); err != nil {
			return err
		}
	}
	return s.refreshVersionInfo(ctx, appid)
}

// approvedVersion is the stored approved version, or WeChat's newest audit recorded when the
// approval was never stored (a lost push); nil when there is none either way.
func (s *Service) approvedVersion(ctx context.Context, appid string) (*model.WeappVersion, error) {
	v, err := s.store.LatestWeappVersion(ctx, appid, model.WeappApproved)
	if err == nil || !errors.Is(err, dao.ErrNotFound) {
		return v, err
	}
	st, found, err := s.wx.GetLatestAuditStatus(ctx, appid)
	if err != nil || !found {
		return nil, wxErr("get latest audit status", err)
	}
	if _, err := s.applyAudit(ctx, appid, st, model.SourcePoll); err != nil {
		return nil, err
	}
	v, err = s.store.WeappVersionByAudit(ctx, appid, st.AuditID)
	if err != nil || v.State != model.WeappApproved {
		return nil, err
	}
	return v, nil
}

// Rollback reverts the online version to the previous one (appVersion 0) or to appVersion from
// HistoryVersions; the version that was online is marked rolled back.
func (s *Service) Rollback(ctx context.Context, appid string, appVersion int64) error {
	if appVersion < 0 {
		return fmt.Errorf("rollback: %w: negative app_version", ErrInvalid)
	}
	if _, err := s.managed(ctx, appid); err != nil {
		return err
	}
	if err := s.wx.RevertCodeRelease(ctx, appid, appVersion); err != nil {
		return wxErr("rollback", err)
	}
	v, err := s.store.LatestWeappVersion(ctx, appid, model.WeappReleased)
	switch {
	case err == nil:
		if _, err := s.move(ctx, v, change{to: model.WeappRolledBack, source: model.SourceOperator, at: s.now(), detail: "版本回退"}); err != nil {
			return err
		}
	case !errors.Is(err, dao.ErrNotFound):
		return err
	}
	return s.refreshVersionInfo(ctx, appid)
}

// refreshVersionInfo stores the experience and online versions after a release or rollback
// changed them (one getversioninfo call; the release itself already succeeded, so a failure
// here is reported but the state change stands).
func (s *Service) refreshVersionInfo(ctx context.Context, appid string) error {
	info, err := s.wx.GetVersionInfo(ctx, appid)
	if err != nil {
		return wxErr("get version info", err)
	}
	return s.store.PutWeappAccount(ctx, appid, snapshotValues(info))
}

// HistoryVersions lists the versions Rollback can restore (at most 5, newest first).
func (s *Service) HistoryVersions(ctx context.Context, appid string) ([]api.HistoryVersion, error) {
	if _, err := s.managed(ctx, appid); err != nil {
		return nil, err
	}
	list, err := s.wx.GetHistoryVersions(ctx, appid)
	return nonNil(list), wxErr("get history versions", err)
}

// VersionRecord is one stored version (history view).
type VersionRecord struct {
	ID          uint64 `json:"id"`
	AuditID     int64  `json:"auditId,omitempty"`
	State       string `json:"state"`
	TemplateID  int64  `json:"templateId"`
	UserVersion string `json:"userVersion"`
	UserDesc    string `json:"userDesc"`
	Reason      string `json:"reason,omitempty"`
	ScreenShot  string `json:"screenShot,omitempty"`
	CommittedAt int64  `json:"committedAt,omitempty"` // Unix s; absent when unknown
	SubmittedAt int64  `json:"submittedAt,omitempty"`
	DecidedAt   int64  `json:"decidedAt,omitempty"`
	ReleasedAt  int64  `json:"releasedAt,omitempty"`
	StateAt     int64  `json:"stateAt"`
}

// EventRecord is one state change (history view).
type EventRecord struct {
	VersionID uint64 `json:"versionId"`
	AuditID   int64  `json:"auditId,omitempty"`
	From      string `json:"from"`
	To        string `json:"to"`
	Source    string `json:"source"` // push, poll or operator
	Detail    string `json:"detail"`
	At        int64  `json:"at"` // Unix s
}

// History is the stored record of an account's versions and their state changes, newest first.
type History struct {
	Versions []VersionRecord `json:"versions"`
	Events   []EventRecord   `json:"events"`
}

// VersionHistory returns appid's newest versions and state changes (at most limit of each;
// 0 for all), from the database only.
func (s *Service) VersionHistory(ctx context.Context, appid string, limit int) (*History, error) {
	if appid == "" {
		return nil, fmt.Errorf("%w: appid is required", ErrInvalid)
	}
	vs, err := s.store.ListWeappVersions(ctx, appid, limit)
	if err != nil {
		return nil, err
	}
	evs, err := s.store.ListWeappVersionEvents(ctx, appid, limit)
	if err != nil {
		return nil, err
	}
	h := &History{Versions: make([]VersionRecord, 0, len(vs)), Events: make([]EventRecord, 0, len(evs))}
	for i := range vs {
		h.Versions = append(h.Versions, versionRecord(&vs[i]))
	}
	for _, e := range evs {
		h.Events = append(h.Events, EventRecord{VersionID: e.VersionID, AuditID: e.AuditID, From: e.FromState,
			To: e.ToState, Source: e.Source, Detail: e.Detail, At: e.At.Unix()})
	}
	return h, nil
}

// versionRecord renders a stored version.
func versionRecord(v *model.WeappVersion) VersionRecord {
	unix := func(t *time.Time) int64 {
		if t == nil {
			return 0
		}
		return t.Unix()
	}
	return VersionRecord{ID: v.ID, AuditID: auditID(v), State: v.State, TemplateID: v.TemplateID,
		UserVersion: v.UserVersion, UserDesc: v.UserDesc, Reason: v.Reason, ScreenShot: v.ScreenShot,
		CommittedAt: unix(v.CommittedAt), SubmittedAt: unix(v.SubmittedAt), DecidedAt: unix(v.DecidedAt),
		ReleasedAt: unix(v.ReleasedAt), StateAt: v.StateAt.Unix()}
}
