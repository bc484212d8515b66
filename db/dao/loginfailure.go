package dao

import (
	"context"
	"fmt"
	"time"

	"wxcomponent/db/model"
)

// RecordLoginFailure notes one failed login under each key (source, account).
func (s *Store) RecordLoginFailure(ctx context.Context, keys []string, at time.Time) error {
	rows := make([]model.LoginFailure, len(keys))
	for i, k := range keys {
		rows[i] = model.LoginFailure{Key: k, FailedAt: at}
	}
	if err := s.db.WithContext(ctx).Create(&rows).Error; err != nil {
		return fmt.Errorf("record login failure: %w", err)
	}
	return nil
}

// LoginFailuresSince returns the failure times of key at or after since, oldest first.
func (s *Store) LoginFailuresSince(ctx context.Context, key string, since time.Time) ([]time.Time, error) {
	var times []time.Time
	err := s.db.WithContext(ctx).Model(&model.LoginFailure{}).
		Where("`key` = ? AND failed_at >= ?", key, since).Order("failed_at").Pluck("failed_at", &times).Error
	if err != nil {
		return nil, fmt.Errorf("read login failures: %w", err)
	}
	return times, nil
}

// CountLoginFailuresSince counts the failures of key at or after since.
func (s *Store) CountLoginFailuresSince(ctx context.Context, key string, since time.Time) (int64, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&model.LoginFailure{}).Where("`key` = ? AND failed_at >= ?", key, since).Count(&n).Error
	if err != nil {
		return 0, fmt.Errorf("count login failures: %w", err)
	}
	return n, nil
}

// ClearLoginFailures forgets the failures of keys (after a successful login).
func (s *Store) ClearLoginFailures(ctx context.Context, keys []string) error {
	if err := s.db.WithContext(ctx).Where("`key` IN ?", keys).Delete(&model.LoginFailure{}).Error; err != nil {
		return fmt.Errorf("clear login failures: %w", err)
	}
	return nil
}

// PruneLoginFailures deletes failures older than before, keeping the table small.
func (s *Store) PruneLoginFailures(ctx context.Context, before time.Time) error {
	if err := s.db.WithContext(ctx).Where("failed_at < ?", before).Delete(&model.LoginFailure{}).Error; err != nil {
		return fmt.Errorf("prune login failures: %w", err)
	}
	return nil
}
