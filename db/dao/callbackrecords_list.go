package dao

import (
	"context"
	"fmt"
	"strings"
	"time"

	"wxcomponent/db/model"
)

// RecordTotalCap is how many matching rows a records list counts exactly. Beyond it the total is
// an estimate (RecordPage.TotalExact false): an exact COUNT(*) over a million rows costs more
// than everything else the page does.
const RecordTotalCap = 1_000

// RecordKey is a row's place in the lists' order, newest first: receivetime DESC, id DESC. The
// id breaks ties between pushes received in the same instant, so keyset pages never skip or
// repeat a row.
type RecordKey struct {
	ReceiveTime time.Time
	ID          uint
}

// RecordQuery is the filter and page shared by both record lists.
type RecordQuery struct {
	Start, End    time.Time // receivetime range, inclusive
	Offset, Limit int
	// After, when set, starts the page right after this row (keyset paging: cost independent of
	// depth); Offset then skips rows after it.
	After *RecordKey
	// TotalCap overrides RecordTotalCap (tests use a small one); 0 keeps it.
	TotalCap int
}

// ComponentRecordQuery filters component pushes; an empty InfoType matches all.
type ComponentRecordQuery struct {
	RecordQuery
	InfoType string
}

// BizRecordQuery filters message-and-event pushes; empty fields match all.
type BizRecordQuery struct {
	RecordQuery
	AppID, MsgType, Event string
}

// RecordPage is one page of a records list.
type RecordPage[T any] struct {
	Rows []T
	// Total counts every matching row (ignoring the page); exact when TotalExact, otherwise an
	// estimate because more than RecordTotalCap rows match.
	Total      int64
	TotalExact bool
	// Next is the key of the page's last row when more rows follow; nil on the last page.
	Next *RecordKey
}

// ListComponentRecords returns one page of component pushes, newest first, and the total.
func (s *Store) ListComponentRecords(ctx context.Context, q ComponentRecordQuery) (RecordPage[model.ComponentCallbackRecord], error) {
	f := newRecordFilter(ComponentRecords, q.RecordQuery, "idx_wxcallback_component_receivetime")
	if q.InfoType != "" {
		f.eq("infotype", q.InfoType, "idx_wxcallback_component_infotype_receivetime")
	}
	page, err := listRecords(ctx, s, f, q.RecordQuery, func(r model.ComponentCallbackRecord) RecordKey { return RecordKey{r.ReceiveTime, r.ID} })
	if err != nil {
		return page, fmt.Errorf("list component records: %w", err)
	}
	return page, nil
}

// ListBizRecords returns one page of message-and-event pushes, newest first, and the total.
func (s *Store) ListBizRecords(ctx context.Context, q BizRecordQuery) (RecordPage[model.BizCallbackRecord], error) {
	f := newRecordFilter(BizRecords, q.RecordQuery, "idx_wxcallback_biz_receivetime")
	// Added least selective first: the index of the last one added serves the query, so an
	// appid (1 of many accounts) wins over a message type.
	if q.Event != "" {
		f.eq("event", q.Event, "idx_wxcallback_biz_event_receivetime")
	}
	if q.MsgType != "" {
		ix := "idx_wxcallback_biz_msgtype_receivetime"
		if q.Event != "" {
			ix = "idx_wxcallback_biz_msgtype_event_receivetime"
		}
		f.eq("msgtype", q.MsgType, ix)
	}
	if q.AppID != "" {
		f.eq("appid", q.AppID, "idx_wxcallback_biz_appid_time_types")
	}
	page, err := listRecords(ctx, s, f, q.RecordQuery, func(r model.BizCallbackRecord) RecordKey { return RecordKey{r.ReceiveTime, r.ID} })
	if err != nil {
		return page, fmt.Errorf("list biz records: %w", err)
	}
	return page, nil
}

// recordFilter is the WHERE clause of a records list and the index that serves it in order.
type recordFilter struct {
	table, index string
	conds        []string
	args         []any
}

// newRecordFilter starts a filter on the receive-time range. Times are compared in UTC, as
// stored: SQLite compares them as text, which only orders correctly within one offset.
func newRecordFilter(table string, q RecordQuery, index string) *recordFilter {
	return &recordFilter{table: table, index: index,
		conds: []string{"receivetime BETWEEN ? AND ?"}, args: []any{q.Start.UTC(), q.End.UTC()}}
}

// eq adds "column = value", served by index (which leads with column and ends in receivetime).
func (f *recordFilter) eq(column, value, index string) {
	f.conds = append(f.conds, column+" = ?")
	f.args = append(f.args, value)
	f.index = index
}

// from names the table; on MySQL it pins the index, because the optimizer, misled by its row
// estimates, may otherwise pick an index that needs every matching row sorted before the first
// one is returned.
func (f *recordFilter) from(dialect string) string {
	if dialect == "mysql" {
		return f.table + " FORCE INDEX (" + f.index + ")"
	}
	return f.table
}

// where renders the conditions, plus the keyset bound when after is set.
func (f *recordFilter) where(after *RecordKey) (string, []any) {
	conds, args := f.conds, f.args
	if after != nil {
		// The redundant "receivetime <= ?" gives the index range its upper end; the OR then
		// drops the rows of that very instant that were already shown.
		t := after.ReceiveTime.UTC()
		conds = append(conds[:len(conds):len(conds)], "receivetime <= ?", "(receivetime < ? OR id < ?)")
		args = append(args[:len(args):len(args)], t, t, after.ID)
	}
	return strings.Join(conds, " AND "), args
}

const newestFirst = " ORDER BY receivetime DESC, id DESC"

// listRecords reads one page of T through f: first the page's ids from the index alone (a
// deferred join, so rows skipped by an offset are never read), then those rows.
func listRecords[T any](ctx context.Context, s *Store, f *recordFilter, q RecordQuery, key func(T) RecordKey) (RecordPage[T], error) {
	var page RecordPage[T]
	limit := q.TotalCap
	if limit <= 0 {
		limit = RecordTotalCap
	}
	total, exact, err := s.countRecords(ctx, f, int64(limit))
	if err != nil {
		return page, err
	}
	page.Total, page.TotalExact = total, exact
	where, args := f.where(q.After)
	var ids []uint
	sql := "SELECT id FROM " + f.from(s.dialect) + " WHERE " + where + newestFirst + " LIMIT ? OFFSET ?"
	if err := s.db.WithContext(ctx).Raw(sql, append(args, q.Limit+1, q.Offset)...).Scan(&ids).Error; err != nil {
		return page, fmt.Errorf("page ids: %w", err)
	}
	more := len(ids) > q.Limit
	if more {
		ids = ids[:q.Limit]
	}
	if len(ids) == 0 {
		return page, nil
	}
	var rows []T
	if err := s.db.WithContext(ctx).Table(f.table).Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return page, fmt.Errorf("page rows: %w", err)
	}
	page.Rows = inOrder(rows, ids, func(r T) uint { return key(r).ID })
	if more && len(page.Rows) > 0 {
		k := key(page.Rows[len(page.Rows)-1])
		page.Next = &k
	}
	return page, nil
}

// inOrder returns rows in the order of ids; an id whose row vanished in between (pruned) is left out.
func inOrder[T any](rows []T, ids []uint, id func(T) uint) []T {
	byID := make(map[uint]T, len(rows))
	for _, r := range rows {
		byID[id(r)] = r
	}
	out := make([]T, 0, len(ids))
	for _, i := range ids {
		if r, ok := byID[i]; ok {
			out = append(out, r)
		}
	}
	return out
}

// countRecords counts f's rows exactly up to limit, reading at most that many index entries;
// beyond, it estimates (see estimateTotal).
func (s *Store) countRecords(ctx context.Context, f *recordFilter, limit int64) (int64, bool, error) {
	where, args := f.where(nil)
	var sample struct{ N, Lo, Hi int64 }
	sql := "SELECT COUNT(*) AS n, COALESCE(MIN(id), 0) AS lo, COALESCE(MAX(id), 0) AS hi FROM (SELECT id FROM " +
		f.from(s.dialect) + " WHERE " + where + newestFirst + " LIMIT ?) AS r"
	if err := s.db.WithContext(ctx).Raw(sql, append(args, limit+1)...).Scan(&sample).Error; err != nil {
		return 0, false, fmt.Errorf("count: %w", err)
	}
	if sample.N <= limit {
		return sample.N, true, nil
	}
	var oldest int64
	sql = "SELECT id FROM " + f.from(s.dialect) + " WHERE " + where + " ORDER BY receivetime, id LIMIT 1"
	if err := s.db.WithContext(ctx).Raw(sql, args...).Scan(&oldest).Error; err != nil {
		return 0, false, fmt.Errorf("oldest row: %w", err)
	}
	return estimateTotal(sample.N, sample.Lo, sample.Hi, oldest), false, nil
}

// estimateTotal estimates how many rows match from the newest n matching rows, whose ids span
// lo..hi, and the oldest matching row's id. Ids grow with the receive time (rows are inserted as
// they arrive and pruned oldest first), so the share of matching rows among the ids lo..hi,
// applied to every id from the oldest to hi, estimates the total; with no filter but the time
// range the share is 1 and the estimate is the id span itself. It is never below n and never
// above the id span, which bounds the true count. Rows written concurrently (several instances)
// get ids slightly out of time order, by at most a commit batch of each writer; next to the
// sample of RecordTotalCap rows that error is small at the write rates where batches grow.
func estimateTotal(n, lo, hi, oldest int64) int64 {
	first := min(lo, oldest)
	span := hi - first + 1
	window := hi - lo + 1
	if span <= 0 || window <= 0 {
		return n
	}
	est := int64(float64(n) * float64(span) / float64(window))
	return max(n, min(est, span))
}
