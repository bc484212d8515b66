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
