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
	for _, c := range binaryKeyColumns() {
		var collation sql.NullString
		err := db.Raw(`SELECT COLLATION_NAME FROM information_schema.COLUMNS
			WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME = ?`, c.table, c.column).Row().Scan(&collation)
		if err != nil {
			return fmt.Errorf("read collation of %s.%s: %w", c.table, c.column, err)
		}
		if collation.String == "utf8mb4_bin" {
			continue
		}
		change := fmt.Sprintf("MODIFY `%s` %s CHARACTER SET utf8mb4 COLLATE utf8mb4_bin %s", c.column, c.typ, c.rest)
		if err := alterTable(db, log, c.table, []string{change}); err != nil {
			return fmt.Errorf("make %s.%s compare bytes: %w", c.table, c.column, err)
		}
	}
	return nil
}
