package dao

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"

	"wxcomponent/db/model"
)

// Columns written by the batched record inserts, in order; the counts must match.
const (
	componentRecordColumns     = "receivetime, createtime, infotype, postbody, dedupekey, flags"
	componentRecordColumnCount = 6
	bizRecordColumns           = "receivetime, createtime, tousername, appid, msgtype, event, postbody, dedupekey, flags"
	bizRecordColumnCount       = 9
)

// ErrRecordExists is returned by an optimistic insert when a row's dedupe key is already
// stored: the caller rolls back and inserts again without RecordInsert.Optimistic.
var ErrRecordExists = errors.New("a record with this dedupe key is already stored")

// RecordInsert says how a batch of records is inserted.
type RecordInsert struct {
	// Optimistic skips looking up which dedupe keys exist. Retries are rare, so nearly every
	// batch saves a query; the rare batch holding a retry fails with ErrRecordExists.
	Optimistic bool
	// WantID marks the rows whose id must be read back (those with follow-up jobs); nil: none.
	WantID []bool
}

// RecordOutcome tells what happened to one row of a batched record insert.
type RecordOutcome struct {
	// ID is the stored row's id: a new row's when asked for (WantID), or the earlier row's for a
	// duplicate. 0 otherwise, and for a row a concurrent instance stored that this transaction
	// cannot see yet.
	ID uint
	// Inserted is true only for the row this call stored; retries of a push come back false.
	Inserted bool
}

// InsertComponentRecords stores component pushes, inside the transaction s is bound to (see
// InTx) or else in one of their own. Every row needs a dedupe key; a row whose key is already
// stored (or appears earlier in rows) is not inserted again. Outcomes are in the order of rows.
func (s *Store) InsertComponentRecords(ctx context.Context, rows []model.ComponentCallbackRecord, opt RecordInsert) ([]RecordOutcome, error) {
	keys, err := recordKeys(len(rows), func(i int) *string { return rows[i].DedupeKey })
	if err != nil {
		return nil, err
	}
	return s.insertDeduped(ctx, dedupedInsert{table: "wxcallback_component", columns: componentRecordColumns,
		ncols: componentRecordColumnCount, keys: keys, opt: opt,
		values: func(args []any, i int) []any {
			r := &rows[i]
			return append(args, r.ReceiveTime, r.CreateTime, r.InfoType, r.PostBody, r.DedupeKey, r.Flags)
		}})
}

// InsertBizRecords is InsertComponentRecords for message-and-event pushes.
func (s *Store) InsertBizRecords(ctx context.Context, rows []model.BizCallbackRecord, opt RecordInsert) ([]RecordOutcome, error) {
	keys, err := recordKeys(len(rows), func(i int) *string { return rows[i].DedupeKey })
	if err != nil {
		return nil, err
	}
	return s.insertDeduped(ctx, dedupedInsert{table: "wxcallback_biz", columns: bizRecordColumns,
		ncols: bizRecordColumnCount, keys: keys, opt: opt,
		values: func(args []any, i int) []any {
			r := &rows[i]
			return append(args, r.ReceiveTime, r.CreateTime, r.ToUserName, r.AppID, r.MsgType, r.Event, r.PostBody, r.DedupeKey, r.Flags)
		}})
}

func recordKeys(n int, key func(i int) *string) ([]string, error) {
	keys := make([]string, n)
	for i := range keys {
		k := key(i)
		if k == nil || *k == "" {
			return nil, fmt.Errorf("record %d has no dedupe key", i)
		}
		keys[i] = *k
	}
	return keys, nil
}

// dedupedInsert describes one batched insert into a record table.
type dedupedInsert struct {
	table   string
	columns string
	ncols   int
	keys    []string                      // dedupe key of each row
	values  func(args []any, i int) []any // appends row i's values in column order
	opt     RecordInsert
}

// insertDeduped inserts the first occurrence of every key not stored yet. Conflicts are ignored
// by the INSERT itself (a concurrent instance may store the same key meanwhile); reads inside
// the transaction see only rows committed before it began plus its own, so a row a concurrent
// instance won comes back as not inserted. The look-ups rely on that snapshot, so the statements
// always share one transaction.
func (s *Store) insertDeduped(ctx context.Context, d dedupedInsert) ([]RecordOutcome, error) {
	if !s.inTx {
		var out []RecordOutcome
		err := s.InTx(ctx, func(tx *Store) error {
			var err error
			out, err = tx.insertDeduped(ctx, d)
			return err
		})
		return out, err
	}
	tx := s.db.WithContext(ctx)
	out := make([]RecordOutcome, len(d.keys))
	first := make(map[string]int, len(d.keys))
	existing := map[string]uint{}
	if !d.opt.Optimistic {
		var err error
		if existing, err = s.recordIDsByKey(tx, d.table, d.keys, false); err != nil {
			return nil, err
		}
	}
	var fresh []int
	for i, k := range d.keys {
		if _, seen := first[k]; seen {
			continue
		}
		first[k] = i
		if id, ok := existing[k]; ok {
			out[i] = RecordOutcome{ID: id}
			continue
		}
		fresh = append(fresh, i)
	}
	if err := s.insertFresh(tx, d, fresh, out); err != nil {
		return nil, err
	}
	for i, k := range d.keys {
		if j := first[k]; j != i {
			out[i] = RecordOutcome{ID: out[j].ID} // a retry inside the same batch
		}
	}
	return out, nil
}

// insertFresh inserts the rows listed in fresh and fills their outcomes.
func (s *Store) insertFresh(tx *gorm.DB, d dedupedInsert, fresh []int, out []RecordOutcome) error {
	for round := 0; len(fresh) > 0; round++ {
		inserted, err := s.insertRows(tx, d, fresh, out)
		if err != nil {
			return err
		}
		if inserted == int64(len(fresh)) {
			return s.markInserted(tx, d, fresh, out)
		}
		if d.opt.Optimistic {
			return ErrRecordExists
		}
		if round == maxRaceRounds {
			return errRaceUnsettled
		}
		if fresh, err = s.settle(tx, d, fresh, out); err != nil {
			return err
		}
	}
	return nil
}

// maxRaceRounds bounds how often rows are inserted again after a concurrent transaction that
// conflicted with them rolled back; beyond it the whole transaction is retried.
const maxRaceRounds = 3

// errRaceUnsettled asks for the transaction to be retried (IsTransient reports it).
var errRaceUnsettled = errors.New("dedupe keys still contended after several rounds")

// insertRows inserts rows in dedupe-key order, so concurrent transactions lock keys in the same
// order and cannot deadlock, at most maxChunk per statement. A row inserted by a statement of
// its own gets its id from the driver (the usual lone ticket), sparing a look-up. It bypasses
// GORM's statement builder, which costs more than the insert for hundreds of bound values.
func (s *Store) insertRows(tx *gorm.DB, d dedupedInsert, rows []int, out []RecordOutcome) (int64, error) {
	slices.SortFunc(rows, func(a, b int) int { return strings.Compare(d.keys[a], d.keys[b]) })
	var inserted int64
	for rest := rows; len(rest) > 0; {
		part := rest[:min(len(rest), maxChunk)]
		rest = rest[len(part):]
		args := make([]any, 0, len(part)*d.ncols)
		for _, i := range part {
			args = d.values(args, i)
		}
		sql := "INSERT INTO " + d.table + " (" + d.columns + ") VALUES " + valueTuples(len(part), d.ncols) + onConflictIgnore(s.dialect)
		res, err := tx.Statement.ConnPool.ExecContext(tx.Statement.Context, sql, args...)
		if err != nil {
			return 0, fmt.Errorf("insert %d rows into %s: %w", len(part), d.table, err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return 0, fmt.Errorf("insert into %s: %w", d.table, err)
		}
		inserted += n
		if id, err := res.LastInsertId(); err == nil && n == 1 && len(part) == 1 {
			out[part[0]].ID = uint(id)
		}
	}
	return inserted, nil
}
