package db

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"wxcomponent/db/model"
)

// markOriginal records, once, when this service first migrates a database of the original
// template: its push tables exist without the dedupekey column wxcomponent adds. The mark is
// written before any table is altered, so an upgrade interrupted half-way keeps it.
// It tells whether the database is one.
func (mg *migration) markOriginal() (bool, error) {
	if !mg.isOriginal() {
		return false, nil
	}
	if err := mg.model(&model.Comm{}); err != nil {
		return true, err
	}
	now := time.Now().UTC()
	row := model.Comm{Key: model.KVUpgradedAt, Value: now.Format(time.RFC3339), CreateTime: now, UpdateTime: now}
	if err := mg.db.Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error; err != nil {
		return true, fmt.Errorf("record the upgrade of the original database: %w", err)
	}
	mg.log.Info("database of the original template found: upgrading it in place (one table rebuild each, " +
		"about 30-45 s per million pushes); the default retention keeps the pushes received before now")
	return true, nil
}

// isOriginal tells whether a push table still has the original template's columns.
func (mg *migration) isOriginal() bool {
	mig := mg.db.Migrator()
	for _, m := range []any{&model.ComponentCallbackRecord{}, &model.BizCallbackRecord{}} {
		if mig.HasTable(m) && !mig.HasColumn(m, "dedupekey") {
			return true
		}
	}
	return false
}

// UpgradedAt returns when wxcomponent first migrated this database from the original
// template, or the zero time for a database it created itself.
func UpgradedAt(ctx context.Context, g *gorm.DB) (time.Time, error) {
	var row model.Comm
	err := g.WithContext(ctx).Where("`key` = ?", model.KVUpgradedAt).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("read when the database was upgraded: %w", err)
	}
	t, err := time.Parse(time.RFC3339, row.Value)
	if err != nil {
		return time.Time{}, fmt.Errorf("comm %s holds %q, not a time: %w", model.KVUpgradedAt, row.Value, err)
	}
	return t, nil
}
