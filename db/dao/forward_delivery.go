package dao

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm/clause"

	"wxcomponent/db/model"
)

// InsertDeliveries adds outbox rows, inside the record transaction when s is bound to one; a
// row whose (rule, source, record) exists is skipped. It returns how many were added.
func (s *Store) InsertDeliveries(ctx context.Context, rows []model.ForwardDelivery) (int64, error) {
	if len(rows) == 0 {
		return 0, nil
	}
	res := s.db.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&rows)
	if res.Error != nil {
		return 0, fmt.Errorf("insert %d deliveries: %w", len(rows), res.Error)
	}
	return res.RowsAffected, nil
}

// ClaimDeliveryOf claims the pending delivery of one push to one rule whenever it is due: the
// synchronous path takes the row its own push just created. It returns ErrNotFound when the row
// is not pending (another instance or the worker has it, or it is done).
func (s *Store) ClaimDeliveryOf(ctx context.Context, ruleID uint, source string, recordID uint, c DeliveryClaim) (*model.ForwardDelivery, error) {
	db := s.db.WithContext(ctx)
	var n int64
	err := retryTransient(func() error {
		set, args := claimSet(c)
		res := db.Exec("UPDATE "+model.ForwardDelivery{}.TableName()+" SET "+set+
			" WHERE rule_id = ? AND source = ? AND record_id = ? AND status = ?",
			append(args, ruleID, source, recordID, model.DeliveryPending)...)
		n = res.RowsAffected
		return res.Error
	})
	if err != nil {
		return nil, fmt.Errorf("claim delivery of %s record %d: %w", source, recordID, err)
	}
	if n == 0 {
		return nil, ErrNotFound
	}
	var row model.ForwardDelivery
	err = db.Where("rule_id = ? AND source = ? AND record_id = ? AND locked_by = ?", ruleID, source, recordID, c.Owner).Take(&row).Error
	if err != nil {
		return nil, fmt.Errorf("read claimed delivery: %w", notFound(err))
	}
	return &row, nil
}

// Replay selects dead deliveries to try again: one (ID) or all of a rule (RuleID).
type Replay struct {
	ID     uint64
	RuleID uint
}

// ReplayDeliveries puts the selected dead deliveries back in the outbox, due now, with their
// attempts reset; it returns how many.
func (s *Store) ReplayDeliveries(ctx context.Context, r Replay, now time.Time) (int64, error) {
	db := s.db.WithContext(ctx).Model(&model.ForwardDelivery{}).Where("status = ?", model.DeliveryDead)
	if r.ID != 0 {
		db = db.Where("id = ?", r.ID)
	} else {
		db = db.Where("rule_id = ?", r.RuleID)
	}
	res := db.Updates(map[string]any{"status": model.DeliveryPending, "attempts": 0, "next_at": now, "updated_at": now})
	if res.Error != nil {
		return 0, fmt.Errorf("replay deliveries: %w", res.Error)
	}
	return res.RowsAffected, nil
}

// DeliveryQuery is one page of the delivery log, newest first: of one rule (0: all), in some
// statuses (none: all), with ids below BeforeID (0: from the newest).
type DeliveryQuery struct {
	RuleID   uint
	Statuses []string
	BeforeID uint64
	Limit    int
}

// ListDeliveries returns one page of deliveries (keyset paging on id).
func (s *Store) ListDeliveries(ctx context.Context, q DeliveryQuery) ([]model.ForwardDelivery, error) {
	db := s.db.WithContext(ctx).Order("id DESC").Limit(q.Limit)
	if q.RuleID != 0 {
		db = db.Where("rule_id = ?", q.RuleID)
	}
	if len(q.Statuses) > 0 {
		db = db.Where("status IN ?", q.Statuses)
	}
	if q.BeforeID != 0 {
		db = db.Where("id < ?", q.BeforeID)
	}
	var rows []model.ForwardDelivery
	if err := db.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list deliveries: %w", err)
	}
	return rows, nil
}

// GetDelivery loads one delivery; ErrNotFound when it does not exist.
func (s *Store) GetDelivery(ctx context.Context, id uint64) (*model.ForwardDelivery, error) {
	var d model.ForwardDelivery
	if err := s.db.WithContext(ctx).Take(&d, id).Error; err != nil {
		return nil, fmt.Errorf("get delivery %d: %w", id, notFound(err))
	}
	return &d, nil
}

// DeliveryCounts are a rule's deliveries per status, and its latest one.
type DeliveryCounts struct {
	ByStatus map[string]int64
	Latest   *model.ForwardDelivery
}

// CountDeliveries returns the counts of each of the rules (a page of the rule list).
func (s *Store) CountDeliveries(ctx context.Context, ruleIDs []uint) (map[uint]*DeliveryCounts, error) {
	out := make(map[uint]*DeliveryCounts, len(ruleIDs))
	if len(ruleIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		RuleID uint
		Status string
		N      int64
	}
	err := s.db.WithContext(ctx).Model(&model.ForwardDelivery{}).Select("rule_id, status, COUNT(*) AS n").
		Where("rule_id IN ?", ruleIDs).Group("rule_id, status").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("count deliveries: %w", err)
	}
	for _, id := range ruleIDs {
		out[id] = &DeliveryCounts{ByStatus: map[string]int64{}}
	}
	for _, r := range rows {
		out[r.RuleID].ByStatus[r.Status] = r.N
	}
	// The newest delivery of every rule of the page in one query, not one per rule.
	var latest []model.ForwardDelivery
	newest := s.db.WithContext(ctx).Model(&model.ForwardDelivery{}).Select("MAX(id)").Where("rule_id IN ?", ruleIDs).Group("rule_id")
	if err := s.db.WithContext(ctx).Where("id IN (?)", newest).Find(&latest).Error; err != nil {
		return nil, fmt.Errorf("latest deliveries: %w", err)
	}
	for i := range latest {
		out[latest[i].RuleID].Latest = &latest[i]
	}
	return out, nil
}

// PruneDeliveries deletes delivered rows older than before, at most limit of them; dead and
// pending ones stay until they are delivered or their rule is deleted.
func (s *Store) PruneDeliveries(ctx context.Context, before time.Time, limit int) (int64, error) {
	db := s.db.WithContext(ctx)
	var ids []uint64
	err := db.Model(&model.ForwardDelivery{}).Where("status = ? AND delivered_at < ?", model.DeliveryDelivered, before).
		Order("id").Limit(limit).Pluck("id", &ids).Error
	if err != nil || len(ids) == 0 {
		return 0, wrapErr("find old deliveries", err)
	}
	res := db.Where("id IN ?", ids).Delete(&model.ForwardDelivery{})
	return res.RowsAffected, wrapErr("prune deliveries", res.Error)
}
