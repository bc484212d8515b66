package codemgmt

import (
	"context"
	"errors"
	"time"

	"wxcomponent/comm/wx/api"
	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// ReleaseInfo is the online version (contract field names).
type ReleaseInfo struct {
	ReleaseTime    int64  `json:"releaseTime"`
	ReleaseVersion string `json:"releaseVersion"`
	ReleaseDesc    string `json:"releaseDesc"`
}

// ExpInfo is the experience (trial) version.
type ExpInfo struct {
	ExpTime    int64  `json:"expTime"`
	ExpVersion string `json:"expVersion"`
	ExpDesc    string `json:"expDesc"`
}

// AuditInfo is the newest audit. Status is WeChat's number (0 approved, 1 rejected, 2
// auditing, 3 withdrawn, 4 delayed) as the console shows it; State is the stored state, which
// also says released or rolled back.
type AuditInfo struct {
	AuditID         int64    `json:"auditId"`
	Status          int      `json:"status"`
	State           string   `json:"state"`
	Reason          string   `json:"reason"`
	ScreenShot      string   `json:"screenShot"`
	Screenshots     []string `json:"screenshots"` // media ids; fetch each with Screenshot
	UserVersion     string   `json:"userVersion"`
	UserDesc        string   `json:"userDesc"`
	SubmitAuditTime int64    `json:"submitAuditTime"`
}

// Versions is the version page's data (contract: GET /admin/dev-versions) from stored state.
type Versions struct {
	AuditInfo     *AuditInfo   `json:"auditInfo,omitempty"`
	ReleaseInfo   *ReleaseInfo `json:"releaseInfo,omitempty"`
	ExpInfo       *ExpInfo     `json:"expInfo,omitempty"`
	ServiceStatus *int         `json:"serviceStatus,omitempty"`
	RefreshedAt   *int64       `json:"refreshedAt,omitempty"` // Unix s; absent: never read from WeChat
}

// DevVersions returns appid's experience, audit and online versions from the database. The
// first view of an account, or refresh, reads them from WeChat first (refresh); other views
// make no WeChat call.
func (s *Service) DevVersions(ctx context.Context, appid string, refresh bool) (*Versions, error) {
	if _, err := s.managed(ctx, appid); err != nil {
		return nil, err
	}
	snap, err := s.store.GetWeappAccount(ctx, appid)
	if errors.Is(err, dao.ErrNotFound) || (err == nil && snap.RefreshedAt == nil) {
		refresh = true
	} else if err != nil {
		return nil, err
	}
	if refresh {
		return s.refresh(ctx, appid)
	}
	return s.storedVersions(ctx, appid, snap)
}

// refresh reads appid's versions, service status and newest audit from WeChat, one call after
// another, stores them (moving the audit's state if WeChat knows more) and returns the stored
// view. What was read before a failing call is kept. The caller checked appid is managed.
func (s *Service) refresh(ctx context.Context, appid string) (*Versions, error) {
	info, err := s.wx.GetVersionInfo(ctx, appid)
	if err != nil {
		return nil, wxErr("get version info", err)
	}
	status, err := s.wx.GetVisitStatus(ctx, appid)
	if err != nil {
		return nil, wxErr("get visit status", err)
	}
	values := snapshotValues(info)
	values["visit_status"], values["refreshed_at"] = status, s.now()
	if err := s.store.PutWeappAccount(ctx, appid, values); err != nil {
		return nil, err
	}
	st, found, err := s.wx.GetLatestAuditStatus(ctx, appid)
	if err != nil {
		return nil, wxErr("get latest audit status", err)
	}
	if found {
		if _, err := s.applyAudit(ctx, appid, st, model.SourcePoll); err != nil {
			return nil, err
		}
	}
	if err := s.noticeRelease(ctx, appid, info.ReleaseInfo); err != nil {
		return nil, err
	}
	return s.storedVersions(ctx, appid, nil)
}

// noticeRelease marks the approved version released when WeChat shows it online: it was
// released without the service (the WeChat console, another tool).
func (s *Service) noticeRelease(ctx context.Context, appid string, online *api.ReleaseInfo) error {
	if online == nil {
		return nil
	}
	v, err := s.store.LatestWeappVersion(ctx, appid, model.WeappApproved)
	if errors.Is(err, dao.ErrNotFound) || (err == nil && v.UserVersion != online.ReleaseVersion) {
		return nil
	}
	if err != nil {
		return err
	}
	at := time.Unix(online.ReleaseTime, 0).UTC()
	_, err = s.move(ctx, v, change{to: model.WeappReleased, source: model.SourcePoll, at: at, detail: "微信显示已发布"})
	return err
}

// snapshotValues are the account columns getversioninfo fills; absent versions become NULL.
func snapshotValues(info api.VersionInfo) map[string]any {
	values := map[string]any{"exp_time": nil, "exp_version": "", "exp_desc": "",
		"release_time": nil, "release_version": "", "release_desc": ""}
	if e := info.ExpInfo; e != nil {
		values["exp_time"], values["exp_version"], values["exp_desc"] = e.ExpTime, e.ExpVersion, e.ExpDesc
	}
	if r := info.ReleaseInfo; r != nil {
		values["release_time"], values["release_version"], values["release_desc"] = r.ReleaseTime, r.ReleaseVersion, r.ReleaseDesc
	}
	return values
}

// storedVersions assembles the view from the snapshot (read when nil) and the newest audit.
func (s *Service) storedVersions(ctx context.Context, appid string, snap *model.WeappAccount) (*Versions, error) {
	if snap == nil {
		var err error
		if snap, err = s.store.GetWeappAccount(ctx, appid); err != nil && !errors.Is(err, dao.ErrNotFound) {
			return nil, err
		}
	}
	out := &Versions{}
	if snap != nil {
		out = versionsOf(snap)
	}
	v, err := s.store.LatestAuditedWeappVersion(ctx, appid)
	switch {
	case err == nil:
		out.AuditInfo = auditInfoOf(v)
	case !errors.Is(err, dao.ErrNotFound):
		return nil, err
	}
	return out, nil
}

// versionsOf renders a stored snapshot.
func versionsOf(a *model.WeappAccount) *Versions {
	out := &Versions{ServiceStatus: a.VisitStatus}
	if a.ExpTime != nil {
		out.ExpInfo = &ExpInfo{ExpTime: *a.ExpTime, ExpVersion: a.ExpVersion, ExpDesc: a.ExpDesc}
	}
	if a.ReleaseTime != nil {
		out.ReleaseInfo = &ReleaseInfo{ReleaseTime: *a.ReleaseTime, ReleaseVersion: a.ReleaseVersion, ReleaseDesc: a.ReleaseDesc}
	}
	if a.RefreshedAt != nil {
		t := a.RefreshedAt.Unix()
		out.RefreshedAt = &t
	}
	return out
}

// auditInfoOf renders a stored audited version.
func auditInfoOf(v *model.WeappVersion) *AuditInfo {
	info := &AuditInfo{AuditID: auditID(v), Status: auditStatusOf(v.State), State: v.State, Reason: v.Reason,
		ScreenShot: v.ScreenShot, Screenshots: api.AuditStatus{ScreenShot: v.ScreenShot}.Screenshots(),
		UserVersion: v.UserVersion, UserDesc: v.UserDesc}
	if info.Screenshots == nil {
		info.Screenshots = []string{}
	}
	if v.SubmittedAt != nil {
		info.SubmitAuditTime = v.SubmittedAt.Unix()
	}
	return info
}
