package db

import (
	"database/sql"
	"fmt"

	"go.uber.org/zap"
	"gorm.io/gorm"
)

// keyColumn is a column whose values decide "same push", "same job" or "same rule"; typ and
// rest are its definition before and after the collation.
type keyColumn struct{ table, column, typ, rest string }

// binaryKeyColumns lists the columns of unique keys that must compare bytes, as SQLite's
// default BINARY collation does, so both databases agree on what is "the same":
//   - the dedupe keys embed case-sensitive identifiers (openids, gh_ ids, hashes): under the
//     tables' utf8mb4_unicode_ci, keys differing only in case collided and the second push
//     failed on every retry;
//   - a forwarding rule matches InfoType or MsgType+Event byte for byte (comm/forward), so its
//     unique key must too: case-insensitively, a rule for "CLICK" refused one for "click".
func binaryKeyColumns() []keyColumn {
	return []keyColumn{
		{"wxcallback_component", "dedupekey", "varchar(191)", "NULL"},
		{"wxcallback_biz", "dedupekey", "varchar(191)", "NULL"},
		{"wx_job", "dedupe_key", "varchar(191)", "NULL"},
		{"wxcallback_rules", "infotype", "varchar(64)", "NOT NULL DEFAULT ''"},
		{"wxcallback_rules", "msgtype", "varchar(64)", "NOT NULL DEFAULT ''"},
		{"wxcallback_rules", "event", "varchar(64)", "NOT NULL DEFAULT ''"},
	}
}

// binaryKeys gives the key columns the binary collation utf8mb4_bin on MySQL. It
// runs after the tables are created or upgraded (a charset conversion resets collations) and
// only alters a column that is not binary yet; existing keys stay valid, since values distinct
// under a case-insensitive collation are distinct under a binary one.
func binaryKeys(db *gorm.DB, log *zap.Logger) error {
	collations, err := keyCollations(db)
	if err != nil {
		return err
	}
	for _, c := range binaryKeyColumns() {
		if collations[c.table+"."+c.column] == "utf8mb4_bin" {
			continue
		}
		change := fmt.Sprintf("MODIFY `%s` %s CHARACTER SET utf8mb4 COLLATE utf8mb4_bin %s", c.column, c.typ, c.rest)
		if err := alterTable(db, log, c.table, []string{change}); err != nil {
			return fmt.Errorf("make %s.%s compare bytes: %w", c.table, c.column, err)
		}
	}
	return nil
}

// keyCollations reads the collation of every key column in one query (it runs at each start),
// keyed "table.column".
func keyCollations(db *gorm.DB) (map[string]string, error) {
	var tables []string
	for _, c := range binaryKeyColumns() {
		tables = append(tables, c.table)
	}
	var rows []struct{ TableName, ColumnName, CollationName sql.NullString }
	err := db.Raw(`SELECT TABLE_NAME AS table_name, COLUMN_NAME AS column_name, COLLATION_NAME AS collation_name
		FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN ?`, tables).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("read key column collations: %w", err)
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[r.TableName.String+"."+r.ColumnName.String] = r.CollationName.String
	}
	return out, nil
}
