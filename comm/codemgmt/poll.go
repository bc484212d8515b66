package codemgmt

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.uber.org/zap"

	"wxcomponent/db/model"
)

// PollReport is what one polling round did.
type PollReport struct {
	Checked int `json:"checked"` // audits asked about
	Changed int `json:"changed"` // audits whose state moved
	Failed  int `json:"failed"`  // questions WeChat did not answer
}

// DefaultPollBatch bounds the audits one polling round asks about.
const DefaultPollBatch = 50

// PollStuck is the fallback for lost pushes: it asks get_auditstatus about audits that have
// been in progress (auditing or delayed) with no news for longer than olderThan, at most limit
// of them (DefaultPollBatch when ≤ 0), and records what WeChat says. Each audit is asked about
// at most once per olderThan, so a worker may call this as often as it likes. A failure for one
// audit does not stop the round; the error returned joins the failures.
func (s *Service) PollStuck(ctx context.Context, olderThan time.Duration, limit int) (PollReport, error) {
	if olderThan <= 0 {
		return PollReport{}, fmt.Errorf("poll audits: %w: olderThan must be positive", ErrInvalid)
	}
	if limit <= 0 {
		limit = DefaultPollBatch
	}
	rows, err := s.store.ListStuckWeappVersions(ctx, openStates, s.now().Add(-olderThan), limit)
	if err != nil {
		return PollReport{}, err
	}
	var rep PollReport
	var first error
	for i := range rows {
		changed, err := s.pollOne(ctx, &rows[i])
		rep.Checked++
		if changed {
			rep.Changed++
		}
		if err != nil {
			rep.Failed++
			first = errors.Join(first, err)
			if ctx.Err() != nil {
				break
			}
		}
	}
	return rep, first
}

// pollOne asks about one audit and records the answer; the check time moves on either way,
// so an audit WeChat cannot answer about does not hold up the others.
func (s *Service) pollOne(ctx context.Context, v *model.WeappVersion) (bool, error) {
	st, err := s.wx.GetAuditStatus(ctx, v.AppID, auditID(v))
	if err != nil {
		s.log.Warn("poll audit", zap.String("appid", v.AppID), zap.Int64("auditid", auditID(v)), zap.Error(err))
		if terr := s.store.TouchWeappVersionChecked(ctx, v.ID); terr != nil {
			return false, terr
		}
		return false, wxErr("poll audit", err)
	}
	changed, err := s.applyAudit(ctx, v.AppID, st, model.SourcePoll)
	if err == nil && !changed {
		err = s.store.TouchWeappVersionChecked(ctx, v.ID)
	}
	return changed, err
}
