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
// inside w, oldest first, and returns how many went. Chunks keep every lock short; SQLite (as
// built here) has no DELETE … LIMIT and MySQL cannot LIMIT a subquery on the same table, hence
// two forms.
func (s *Store) PruneRecords(ctx context.Context, table string, w ReceivedWindow, limit int) (int64, error) {
	if err := pushTable(table); err != nil {
		return 0, err
	}
	pred, args := w.where()
	sql := "DELETE FROM " + table + " WHERE " + pred + " ORDER BY receivetime LIMIT ?"
	if s.dialect != "mysql" {
		sql = "DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table + " WHERE " + pred + " ORDER BY receivetime LIMIT ?)"
	}
	res := s.db.WithContext(ctx).Exec(sql, append(args, limit)...)
	if res.Error != nil {
		return 0, fmt.Errorf("prune %s: %w", table, res.Error)
	}
	return res.RowsAffected, nil
}

// CountRecords counts the pushes of table received inside w, stopping at upTo so that a huge
// backlog costs a bounded index range scan; a result of upTo means "at least upTo".
func (s *Store) CountRecords(ctx context.Context, table string, w ReceivedWindow, upTo int64) (int64, error) {
	if err := pushTable(table); err != nil {
		return 0, err
	}
	pred, args := w.where()
	var n int64
	sql := "SELECT COUNT(*) FROM (SELECT 1 FROM " + table + " WHERE " + pred + " LIMIT ?) AS r"
	if err := s.db.WithContext(ctx).Raw(sql, append(args, upTo)...).Scan(&n).Error; err != nil {
		return 0, fmt.Errorf("count %s: %w", table, err)
	}
	return n, nil
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
// range scan (see PruneRecords for the two forms).
func (s *Store) PruneRecordsUpToID(ctx context.Context, table string, maxID int64, limit int) (int64, error) {
	if err := pushTable(table); err != nil {
		return 0, err
	}
	sql := "DELETE FROM " + table + " WHERE id <= ? ORDER BY id LIMIT ?"
	if s.dialect != "mysql" {
		sql = "DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table + " WHERE id <= ? ORDER BY id LIMIT ?)"
	}
	res := s.db.WithContext(ctx).Exec(sql, maxID, limit)
	if res.Error != nil {
		return 0, fmt.Errorf("prune %s beyond its cap: %w", table, res.Error)
	}
	return res.RowsAffected, nil
}

// CountRecordsUpToID counts the pushes of table with an id of at most maxID, stopping at upTo
// like CountRecords.
func (s *Store) CountRecordsUpToID(ctx context.Context, table string, maxID, upTo int64) (int64, error) {
	if err := pushTable(table); err != nil {
		return 0, err
	}
	var n int64
	sql := "SELECT COUNT(*) FROM (SELECT 1 FROM " + table + " WHERE id <= ? LIMIT ?) AS r"
	if err := s.db.WithContext(ctx).Raw(sql, maxID, upTo).Scan(&n).Error; err != nil {
		return 0, fmt.Errorf("count %s beyond its cap: %w", table, err)
	}
	return n, nil
}
