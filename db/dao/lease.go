package dao

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm/clause"

	"wxcomponent/db/model"
)

// AcquireLease takes the lease name for owner until now+ttl if it is free or
// expired. Each step is one atomic statement: take-over of an expired row is
// an UPDATE guarded by the expiry (row-locked, so two contenders cannot both
// match), and a missing row is created with an insert that does nothing on
// conflict. owner must be unique per acquisition (see Lease).
func (s *Store) AcquireLease(ctx context.Context, name, owner string, ttl time.Duration) (bool, error) {
	now := s.Now()
	until := now.Add(ttl)
	db := s.db.WithContext(ctx)
	res := db.Model(&model.Lease{}).Where("name = ? AND expires_at < ?", name, now).
		Updates(map[string]any{"owner": owner, "expires_at": until})
	if res.Error != nil {
		return false, fmt.Errorf("take over lease %s: %w", name, res.Error)
	}
	if res.RowsAffected == 1 {
		return true, nil
	}
	res = db.Clauses(clause.OnConflict{DoNothing: true}).Create(&model.Lease{Name: name, Owner: owner, ExpiresAt: until})
	if res.Error != nil {
		return false, fmt.Errorf("create lease %s: %w", name, res.Error)
	}
	return res.RowsAffected == 1, nil
}

// ReleaseLease frees the lease if owner still holds it; a lease that expired
// and was taken over by someone else is left alone.
func (s *Store) ReleaseLease(ctx context.Context, name, owner string) error {
	err := s.db.WithContext(ctx).Where("name = ? AND owner = ?", name, owner).Delete(&model.Lease{}).Error
	if err != nil {
		return fmt.Errorf("release lease %s: %w", name, err)
	}
	return nil
}
