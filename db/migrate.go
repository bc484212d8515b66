package db

import (
	"fmt"
	"strings"
	"time"

	"go.uber.org/zap"
	"gorm.io/gorm"
	"gorm.io/gorm/schema"

	"wxcomponent/db/model"
)

// Migrate creates missing tables, columns and indexes. It never drops anything.
// On MySQL it also converts the original's utf8mb3 tables to utf8mb4, widens
// columns that were too narrow, turns TIMESTAMP (year 2038) into DATETIME and makes the
// dedupe-key columns compare bytes.
func Migrate(db *gorm.DB, dialect string) error {
	return MigrateWithLog(db, dialect, nil)
}

// MigrateWithLog is Migrate reporting its progress to log (nil: silent): which table, which
// changes, with which algorithm, how long. The first migration of a database of the original
// template also records when it happened (see UpgradedAt), so the default retention can
// spare the history from before.
func MigrateWithLog(db *gorm.DB, dialect string, log *zap.Logger) error {
	if log == nil {
		log = zap.NewNop()
	}
	if dialect == MySQL {
		db = db.Set("gorm:table_options", "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci").Session(&gorm.Session{})
	}
	mg := &migration{db: db, dialect: dialect, log: log}
	start := time.Now()
	original, err := mg.markOriginal()
	if err != nil {
		return err
	}
	for _, m := range append(model.Legacy(), model.Added()...) {
		if err := mg.model(m); err != nil {
			return err
		}
	}
	if original {
		log.Info("upgraded the database of the original template", zap.Duration("took", time.Since(start)))
	}
	if dialect == MySQL {
		return binaryKeys(db, log)
	}
	return nil
}

// migration is one run of the start-up migrations.
type migration struct {
	db      *gorm.DB
	dialect string
	log     *zap.Logger
}

// model creates m's table, or brings an existing one up to the model without dropping.
func (mg *migration) model(m any) error {
	db := mg.db
	mig := db.Migrator()
	if !mig.HasTable(m) {
		if err := mig.CreateTable(m); err != nil {
			return fmt.Errorf("create table for %T: %w", m, err)
		}
		return nil
	}
	sch, err := parseSchema(db, m)
	if err != nil {
		return err
	}
	if mg.dialect == MySQL {
		// One ALTER per table: the original's tables are rebuilt at most once.
		changes, err := mysqlUpgradeClauses(db, sch, m)
		if err != nil {
			return err
		}
		return alterTable(db, mg.log, sch.Table, changes)
	}
	if err := addMissingColumns(db, sch, m); err != nil {
		return err
	}
	return addMissingIndexes(db, mg.dialect, sch, m)
}

// parseSchema reads GORM's view of a model: its table, columns and indexes.
func parseSchema(db *gorm.DB, m any) (*schema.Schema, error) {
	stmt := &gorm.Statement{DB: db}
	if err := stmt.Parse(m); err != nil {
		return nil, fmt.Errorf("parse model %T: %w", m, err)
	}
	return stmt.Schema, nil
}

// addMissingColumns adds the model's columns that the table lacks.
func addMissingColumns(db *gorm.DB, sch *schema.Schema, m any) error {
	for _, f := range sch.Fields {
		if f.DBName == "" || db.Migrator().HasColumn(m, f.DBName) {
			continue
		}
		if err := db.Migrator().AddColumn(m, f.Name); err != nil {
			return fmt.Errorf("add column %s.%s: %w", sch.Table, f.DBName, err)
		}
	}
	return nil
}

// addMissingIndexes creates the model's indexes that the table lacks.
func addMissingIndexes(db *gorm.DB, dialect string, sch *schema.Schema, m any) error {
	for _, idx := range sch.ParseIndexes() {
		has, err := hasIndex(db, dialect, sch.Table, idx, m)
		if err != nil {
			return err
		}
		if has {
			continue
		}
		if err := db.Migrator().CreateIndex(m, idx.Name); err != nil {
			return fmt.Errorf("create index %s on %s: %w", idx.Name, sch.Table, err)
		}
	}
	return nil
}

// hasIndex tells whether idx exists by name or, on MySQL, under another name on the same
// columns: the original created the same indexes under MySQL's automatic names.
func hasIndex(db *gorm.DB, dialect, table string, idx *schema.Index, m any) (bool, error) {
	if db.Migrator().HasIndex(m, idx.Name) {
		return true, nil
	}
	if dialect != MySQL {
		return false, nil
	}
	cols := make([]string, len(idx.Fields))
	for i, f := range idx.Fields {
		cols[i] = f.DBName
	}
	return mysqlHasIndexOn(db, table, cols)
}

// mysqlHasIndexOn tells whether any index of table covers exactly cols, in order.
func mysqlHasIndexOn(db *gorm.DB, table string, cols []string) (bool, error) {
	var rows []struct {
		IndexName  string `gorm:"column:INDEX_NAME"`
		ColumnName string `gorm:"column:COLUMN_NAME"`
	}
	err := db.Raw(`SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS
		WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX`, table).Scan(&rows).Error
	if err != nil {
		return false, fmt.Errorf("read indexes of %s: %w", table, err)
	}
	byIndex := map[string][]string{}
	for _, r := range rows {
		byIndex[r.IndexName] = append(byIndex[r.IndexName], strings.ToLower(r.ColumnName))
	}
	want := strings.Join(cols, ",")
	for _, have := range byIndex {
		if strings.Join(have, ",") == want {
			return true, nil
		}
	}
	return false, nil
}
