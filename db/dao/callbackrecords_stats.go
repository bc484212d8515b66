package dao

import (
	"context"
	"fmt"
)

// RecordTableStats is the size of one push table.
type RecordTableStats struct {
	Table string
	// Rows is exact up to RecordTotalCap, then estimated from the id span (RowsExact false).
	Rows      int64
	RowsExact bool
	// Bytes on disk, data and indexes; nil where the database cannot tell per table (SQLite).
	Bytes *int64
}

// RecordStats sizes both push tables. dbBytes is the whole database file on SQLite (which has no
// cheap per-table size: dbstat reads every page) and nil on MySQL.
func (s *Store) RecordStats(ctx context.Context) (tables []RecordTableStats, dbBytes *int64, err error) {
	for _, table := range []string{ComponentRecords, BizRecords} {
		st, err := s.recordTableStats(ctx, table)
		if err != nil {
			return nil, nil, err
		}
		tables = append(tables, st)
	}
	if s.dialect == "mysql" {
		return tables, nil, nil
	}
	var pages, size int64
	if err := s.db.WithContext(ctx).Raw("PRAGMA page_count").Scan(&pages).Error; err != nil {
		return nil, nil, fmt.Errorf("database size: %w", err)
	}
	if err := s.db.WithContext(ctx).Raw("PRAGMA page_size").Scan(&size).Error; err != nil {
		return nil, nil, fmt.Errorf("database size: %w", err)
	}
	total := pages * size
	return tables, &total, nil
}

// recordTableStats counts table's rows up to the cap (a bounded index scan), else takes the id
// span, and reads its size from information_schema on MySQL.
func (s *Store) recordTableStats(ctx context.Context, table string) (RecordTableStats, error) {
	st := RecordTableStats{Table: table}
	n, err := s.countUpTo(ctx, table, "", nil, RecordTotalCap+1)
	if err != nil {
		return st, err
	}
	st.Rows, st.RowsExact = n, n <= RecordTotalCap
	if !st.RowsExact {
		var span struct{ Lo, Hi int64 }
		if err := s.db.WithContext(ctx).Raw("SELECT MIN(id) AS lo, MAX(id) AS hi FROM " + table).Scan(&span).Error; err != nil {
			return st, fmt.Errorf("id span of %s: %w", table, err)
		}
		st.Rows = max(n, span.Hi-span.Lo+1)
	}
	if s.dialect != "mysql" {
		return st, nil
	}
	var bytes *int64
	err = s.db.WithContext(ctx).Raw(`SELECT DATA_LENGTH + INDEX_LENGTH FROM information_schema.TABLES
		WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?`, table).Scan(&bytes).Error
	if err != nil {
		return st, fmt.Errorf("size of %s: %w", table, err)
	}
	st.Bytes = bytes
	return st, nil
}
