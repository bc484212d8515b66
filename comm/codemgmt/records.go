package codemgmt

import (
	"context"
	"fmt"

	"wxcomponent/comm/authz"
	"wxcomponent/comm/wx/api"
	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// VersionEvent is one state change of a version (history page).
type VersionEvent struct {
	FromState string `json:"fromState"` // "" for the version's first event
	ToState   string `json:"toState"`
	Source    string `json:"source"` // push, poll or operator
	Detail    string `json:"detail"`
	At        int64  `json:"at"` // Unix s
}

// VersionWithEvents is one stored version with its whole history, oldest event first.
type VersionWithEvents struct {
	ID          uint64         `json:"id"`
	UserVersion string         `json:"userVersion"`
	UserDesc    string         `json:"userDesc"`
	TemplateID  int64          `json:"templateId"`
	AuditID     int64          `json:"auditId"` // 0 while only committed
	State       string         `json:"state"`
	Reason      string         `json:"reason"`
	Screenshots []string       `json:"screenshots"` // media ids; fetch each with Screenshot
	CreatedAt   int64          `json:"createdAt"`
	StateAt     int64          `json:"stateAt"`
	Events      []VersionEvent `json:"events"`
}

// VersionRecords returns appid's newest limit versions (newest first; 0 for all), each with
// all its state changes, from the database only.
func (s *Service) VersionRecords(ctx context.Context, appid string, limit int) ([]VersionWithEvents, error) {
	if appid == "" {
		return nil, fmt.Errorf("%w: appid is required", ErrInvalid)
	}
	vs, err := s.store.ListWeappVersions(ctx, appid, limit)
	if err != nil {
		return nil, err
	}
	ids := make([]uint64, len(vs))
	for i, v := range vs {
		ids[i] = v.ID
	}
	evs, err := s.store.ListWeappVersionEventsOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	byVersion := map[uint64][]VersionEvent{}
	for _, e := range evs {
		byVersion[e.VersionID] = append(byVersion[e.VersionID], VersionEvent{FromState: e.FromState,
			ToState: e.ToState, Source: e.Source, Detail: e.Detail, At: e.At.Unix()})
	}
	out := make([]VersionWithEvents, 0, len(vs))
	for i := range vs {
		out = append(out, withEvents(&vs[i], byVersion[vs[i].ID]))
	}
	return out, nil
}

// withEvents renders a stored version with its events.
func withEvents(v *model.WeappVersion, evs []VersionEvent) VersionWithEvents {
	shots := api.AuditStatus{ScreenShot: v.ScreenShot}.Screenshots()
	return VersionWithEvents{ID: v.ID, UserVersion: v.UserVersion, UserDesc: v.UserDesc, TemplateID: v.TemplateID,
		AuditID: auditID(v), State: v.State, Reason: v.Reason, Screenshots: nonNil(shots),
		CreatedAt: v.CreatedAt.Unix(), StateAt: v.StateAt.Unix(), Events: nonNil(evs)}
}

// PlatformQuota reads the platform's monthly audit quota. The quota belongs to the platform but
// WeChat answers it only through an authorizer's token: appid's, or when empty the first
// managed account's.
func (s *Service) PlatformQuota(ctx context.Context, appid string) (api.AuditQuota, error) {
	if appid == "" {
		mp, active := authz.AppTypeMiniProgram, model.AuthorizerActive
		rows, _, err := s.store.ListAuthorizers(ctx, dao.AuthorizerFilter{AppType: &mp, Status: &active,
			FuncID: FuncCodeManagement, Limit: 1})
		if err != nil {
			return api.AuditQuota{}, err
		}
		if len(rows) == 0 {
			return api.AuditQuota{}, fmt.Errorf("audit quota: no account to ask through: %w", ErrNotManaged)
		}
		appid = rows[0].AppID
	}
	return s.QueryQuota(ctx, appid)
}
