package codemgmt

import (
	"context"
	"errors"
	"fmt"

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
