package dao

import (
	"context"
	"errors"
	"fmt"
	"time"

	"wxcomponent/db/model"
)

// ErrSyncRunning is returned by StartSyncJob while another job of the same kind runs.
var ErrSyncRunning = errors.New("a sync job of this kind is already running")

// SyncProgress is the counters a running job reports.
type SyncProgress struct {
	Total, Done, Failed int
}

// StartSyncJob records a new running job of kind. Jobs whose heartbeat is older than
// staleBefore are first marked failed (their instance died), so a crash never blocks
// synchronisation for good. ErrSyncRunning when a live job of the kind exists.
func (s *Store) StartSyncJob(ctx context.Context, kind string, staleBefore time.Time) (*model.SyncJob, error) {
	if err := s.abandonStaleSyncJobs(ctx, kind, staleBefore); err != nil {
		return nil, err
	}
	now := s.Now()
	running := kind
	job := &model.SyncJob{Kind: kind, Running: &running, Status: model.SyncRunning, Summary: "{}",
		StartedAt: now, UpdateTime: now}
	if err := s.db.WithContext(ctx).Create(job).Error; err != nil {
		if errors.Is(duplicate(err), ErrDuplicate) {
			return nil, fmt.Errorf("start %s sync: %w", kind, ErrSyncRunning)
		}
		return nil, fmt.Errorf("start %s sync: %w", kind, err)
	}
	return job, nil
}

// abandonStaleSyncJobs fails running jobs of kind that stopped beating.
func (s *Store) abandonStaleSyncJobs(ctx context.Context, kind string, staleBefore time.Time) error {
	now := s.Now()
	err := s.db.WithContext(ctx).Model(&model.SyncJob{}).
		Where("running = ? AND updatetime < ?", kind, staleBefore).
		Updates(map[string]any{"running": nil, "status": model.SyncFailed,
			"error": "abandoned: the instance running it stopped", "finishedat": now, "updatetime": now}).Error
	if err != nil {
		return fmt.Errorf("abandon stale %s syncs: %w", kind, err)
	}
	return nil
}

// UpdateSyncProgress stores the counters of a running job and beats its heartbeat.
func (s *Store) UpdateSyncProgress(ctx context.Context, id int64, p SyncProgress) error {
	err := s.db.WithContext(ctx).Model(&model.SyncJob{}).Where("id = ?", id).Updates(map[string]any{
		"total": p.Total, "done": p.Done, "failed": p.Failed, "updatetime": s.Now()}).Error
	if err != nil {
		return fmt.Errorf("update sync %d progress: %w", id, err)
	}
	return nil
}

// FinishSyncJob records the outcome of a job and frees its kind for the next one.
func (s *Store) FinishSyncJob(ctx context.Context, id int64, status string, p SyncProgress, summary, errText string) error {
	now := s.Now()
	err := s.db.WithContext(ctx).Model(&model.SyncJob{}).Where("id = ?", id).Updates(map[string]any{
		"running": nil, "status": status, "total": p.Total, "done": p.Done, "failed": p.Failed,
		"summary": summary, "error": truncateRunes(errText, 512), "finishedat": now, "updatetime": now}).Error
	if err != nil {
		return fmt.Errorf("finish sync %d: %w", id, err)
	}
	return nil
}

// LatestSyncJob returns the most recently started job of kind; ErrNotFound when none ran.
func (s *Store) LatestSyncJob(ctx context.Context, kind string) (*model.SyncJob, error) {
	var job model.SyncJob
	err := s.db.WithContext(ctx).Where("kind = ?", kind).Order("startedat DESC").Order("id DESC").Take(&job).Error
	if err != nil {
		return nil, fmt.Errorf("latest %s sync: %w", kind, notFound(err))
	}
	return &job, nil
}

// truncateRunes cuts s to at most n characters without splitting one.
func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}
