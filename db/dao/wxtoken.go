package dao

import (
	"context"
	"fmt"

	"gorm.io/gorm/clause"

	"wxcomponent/db/model"
)

// GetWxToken reads the cached token of (type, appid); ErrNotFound when absent.
func (s *Store) GetWxToken(ctx context.Context, typ int, appid string) (model.WxToken, error) {
	var row model.WxToken
	err := s.db.WithContext(ctx).Where("appid = ? AND type = ?", appid, typ).Take(&row).Error
	if err != nil {
		return row, fmt.Errorf("get wxtoken %d/%s: %w", typ, appid, notFound(err))
	}
	return row, nil
}

// UpsertWxToken stores a token row; appid is the table's unique key, as in the original.
func (s *Store) UpsertWxToken(ctx context.Context, row model.WxToken) error {
	if row.CreateTime.IsZero() {
		row.CreateTime = s.Now()
	}
	if row.UpdateTime.IsZero() {
		row.UpdateTime = s.Now()
	}
	err := s.db.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "appid"}},
		DoUpdates: clause.AssignmentColumns([]string{"type", "token", "expiretime", "updatetime"}),
	}).Create(&row).Error
	if err != nil {
		return fmt.Errorf("upsert wxtoken %d/%s: %w", row.Type, row.AppID, err)
	}
	return nil
}

// DeleteWxTokenIf deletes the row of (type, appid) only while it still holds
// token, so an instance reporting a failed token cannot delete a newer one
// another instance just stored. It reports whether a row was deleted.
func (s *Store) DeleteWxTokenIf(ctx context.Context, typ int, appid, token string) (bool, error) {
	res := s.db.WithContext(ctx).Where("appid = ? AND type = ? AND token = ?", appid, typ, token).Delete(&model.WxToken{})
	if res.Error != nil {
		return false, fmt.Errorf("delete wxtoken %d/%s: %w", typ, appid, res.Error)
	}
	return res.RowsAffected > 0, nil
}

// DeleteWxToken deletes the row of (type, appid) whatever it holds.
func (s *Store) DeleteWxToken(ctx context.Context, typ int, appid string) error {
	err := s.db.WithContext(ctx).Where("appid = ? AND type = ?", appid, typ).Delete(&model.WxToken{}).Error
	if err != nil {
		return fmt.Errorf("delete wxtoken %d/%s: %w", typ, appid, err)
	}
	return nil
}
