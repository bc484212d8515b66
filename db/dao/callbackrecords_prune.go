package dao

import (
	"context"
	"fmt"
	"time"
)

// Push tables the retention applies to, in the order they are pruned.
const (
	ComponentRecords = "wxcallback_component"
	BizRecords       = "wxcallback_biz"
)

// ReceivedWindow selects pushes with From ≤ receivetime < Before; a zero From has no lower
// bound. Both bounds keep the predicate a range on the receivetime index.
type ReceivedWindow struct{ From, Before time.Time }

// where renders the window as a predicate and its arguments.
func (w ReceivedWindow) where() (string, []any) {
	if w.From.IsZero() {
		return "receivetime < ?", []any{w.Before}
	}
	return "receivetime >= ? AND receivetime < ?", []any{w.From, w.Before}
}

// pushTable checks that table is one of the two push tables (it is spliced into SQL).
func pushTable(table string) error {
	if table != ComponentRecords && table != BizRecords {
		return fmt.Errorf("not a push table: %q", table)
	}
	return nil
}

// PruneRecords deletes up to limit pushes of table (ComponentRecords or BizRecords) received
// inside w, oldest first, and returns how many went.
func (s *Store) PruneRecords(ctx context.Context, table string, w ReceivedWindow, limit int) (int64, error) {
	pred, args := w.where()
	return s.deleteOldest(ctx, table, pred, "receivetime", args, limit)
}

// CountRecords counts the pushes of table received inside w, stopping at upTo so that a huge
// backlog costs a bounded index range scan; a result of upTo means "at least upTo".
func (s *Store) CountRecords(ctx context.Context, table string, w ReceivedWindow, upTo int64) (int64, error) {
	pred, args := w.where()
	return s.countUpTo(ctx, table, pred, args, upTo)
}

// RecordsCutoffID is the id of the newest push of table beyond its newest keep rows: pushes
// with that id or a lower one exceed the cap. 0 means the table holds no more than keep rows.
// The primary key walk costs keep index entries, not a count of the whole table.
func (s *Store) RecordsCutoffID(ctx context.Context, table string, keep int64) (int64, error) {
	if err := pushTable(table); err != nil {
		return 0, err
	}
	var ids []int64
	sql := "SELECT id FROM " + table + " ORDER BY id DESC LIMIT 1 OFFSET ?"
	if err := s.db.WithContext(ctx).Raw(sql, keep).Scan(&ids).Error; err != nil {
		return 0, fmt.Errorf("find the cap's cut-off in %s: %w", table, err)
	}
	if len(ids) == 0 {
		return 0, nil
	}
	return ids[0], nil
}

// PruneRecordsUpToID deletes up to limit pushes of table with an id of at most maxID, oldest
// first, and returns how many went; ordering by the primary key keeps each chunk a short
// range scan.
func (s *Store) PruneRecordsUpToID(ctx context.Context, table string, maxID int64, limit int) (int64, error) {
	return s.deleteOldest(ctx, table, "id <= ?", "id", []any{maxID}, limit)
}

// CountRecordsUpToID counts the pushes of table with an id of at most maxID, stopping at upTo
// like CountRecords.
func (s *Store) CountRecordsUpToID(ctx context.Context, table string, maxID, upTo int64) (int64, error) {
	return s.countUpTo(ctx, table, "id <= ?", []any{maxID}, upTo)
}

// deleteOldest deletes up to limit rows of push table matching pred, in orderBy order, and
// returns how many went. Chunks keep every lock short; SQLite (as built here) has no DELETE …
// LIMIT and MySQL cannot LIMIT a subquery on the same table, hence two forms.
func (s *Store) deleteOldest(ctx context.Context, table, pred, orderBy string, args []any, limit int) (int64, error) {
	if err := pushTable(table); err != nil {
		return 0, err
	}
	sql := "DELETE FROM " + table + " WHERE " + pred + " ORDER BY " + orderBy + " LIMIT ?"
	if s.dialect != "mysql" {
		sql = "DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table + " WHERE " + pred + " ORDER BY " + orderBy + " LIMIT ?)"
	}
	res := s.db.WithContext(ctx).Exec(sql, append(args, limit)...)
	if res.Error != nil {
		return 0, fmt.Errorf("prune %s: %w", table, res.Error)
	}
	return res.RowsAffected, nil
}

// countUpTo counts the rows of push table matching pred (every row when pred is empty),
// stopping at upTo: a bounded index scan however large the table.
func (s *Store) countUpTo(ctx context.Context, table, pred string, args []any, upTo int64) (int64, error) {
	if err := pushTable(table); err != nil {
		return 0, err
	}
	where := ""
	if pred != "" {
		where = " WHERE " + pred
	}
	var n int64
	sql := "SELECT COUNT(*) FROM (SELECT 1 FROM " + table + where + " LIMIT ?) AS r"
	if err := s.db.WithContext(ctx).Raw(sql, append(args, upTo)...).Scan(&n).Error; err != nil {
		return 0, fmt.Errorf("count %s: %w", table, err)
	}
	return n, nil
}
