package dao

import (
	"context"
	"fmt"

	"gorm.io/gorm/clause"

	"wxcomponent/db/model"
)

// GetKV reads a comm value; ErrNotFound when the key is absent.
func (s *Store) GetKV(ctx context.Context, key string) (string, error) {
	var row model.Comm
	if err := s.db.WithContext(ctx).Where("`key` = ?", key).Take(&row).Error; err != nil {
		return "", fmt.Errorf("get comm %s: %w", key, notFound(err))
	}
	return row.Value, nil
}

// SetKV upserts a comm value.
func (s *Store) SetKV(ctx context.Context, key, value string) error {
	now := s.Now()
	row := model.Comm{Key: key, Value: value, CreateTime: now, UpdateTime: now}
	err := s.db.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "key"}},
		DoUpdates: clause.AssignmentColumns([]string{"value", "updatetime"}),
	}).Create(&row).Error
	if err != nil {
		return fmt.Errorf("set comm %s: %w", key, err)
	}
	return nil
}

// InsertKVIfAbsent stores value under key unless the key exists, and returns
// the value that is stored afterwards (so concurrent instances agree on one).
func (s *Store) InsertKVIfAbsent(ctx context.Context, key, value string) (string, error) {
	now := s.Now()
	row := model.Comm{Key: key, Value: value, CreateTime: now, UpdateTime: now}
	if err := s.db.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error; err != nil {
		return "", fmt.Errorf("insert comm %s: %w", key, err)
	}
	return s.GetKV(ctx, key)
}
