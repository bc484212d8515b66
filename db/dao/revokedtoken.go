package dao

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm/clause"

	"wxcomponent/db/model"
)

// RevokeToken puts a session id on the logout deny-list until it expires; revoking twice is fine.
func (s *Store) RevokeToken(ctx context.Context, id string, until time.Time) error {
	row := model.RevokedToken{ID: id, ExpiresAt: until}
	if err := s.db.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error; err != nil {
		return fmt.Errorf("revoke token: %w", err)
	}
	return nil
}

// TokenRevoked tells whether a session id was logged out.
func (s *Store) TokenRevoked(ctx context.Context, id string) (bool, error) {
	var n int64
	if err := s.db.WithContext(ctx).Model(&model.RevokedToken{}).Where("id = ?", id).Count(&n).Error; err != nil {
		return false, fmt.Errorf("check revoked token: %w", err)
	}
	return n > 0, nil
}

// PruneRevokedTokens forgets revoked sessions that have expired anyway.
func (s *Store) PruneRevokedTokens(ctx context.Context, before time.Time) error {
	if err := s.db.WithContext(ctx).Where("expires_at < ?", before).Delete(&model.RevokedToken{}).Error; err != nil {
		return fmt.Errorf("prune revoked tokens: %w", err)
	}
	return nil
}
