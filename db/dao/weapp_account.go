package dao

import (
	"context"
	"fmt"

	"gorm.io/gorm/clause"

	"wxcomponent/db/model"
)

// GetWeappAccount reads the stored version snapshot of appid; ErrNotFound when never stored.
func (s *Store) GetWeappAccount(ctx context.Context, appid string) (*model.WeappAccount, error) {
	var a model.WeappAccount
	if err := s.db.WithContext(ctx).Where("appid = ?", appid).Take(&a).Error; err != nil {
		return nil, fmt.Errorf("get weapp account %s: %w", appid, notFound(err))
	}
	return &a, nil
}

// ListWeappAccounts reads the snapshots of appids, keyed by appid (absent ones are missing).
func (s *Store) ListWeappAccounts(ctx context.Context, appids []string) (map[string]model.WeappAccount, error) {
	out := make(map[string]model.WeappAccount, len(appids))
	if len(appids) == 0 {
		return out, nil
	}
	var rows []model.WeappAccount
	if err := s.db.WithContext(ctx).Where("appid IN ?", appids).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list weapp accounts: %w", err)
	}
	for _, r := range rows {
		out[r.AppID] = r
	}
	return out, nil
}

// PutWeappAccount stores values (columns of model.WeappAccount) for appid, creating the row when
// absent; columns not named keep their stored value.
func (s *Store) PutWeappAccount(ctx context.Context, appid string, values map[string]any) error {
	row := map[string]any{"appid": appid, "updated_at": s.Now()}
	cols := []string{"updated_at"}
	for k, v := range values {
		row[k] = v
		cols = append(cols, k)
	}
	err := s.db.WithContext(ctx).Model(&model.WeappAccount{}).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "appid"}},
		DoUpdates: clause.AssignmentColumns(cols),
	}).Create(row).Error
	if err != nil {
		return fmt.Errorf("put weapp account %s: %w", appid, err)
	}
	return nil
}

// GetWeappScreenshot reads a stored audit screenshot; ErrNotFound when not fetched yet.
func (s *Store) GetWeappScreenshot(ctx context.Context, appid, mediaID string) (*model.WeappScreenshot, error) {
	var shot model.WeappScreenshot
	err := s.db.WithContext(ctx).Where("appid = ? AND media_id = ?", appid, mediaID).Take(&shot).Error
	if err != nil {
		return nil, fmt.Errorf("get screenshot %s: %w", mediaID, notFound(err))
	}
	return &shot, nil
}

// PutWeappScreenshot stores a fetched screenshot; a second store of the same id changes nothing.
func (s *Store) PutWeappScreenshot(ctx context.Context, shot *model.WeappScreenshot) error {
	shot.FetchedAt = s.Now()
	err := s.db.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(shot).Error
	if err != nil {
		return fmt.Errorf("put screenshot %s: %w", shot.MediaID, err)
	}
	return nil
}
