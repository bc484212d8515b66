package codemgmt

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"wxcomponent/comm/wx/api"
	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// SubmitAudit submits the experience version for audit (the request binds the console's
// camelCase and goes out in WeChat's snake_case) and returns WeChat's audit id. The committed
// version moves to auditing; a version committed outside the service is recorded anew.
func (s *Service) SubmitAudit(ctx context.Context, appid string, req api.SubmitAuditRequest) (int64, error) {
	if err := req.Validate(); err != nil {
		return 0, invalid("submit audit", err)
	}
	if _, err := s.managed(ctx, appid); err != nil {
		return 0, err
	}
	id, err := s.wx.SubmitAudit(ctx, appid, req)
	if err != nil {
		return 0, wxErr("submit audit", err)
	}
	body, _ := json.Marshal(req) // plain data; cannot fail
	now := s.now()
	ch := change{to: model.WeappAuditing, source: model.SourceOperator, at: now, detail: fmt.Sprintf("提交审核，审核单 %d", id),
		values: map[string]any{"auditid": id, "submitted_at": now, "audit_request": string(body)}}
	cur, err := s.store.LatestWeappVersion(ctx, appid, model.WeappCommitted)
	if err == nil {
		if _, err = s.move(ctx, cur, ch); err == nil {
			return id, nil
		}
	}
	if !errors.Is(err, dao.ErrNotFound) {
		return id, fmt.Errorf("record audit %d of %s: %w", id, appid, err)
	}
	v := &model.WeappVersion{AppID: appid, AuditID: &id, State: model.WeappAuditing, AuditRequest: string(body),
		SubmittedAt: &now, StateAt: now}
	ev := &model.WeappVersionEvent{AppID: appid, AuditID: id, ToState: model.WeappAuditing, Source: model.SourceOperator,
		Detail: ch.detail, At: now}
	if err := s.store.CreateWeappVersion(ctx, v, ev); err != nil && !errors.Is(err, dao.ErrDuplicate) {
		return id, fmt.Errorf("record audit %d of %s: %w", id, appid, err)
	}
	return id, nil
}

// RevokeAudit withdraws the audit in progress (5 a day, 10 a month: 87013).
func (s *Service) RevokeAudit(ctx context.Context, appid string) error {
	if _, err := s.managed(ctx, appid); err != nil {
		return err
	}
	if err := s.wx.UndoCodeAudit(ctx, appid); err != nil {
		return wxErr("revoke audit", err)
	}
	open, err := s.store.LatestWeappVersion(ctx, appid, openStates...)
	if errors.Is(err, dao.ErrNotFound) {
		return nil // submitted outside the service: nothing stored to move
	}
	if err != nil {
		return err
	}
	_, err = s.move(ctx, open, change{to: model.WeappWithdrawn, source: model.SourceOperator, at: s.now(), detail: "撤回审核"})
	return err
}

// SpeedUpAudit asks WeChat to hurry an audit: auditID, or the audit in progress when 0 (the
// console never sends one; the original then sent auditid 0, which WeChat refuses).
func (s *Service) SpeedUpAudit(ctx context.Context, appid string, auditID int64) error {
	if _, err := s.managed(ctx, appid); err != nil {
		return err
	}
	if auditID == 0 {
		id, err := s.openAuditID(ctx, appid)
		if err != nil {
			return err
		}
		auditID = id
	}
	return wxErr("speed up audit", s.wx.SpeedUpAudit(ctx, appid, auditID))
}

// openAuditID is the id of the audit in progress: the stored one, else WeChat's newest.
func (s *Service) openAuditID(ctx context.Context, appid string) (int64, error) {
	open, err := s.store.LatestWeappVersion(ctx, appid, openStates...)
	if err == nil {
		return auditID(open), nil
	}
	if !errors.Is(err, dao.ErrNotFound) {
		return 0, err
	}
	st, found, err := s.wx.GetLatestAuditStatus(ctx, appid)
	if err != nil {
		return 0, wxErr("get latest audit status", err)
	}
	if !found || (st.Status != api.AuditAuditing && st.Status != api.AuditDelayed) {
		return 0, fmt.Errorf("speed up audit of %s: %w: no audit in progress", appid, ErrNoAudit)
	}
	return st.AuditID, nil
}

// AuditStatus asks WeChat about one audit (get_auditstatus) and records the answer.
func (s *Service) AuditStatus(ctx context.Context, appid string, auditID int64) (*AuditInfo, error) {
	if auditID <= 0 {
		return nil, fmt.Errorf("audit status: %w: auditId is required", ErrInvalid)
	}
	if _, err := s.managed(ctx, appid); err != nil {
		return nil, err
	}
	st, err := s.wx.GetAuditStatus(ctx, appid, auditID)
	if err != nil {
		return nil, wxErr("get audit status", err)
	}
	if _, err := s.applyAudit(ctx, appid, st, model.SourcePoll); err != nil {
		return nil, err
	}
	v, err := s.store.WeappVersionByAudit(ctx, appid, auditID)
	if err != nil {
		return nil, err
	}
	return auditInfoOf(v), nil
}

// QueryQuota reads the platform's monthly audit and speed-up quotas (through appid's token;
// the quota is shared by every authorizer).
func (s *Service) QueryQuota(ctx context.Context, appid string) (api.AuditQuota, error) {
	if _, err := s.managed(ctx, appid); err != nil {
		return api.AuditQuota{}, err
	}
	q, err := s.wx.QueryQuota(ctx, appid)
	return q, wxErr("query quota", err)
}
