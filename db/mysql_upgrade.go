package db

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/schema"
)

// mysqlColumn is one row of information_schema.COLUMNS.
type mysqlColumn struct {
	Name     string `gorm:"column:COLUMN_NAME"`
	DataType string `gorm:"column:DATA_TYPE"`
	MaxLen   *int64 `gorm:"column:CHARACTER_MAXIMUM_LENGTH"`
}

// upgradeMySQLTable fixes the original schema's flaws in place: utf8mb3 charset
// (emoji failed to store), narrow columns (nicknames and funcinfo overflowed)
// and TIMESTAMP columns (year 2038).
func upgradeMySQLTable(db *gorm.DB, sch *schema.Schema, m any) error {
	if err := convertCharset(db, sch.Table); err != nil {
		return err
	}
	var cols []mysqlColumn
	err := db.Raw(`SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH FROM information_schema.COLUMNS
		WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?`, sch.Table).Scan(&cols).Error
	if err != nil {
		return fmt.Errorf("read columns of %s: %w", sch.Table, err)
	}
	for _, c := range cols {
		f := sch.LookUpField(c.Name)
		if f == nil || !needsWidening(c, f) {
			continue
		}
		if err := db.Migrator().AlterColumn(m, f.Name); err != nil {
			return fmt.Errorf("widen %s.%s: %w", sch.Table, c.Name, err)
		}
	}
	return nil
}

// convertCharset converts a utf8mb3 table to utf8mb4 (emoji in nicknames and messages).
func convertCharset(db *gorm.DB, table string) error {
	var collation string
	err := db.Raw(`SELECT TABLE_COLLATION FROM information_schema.TABLES
		WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?`, table).Scan(&collation).Error
	if err != nil {
		return fmt.Errorf("read collation of %s: %w", table, err)
	}
	if strings.HasPrefix(collation, "utf8mb4") {
		return nil
	}
	stmt := fmt.Sprintf("ALTER TABLE `%s` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", table)
	if err := db.Exec(stmt).Error; err != nil {
		return fmt.Errorf("convert %s to utf8mb4: %w", table, err)
	}
	return nil
}

// varcharLen reads n from a "varchar(n)" type.
var varcharLen = regexp.MustCompile(`^varchar\((\d+)\)$`)

// typeRank orders text types by capacity so a column is only ever widened.
var typeRank = map[string]int{"varchar": 1, "text": 2, "mediumtext": 3, "longtext": 4}

// needsWidening tells whether the column is narrower than the model wants, or a TIMESTAMP the
// model keeps as DATETIME.
func needsWidening(c mysqlColumn, f *schema.Field) bool {
	if c.DataType == "timestamp" && f.FieldType.String() == "time.Time" {
		return true
	}
	want := strings.ToLower(string(f.DataType))
	if t, ok := f.TagSettings["TYPE"]; ok {
		want = strings.ToLower(t)
	}
	if m := varcharLen.FindStringSubmatch(want); m != nil {
		n, _ := strconv.ParseInt(m[1], 10, 64)
		return c.DataType == "varchar" && c.MaxLen != nil && *c.MaxLen < n
	}
	have, ok1 := typeRank[c.DataType]
	wantRank, ok2 := typeRank[want]
	return ok1 && ok2 && wantRank > have
}
