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

// mysqlUpgradeClauses lists the changes that bring an existing table up to the model, as
// clauses of one ALTER TABLE: the original schema's flaws fixed in place — utf8mb3 charset
// (emoji failed to store), narrow columns (nicknames and funcinfo overflowed), TIMESTAMP
// columns (year 2038) — then the columns and indexes wxcomponent adds. None when up to date.
func mysqlUpgradeClauses(db *gorm.DB, sch *schema.Schema, m any) ([]string, error) {
	var out []string
	convert, err := needsCharsetConversion(db, sch.Table)
	if err != nil {
		return nil, err
	}
	if convert {
		out = append(out, "CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
	}
	var cols []mysqlColumn
	err = db.Raw(`SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH FROM information_schema.COLUMNS
		WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?`, sch.Table).Scan(&cols).Error
	if err != nil {
		return nil, fmt.Errorf("read columns of %s: %w", sch.Table, err)
	}
	have := map[string]bool{}
	for _, c := range cols {
		have[strings.ToLower(c.Name)] = true
		if f := sch.LookUpField(c.Name); f != nil && needsWidening(c, f) {
			out = append(out, "MODIFY COLUMN `"+f.DBName+"` "+db.Migrator().FullDataTypeOf(f).SQL)
		}
	}
	for _, f := range sch.Fields {
		if f.DBName != "" && !f.IgnoreMigration && !have[strings.ToLower(f.DBName)] {
			out = append(out, "ADD COLUMN `"+f.DBName+"` "+db.Migrator().FullDataTypeOf(f).SQL)
		}
	}
	indexes, err := missingIndexClauses(db, sch, m)
	return append(out, indexes...), err
}

// missingIndexClauses lists ADD INDEX clauses for the model's indexes the table lacks.
func missingIndexClauses(db *gorm.DB, sch *schema.Schema, m any) ([]string, error) {
	var out []string
	for _, idx := range sch.ParseIndexes() {
		has, err := hasIndex(db, MySQL, sch.Table, idx, m)
		if err != nil {
			return nil, err
		}
		if has {
			continue
		}
		cols := make([]string, len(idx.Fields))
		for i, f := range idx.Fields {
			cols[i] = "`" + f.DBName + "`"
		}
		kind := "INDEX"
		if idx.Class != "" {
			kind = idx.Class + " INDEX"
		}
		out = append(out, fmt.Sprintf("ADD %s `%s` (%s)", kind, idx.Name, strings.Join(cols, ",")))
	}
	return out, nil
}

// needsCharsetConversion tells whether table is still utf8mb3 (or another non-utf8mb4 charset).
func needsCharsetConversion(db *gorm.DB, table string) (bool, error) {
	var collation string
	err := db.Raw(`SELECT TABLE_COLLATION FROM information_schema.TABLES
		WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?`, table).Scan(&collation).Error
	if err != nil {
		return false, fmt.Errorf("read collation of %s: %w", table, err)
	}
	return !strings.HasPrefix(collation, "utf8mb4"), nil
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
