package dao

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"wxcomponent/db/model"
)

// CreateCodeBatch stores a batch and its accounts in one transaction; b.ID is set afterwards.
func (s *Store) CreateCodeBatch(ctx context.Context, b *model.CodeBatch, accounts []model.CodeBatchAccount) error {
	return s.InTx(ctx, func(tx *Store) error {
		if err := tx.db.WithContext(ctx).Create(b).Error; err != nil {
			return fmt.Errorf("create code batch: %w", err)
		}
		for i := range accounts {
			accounts[i].BatchID = b.ID
		}
		if len(accounts) == 0 {
			return nil
		}
		if err := tx.db.WithContext(ctx).CreateInBatches(accounts, 200).Error; err != nil {
			return fmt.Errorf("create accounts of code batch %d: %w", b.ID, err)
		}
		return nil
	})
}

// GetCodeBatch loads one batch; ErrNotFound when absent.
func (s *Store) GetCodeBatch(ctx context.Context, id int64) (*model.CodeBatch, error) {
	var b model.CodeBatch
	if err := s.db.WithContext(ctx).Where("id = ?", id).Take(&b).Error; err != nil {
		return nil, fmt.Errorf("get code batch %d: %w", id, notFound(err))
	}
	return &b, nil
}

// ListCodeBatches returns batches newest first.
func (s *Store) ListCodeBatches(ctx context.Context, offset, limit int) ([]model.CodeBatch, error) {
	var rows []model.CodeBatch
	q := s.db.WithContext(ctx).Order("id DESC").Offset(offset)
	if limit > 0 {
		q = q.Limit(limit)
	}
	if err := q.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list code batches: %w", err)
	}
	return rows, nil
}

// ListClaimableCodeBatches returns the running batches whose lease is free or expired at now.
func (s *Store) ListClaimableCodeBatches(ctx context.Context, now time.Time) ([]int64, error) {
	var ids []int64
	err := s.db.WithContext(ctx).Model(&model.CodeBatch{}).
		Where("status = ? AND (lease_until IS NULL OR lease_until < ?)", model.CodeBatchRunning, now.UTC()).
		Order("id").Pluck("id", &ids).Error
	if err != nil {
		return nil, fmt.Errorf("list claimable code batches: %w", err)
	}
	return ids, nil
}

// ClaimCodeBatch takes or renews the lease of a running batch for owner until until. It
// succeeds when the lease is free, expired at now, or already owner's; one guarded UPDATE, so
// two instances cannot both win.
func (s *Store) ClaimCodeBatch(ctx context.Context, id int64, owner string, now, until time.Time) (bool, error) {
	db := s.db.WithContext(ctx)
	res := db.Model(&model.CodeBatch{}).
		Where("id = ? AND status = ? AND (owner = ? OR lease_until IS NULL OR lease_until < ?)",
			id, model.CodeBatchRunning, owner, now.UTC()).
		Updates(map[string]any{"owner": owner, "lease_until": until.UTC()})
	if res.Error != nil {
		return false, fmt.Errorf("claim code batch %d: %w", id, res.Error)
	}
	if res.RowsAffected == 1 {
		return true, nil
	}
	// MySQL counts changed rows: a renewal writing the same expiry reports 0 for a lease we hold.
	var n int64
	err := db.Model(&model.CodeBatch{}).Where("id = ? AND status = ? AND owner = ? AND lease_until >= ?",
		id, model.CodeBatchRunning, owner, until.UTC()).Count(&n).Error
	if err != nil {
		return false, fmt.Errorf("claim code batch %d: %w", id, err)
	}
	return n == 1, nil
}

// ReleaseCodeBatch gives up owner's lease so another instance may take the batch at once.
func (s *Store) ReleaseCodeBatch(ctx context.Context, id int64, owner string) error {
	err := s.db.WithContext(ctx).Model(&model.CodeBatch{}).Where("id = ? AND owner = ?", id, owner).
		Updates(map[string]any{"owner": "", "lease_until": nil}).Error
	if err != nil {
		return fmt.Errorf("release code batch %d: %w", id, err)
	}
	return nil
}

// CodeBatchFence identifies the lease an engine write depends on: the write happens only while
// Owner holds the lease of Batch (not expired at Now) and the batch is running. A paused,
// cancelled or taken-over batch refuses it.
type CodeBatchFence struct {
	Batch int64
	Owner string
	Now   time.Time
}

// apply restricts q to the moments when f's batch is still held: the check and the write are
// one statement, so a lease taken over in between cannot slip through.
func (f CodeBatchFence) apply(q *gorm.DB) *gorm.DB {
	return q.Where("EXISTS (SELECT 1 FROM code_batch fb WHERE fb.id = ? AND fb.owner = ? AND fb.lease_until >= ? AND fb.status = ?)",
		f.Batch, f.Owner, f.Now.UTC(), model.CodeBatchRunning)
}

// UpdateCodeBatchFenced sets columns of the batch while f holds; false when the fence failed.
func (s *Store) UpdateCodeBatchFenced(ctx context.Context, f CodeBatchFence, values map[string]any) (bool, error) {
	values["updated_at"] = f.Now.UTC()
	// The subquery names the same table: MySQL refuses that in an UPDATE, so test the columns.
	res := s.db.WithContext(ctx).Model(&model.CodeBatch{}).
		Where("id = ? AND owner = ? AND lease_until >= ? AND status = ?", f.Batch, f.Owner, f.Now.UTC(), model.CodeBatchRunning).
		Updates(values)
	if res.Error != nil {
		return false, fmt.Errorf("update code batch %d: %w", f.Batch, res.Error)
	}
	return res.RowsAffected == 1, nil
}

// SetCodeBatchStatus moves a batch from one of from to status (an operator's pause, resume,
// cancel) with extra columns; false when it was in none of from.
func (s *Store) SetCodeBatchStatus(ctx context.Context, id int64, from []string, status string, values map[string]any) (bool, error) {
	if values == nil {
		values = map[string]any{}
	}
	values["status"], values["updated_at"] = status, s.Now()
	res := s.db.WithContext(ctx).Model(&model.CodeBatch{}).Where("id = ? AND status IN ?", id, from).Updates(values)
	if res.Error != nil {
		return false, fmt.Errorf("set code batch %d %s: %w", id, status, res.Error)
	}
	return res.RowsAffected == 1, nil
}
