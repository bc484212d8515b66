package dao

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"wxcomponent/db/model"
)

// DeliveryClaim asks for up to Limit due deliveries: running ones whose lease expired (their
// instance died mid-delivery), then pending ones whose time has come, oldest first.
type DeliveryClaim struct {
	Owner      string // unique per claim; the outcomes are fenced on it
	Limit      int
	Now        time.Time
	LeaseUntil time.Time
}

// The claim walks these indexes in order. MariaDB left to itself picks (status, locked_until)
// for the pending rows and filesorts every due row on each claim (EXPLAIN: 5,000 rows read for
// a batch of 16); on (status, next_at, id) the scan stops after Limit rows.
const (
	idxDue     = "idx_wx_forward_delivery_status_next"
	idxExpired = "idx_wx_forward_delivery_status_locked"
)

// ClaimDeliveries marks a batch of due deliveries as running under c.Owner and returns them in
// due order. Each statement claims rows and re-checks their state under the row lock, so two
// instances never hold one row: on MySQL the rows are claimed by UPDATE … ORDER BY … LIMIT in
// one READ COMMITTED transaction (no gap locks that would hold up the ingest writer's inserts;
// a concurrent claim waits for the head rows, then skips them), on SQLite, with its single
// writer, by UPDATE … RETURNING.
func (s *Store) ClaimDeliveries(ctx context.Context, c DeliveryClaim) ([]model.ForwardDelivery, error) {
	if c.Limit <= 0 {
		return nil, nil
	}
	// Whole seconds, so the lease reads back equal from any column precision (MySQL reads the
	// claimed rows back by it).
	c.LeaseUntil = c.LeaseUntil.Truncate(time.Second)
	var rows []model.ForwardDelivery
	err := retryTransient(func() error {
		var err error
		if s.dialect == "mysql" {
			rows, err = s.claimMySQL(ctx, c)
		} else {
			rows, err = s.claimSQLite(ctx, c)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("claim deliveries: %w", err)
	}
	slices.SortFunc(rows, func(a, b model.ForwardDelivery) int {
		return cmp.Or(a.NextAt.Compare(b.NextAt), cmp.Compare(a.ID, b.ID))
	})
	return rows, nil
}

// claimSet is the SET clause of a claim and its arguments.
func claimSet(c DeliveryClaim) (string, []any) {
	return "status = ?, locked_by = ?, locked_until = ?, attempts = attempts + 1, updated_at = ?",
		[]any{model.DeliveryRunning, c.Owner, c.LeaseUntil, c.Now}
}

func (s *Store) claimMySQL(ctx context.Context, c DeliveryClaim) ([]model.ForwardDelivery, error) {
	var rows []model.ForwardDelivery
	table := model.ForwardDelivery{}.TableName()
	set, setArgs := claimSet(c)
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		taken, err := claimExpiredMySQL(tx, c, set, setArgs)
		if err != nil {
			return err
		}
		if left := c.Limit - int(taken); left > 0 {
			err := tx.Exec("UPDATE "+table+" FORCE INDEX ("+idxDue+") SET "+set+
				" WHERE status = ? AND next_at <= ? ORDER BY next_at, id LIMIT ?",
				append(setArgs, model.DeliveryPending, c.Now, left)...).Error
			if err != nil {
				return err
			}
		}
		// By the claim's exact lease the index finds just its rows, not every running one.
		return tx.Where("status = ? AND locked_until = ? AND locked_by = ?", model.DeliveryRunning, c.LeaseUntil, c.Owner).Find(&rows).Error
	}, &sql.TxOptions{Isolation: sql.LevelReadCommitted})
	return rows, err
}

// claimExpiredMySQL takes over running rows whose lease expired. It finds them with a plain
// (non-locking) read, then claims them by primary key, re-checking the expiry under the row
// lock. An UPDATE scanning (status, locked_until) instead locked rows in index order, against
// the finisher's primary-key order, and the two deadlocked under load (bench/crash with a
// failing target): the outcomes then waited a whole lease and were delivered twice.
func claimExpiredMySQL(tx *gorm.DB, c DeliveryClaim, set string, setArgs []any) (int64, error) {
	table := model.ForwardDelivery{}.TableName()
	var ids []uint64
	err := tx.Raw("SELECT id FROM "+table+" FORCE INDEX ("+idxExpired+") WHERE status = ? AND locked_until < ? LIMIT ?",
		model.DeliveryRunning, c.Now, c.Limit).Scan(&ids).Error
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	res := tx.Exec("UPDATE "+table+" SET "+set+" WHERE id IN ? AND status = ? AND locked_until < ?",
		append(setArgs, ids, model.DeliveryRunning, c.Now)...)
	return res.RowsAffected, res.Error
}

func (s *Store) claimSQLite(ctx context.Context, c DeliveryClaim) ([]model.ForwardDelivery, error) {
	table := model.ForwardDelivery{}.TableName()
	set, setArgs := claimSet(c)
	db := s.db.WithContext(ctx)
	var expired, due []model.ForwardDelivery
	err := db.Raw("UPDATE "+table+" SET "+set+" WHERE id IN (SELECT id FROM "+table+
		" WHERE status = ? AND locked_until < ? LIMIT ?) RETURNING *",
		append(setArgs, model.DeliveryRunning, c.Now, c.Limit)...).Scan(&expired).Error
	if err != nil {
		return nil, err
	}
	if left := c.Limit - len(expired); left > 0 {
		err = db.Raw("UPDATE "+table+" SET "+set+" WHERE id IN (SELECT id FROM "+table+
			" WHERE status = ? AND next_at <= ? ORDER BY next_at, id LIMIT ?) RETURNING *",
			append(setArgs, model.DeliveryPending, c.Now, left)...).Scan(&due).Error
	}
	return append(expired, due...), err
}

// DeliveryOutcome is how one attempt ended.
type DeliveryOutcome struct {
	ID         uint64
	Owner      string
	Status     string    // DeliveryDelivered, DeliveryPending (retry at NextAt) or DeliveryDead
	NextAt     time.Time // for a retry
	LastStatus int
	LatencyMs  int64
	Error      string
	Now        time.Time
	RuleID     uint // for the log
	// Release hands back a claimed row that was never sent (shutdown, or too little lease
	// left to finish an attempt): pending again, due at once, the claim's attempt uncounted.
	Release bool
}

// FinishDelivery records an attempt's outcome while o.Owner still holds the row; it reports
// false (and changes nothing) when the claim was lost.
func (s *Store) FinishDelivery(ctx context.Context, o DeliveryOutcome) (bool, error) {
	var n int64
	err := retryTransient(func() error {
		var err error
		n, err = finishOne(s.db.WithContext(ctx), o)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("finish delivery %d as %s: %w", o.ID, o.Status, err)
	}
	return n == 1, nil
}

// FinishDeliveries records many outcomes in one transaction (one commit): the delivered rows
// of each claim in one UPDATE fenced on its owner token, the others one by one. It returns how
// many rows were still held by their claims; the others changed nothing.
func (s *Store) FinishDeliveries(ctx context.Context, outs []DeliveryOutcome) (int64, error) {
	if len(outs) == 0 {
		return 0, nil
	}
	delivered := map[string][]DeliveryOutcome{}
	var owners []string
	var others []DeliveryOutcome
	for _, o := range outs {
		if o.Status != model.DeliveryDelivered || o.Release {
			others = append(others, o)
			continue
		}
		if delivered[o.Owner] == nil {
			owners = append(owners, o.Owner)
		}
		delivered[o.Owner] = append(delivered[o.Owner], o)
	}
	var done int64
	err := retryTransient(func() error {
		done = 0
		return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
			if err := s.lockDeliveries(tx, outs); err != nil {
				return err
			}
			for _, owner := range owners {
				n, err := finishDelivered(tx, owner, delivered[owner])
				if err != nil {
					return err
				}
				done += n
			}
			for _, o := range others {
				n, err := finishOne(tx, o)
				if err != nil {
					return err
				}
				done += n
			}
			return nil
		})
	})
	if err != nil {
		return 0, fmt.Errorf("finish %d deliveries: %w", len(outs), err)
	}
	return done, nil
}

// lockDeliveries locks the rows of outs in primary-key order before a finish updates them in
// its own order (per claim, then one by one), so a finish and a claim, which also locks by
// primary key in order, never wait for each other in a cycle. SQLite has one writer anyway.
func (s *Store) lockDeliveries(tx *gorm.DB, outs []DeliveryOutcome) error {
	if s.dialect != "mysql" {
		return nil
	}
	ids := make([]uint64, len(outs))
	for i, o := range outs {
		ids[i] = o.ID
	}
	var locked []uint64
	return tx.Raw("SELECT id FROM "+model.ForwardDelivery{}.TableName()+" WHERE id IN ? ORDER BY id FOR UPDATE", ids).Scan(&locked).Error
}

// finishDelivered marks the delivered rows of one claim in one statement, each with its own
// HTTP status and latency. Only a running row carries an owner token (every finish clears it),
// so "locked_by = owner" alone fences, and the primary key finds the rows.
func finishDelivered(tx *gorm.DB, owner string, outs []DeliveryOutcome) (int64, error) {
	ids := make([]uint64, len(outs))
	var status, latency strings.Builder
	var statusArgs, latencyArgs []any
	status.WriteString("CASE id")
	latency.WriteString("CASE id")
	now := outs[0].Now
	for i, o := range outs {
		ids[i] = o.ID
		status.WriteString(" WHEN ? THEN ?")
		latency.WriteString(" WHEN ? THEN ?")
		statusArgs = append(statusArgs, o.ID, o.LastStatus)
		latencyArgs = append(latencyArgs, o.ID, o.LatencyMs)
		if o.Now.After(now) {
			now = o.Now
		}
	}
	status.WriteString(" END")
	latency.WriteString(" END")
	res := tx.Model(&model.ForwardDelivery{}).Where("id IN ? AND locked_by = ?", ids, owner).Updates(map[string]any{
		"status": model.DeliveryDelivered, "locked_by": "", "locked_until": nil, "last_error": "",
		"last_status": gorm.Expr(status.String(), statusArgs...), "latency_ms": gorm.Expr(latency.String(), latencyArgs...),
		"updated_at": now, "delivered_at": now,
	})
	return res.RowsAffected, res.Error
}

// finishOne records one outcome, fenced on its owner token.
func finishOne(db *gorm.DB, o DeliveryOutcome) (int64, error) {
	updates := map[string]any{"status": o.Status, "locked_by": "", "locked_until": nil, "updated_at": o.Now}
	switch {
	case o.Release:
		updates["status"], updates["attempts"] = model.DeliveryPending, gorm.Expr("attempts - 1")
	case o.Status == model.DeliveryPending:
		updates["next_at"] = o.NextAt
	case o.Status == model.DeliveryDelivered:
		updates["delivered_at"] = o.Now
	}
	if !o.Release {
		updates["last_status"], updates["latency_ms"], updates["last_error"] = o.LastStatus, o.LatencyMs, o.Error
	}
	res := db.Model(&model.ForwardDelivery{}).Where("id = ? AND locked_by = ?", o.ID, o.Owner).Updates(updates)
	return res.RowsAffected, res.Error
}
