package dao

import (
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// markInserted records that every row went in, reading back the ids that are wanted and were
// not known from the driver.
func (s *Store) markInserted(tx *gorm.DB, d dedupedInsert, rows []int, out []RecordOutcome) error {
	var want []int
	for _, i := range rows {
		out[i].Inserted = true
		if out[i].ID == 0 && i < len(d.opt.WantID) && d.opt.WantID[i] {
			want = append(want, i)
		}
	}
	if len(want) == 0 {
		return nil
	}
	ids, err := s.recordIDsByKey(tx, d.table, keysOf(d, want), false)
	for _, i := range want {
		out[i].ID = ids[d.keys[i]]
	}
	return err
}

// settle sorts out an insert that skipped rows although the snapshot had not shown their keys.
// Rows the snapshot shows now are ours. Rows a concurrent transaction committed meanwhile are
// duplicates, their id read with a locking (current) read. Rows nobody holds (the other
// transaction rolled back after InnoDB had reported the conflict) are returned to insert again:
// answering "duplicate" for them could lose the push.
func (s *Store) settle(tx *gorm.DB, d dedupedInsert, rows []int, out []RecordOutcome) ([]int, error) {
	ours, err := s.recordIDsByKey(tx, d.table, keysOf(d, rows), false)
	if err != nil {
		return nil, err
	}
	var theirs []int
	for _, i := range rows {
		if id, ok := ours[d.keys[i]]; ok {
			out[i] = RecordOutcome{ID: id, Inserted: true}
		} else {
			theirs = append(theirs, i)
		}
	}
	if len(theirs) == 0 {
		return nil, nil
	}
	committed, err := s.recordIDsByKey(tx, d.table, keysOf(d, theirs), s.dialect == "mysql")
	if err != nil {
		return nil, err
	}
	var again []int
	for _, i := range theirs {
		if id, ok := committed[d.keys[i]]; ok {
			out[i] = RecordOutcome{ID: id}
		} else {
			again = append(again, i)
		}
	}
	return again, nil
}

func keysOf(d dedupedInsert, rows []int) []string {
	keys := make([]string, len(rows))
	for n, i := range rows {
		keys[n] = d.keys[i]
	}
	return keys
}

// recordIDsByKey maps each stored dedupe key among keys to its row id; current (MySQL only)
// reads the latest committed rows instead of the transaction's snapshot.
func (s *Store) recordIDsByKey(tx *gorm.DB, table string, keys []string, current bool) (map[string]uint, error) {
	ids := make(map[string]uint, len(keys))
	for rest := keys; len(rest) > 0; {
		part := rest[:min(len(rest), maxChunk)]
		rest = rest[len(part):]
		if err := scanIDs(tx, table, part, current, ids); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

func scanIDs(tx *gorm.DB, table string, keys []string, current bool, into map[string]uint) error {
	args := make([]any, len(keys))
	for i, k := range keys {
		args[i] = k
	}
	sql := "SELECT id, dedupekey FROM " + table + " WHERE dedupekey IN (" + strings.Repeat("?,", len(keys)-1) + "?)"
	if current {
		sql += " LOCK IN SHARE MODE"
	}
	rows, err := tx.Statement.ConnPool.QueryContext(tx.Statement.Context, sql, args...)
	if err != nil {
		return fmt.Errorf("look up dedupe keys in %s: %w", table, err)
	}
	defer func() { _ = rows.Close() }()
	for rows.Next() {
		var id uint
		var key string
		if err := rows.Scan(&id, &key); err != nil {
			return fmt.Errorf("scan dedupe key of %s: %w", table, err)
		}
		into[key] = id
	}
	return rows.Err()
}
