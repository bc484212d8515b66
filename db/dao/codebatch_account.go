package dao

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"wxcomponent/db/model"
)

// ListCodeBatchAccounts returns the accounts of a batch in their order.
func (s *Store) ListCodeBatchAccounts(ctx context.Context, batchID int64) ([]model.CodeBatchAccount, error) {
	var rows []model.CodeBatchAccount
	if err := s.db.WithContext(ctx).Where("batch_id = ?", batchID).Order("seq").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list accounts of code batch %d: %w", batchID, err)
	}
	return rows, nil
}

// GetCodeBatchAccount loads one account of a batch; ErrNotFound when absent.
func (s *Store) GetCodeBatchAccount(ctx context.Context, id int64) (*model.CodeBatchAccount, error) {
	var a model.CodeBatchAccount
	if err := s.db.WithContext(ctx).Where("id = ?", id).Take(&a).Error; err != nil {
		return nil, fmt.Errorf("get code batch account %d: %w", id, notFound(err))
	}
	return &a, nil
}

// UpdateCodeBatchAccountFenced sets columns of one account while f holds its batch's lease;
// false when the fence failed (lease lost, batch paused or cancelled) and nothing was written.
func (s *Store) UpdateCodeBatchAccountFenced(ctx context.Context, f CodeBatchFence, id int64, values map[string]any) (bool, error) {
	values["updated_at"] = f.Now.UTC()
	values["version"] = gorm.Expr("version + 1") // every write changes the row, so MySQL counts it
	q := s.db.WithContext(ctx).Model(&model.CodeBatchAccount{}).Where("id = ? AND batch_id = ?", id, f.Batch)
	res := f.apply(q).Updates(values)
	if res.Error != nil {
		return false, fmt.Errorf("update code batch account %d: %w", id, res.Error)
	}
	return res.RowsAffected == 1, nil
}

// CodeAccountSelect picks accounts of a batch for an operator's bulk change.
type CodeAccountSelect struct {
	BatchID int64
	States  []string // required: only accounts in these states change
	AppIDs  []string // empty means every appid
}

// UpdateCodeBatchAccounts sets columns of the selected accounts (operator actions: retry, cancel,
// release) and returns how many changed.
func (s *Store) UpdateCodeBatchAccounts(ctx context.Context, sel CodeAccountSelect, values map[string]any) (int64, error) {
	values["updated_at"] = s.Now()
	values["version"] = gorm.Expr("version + 1")
	q := s.db.WithContext(ctx).Model(&model.CodeBatchAccount{}).Where("batch_id = ? AND state IN ?", sel.BatchID, sel.States)
	if len(sel.AppIDs) > 0 {
		q = q.Where("appid IN ?", sel.AppIDs)
	}
	res := q.Updates(values)
	if res.Error != nil {
		return 0, fmt.Errorf("update accounts of code batch %d: %w", sel.BatchID, res.Error)
	}
	return res.RowsAffected, nil
}

// DueCodeBatchAudits makes the audits of appid in running batches due at now (an audit push
// arrived: look at WeChat now instead of at the next poll) and returns how many there were.
func (s *Store) DueCodeBatchAudits(ctx context.Context, appid string, now time.Time) (int64, error) {
	running := s.db.Model(&model.CodeBatch{}).Select("id").Where("status = ?", model.CodeBatchRunning)
	res := s.db.WithContext(ctx).Model(&model.CodeBatchAccount{}).
		Where("appid = ? AND state = ? AND batch_id IN (?)", appid, model.CodeAccountAuditing, running).
		Updates(map[string]any{"next_at": now.UTC(), "version": gorm.Expr("version + 1")})
	if res.Error != nil {
		return 0, fmt.Errorf("audits of %s due: %w", appid, res.Error)
	}
	return res.RowsAffected, nil
}

// Column refers to another column of the same row in an update's values (e.g. copy audit_id to
// prev_audit_id), so callers outside db/ need not build GORM expressions.
func Column(name string) any { return gorm.Expr("`" + name + "`") }
