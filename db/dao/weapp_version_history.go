package dao

import (
	"context"
	"fmt"

	"wxcomponent/db/model"
)

// ListWeappVersionEventsOf returns the history of the given versions, oldest first, so a page
// of versions shows each one's whole story however many events other versions have.
func (s *Store) ListWeappVersionEventsOf(ctx context.Context, versionIDs []uint64) ([]model.WeappVersionEvent, error) {
	if len(versionIDs) == 0 {
		return nil, nil
	}
	var rows []model.WeappVersionEvent
	err := s.db.WithContext(ctx).Where("version_id IN ?", versionIDs).Order("id").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("list weapp version events of %d versions: %w", len(versionIDs), err)
	}
	return rows, nil
}
