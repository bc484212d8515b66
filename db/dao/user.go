package dao

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"wxcomponent/db/model"
)

// ErrDuplicate is returned when a unique key (e.g. a username) is taken.
var ErrDuplicate = errors.New("already exists")

// CountUsers tells how many console users exist.
func (s *Store) CountUsers(ctx context.Context) (int64, error) {
	var n int64
	if err := s.db.WithContext(ctx).Model(&model.User{}).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("count users: %w", err)
	}
	return n, nil
}

// GetUserByName loads a console user by username.
func (s *Store) GetUserByName(ctx context.Context, username string) (*model.User, error) {
	var u model.User
	if err := s.db.WithContext(ctx).Where("username = ?", username).Take(&u).Error; err != nil {
		return nil, fmt.Errorf("get user %q: %w", username, notFound(err))
	}
	return &u, nil
}

// GetUserByID loads a console user by id.
func (s *Store) GetUserByID(ctx context.Context, id int) (*model.User, error) {
	var u model.User
	if err := s.db.WithContext(ctx).Take(&u, id).Error; err != nil {
		return nil, fmt.Errorf("get user %d: %w", id, notFound(err))
	}
	return &u, nil
}

// CreateUser inserts a console user.
func (s *Store) CreateUser(ctx context.Context, u *model.User) error {
	now := s.Now()
	u.CreateTime, u.UpdateTime = now, now
	if err := s.db.WithContext(ctx).Create(u).Error; err != nil {
		return fmt.Errorf("create user %q: %w", u.Username, duplicate(err))
	}
	return nil
}

// UpdateUserPassword stores a new hash, clears the forced-change flag when
// asked, and bumps the token version so older JWTs stop working.
func (s *Store) UpdateUserPassword(ctx context.Context, id int, hash string, bumpTokens bool) error {
	updates := map[string]any{"password": hash, "updatetime": s.Now(), "mustchangepwd": false}
	if bumpTokens {
		updates["tokenversion"] = gorm.Expr("tokenversion + 1")
	}
	res := s.db.WithContext(ctx).Model(&model.User{}).Where("id = ?", id).Updates(updates)
	if res.Error != nil {
		return fmt.Errorf("update password of user %d: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("update password of user %d: %w", id, ErrNotFound)
	}
	return nil
}

// RenameUser changes a username and bumps the token version (JWTs carry the name).
func (s *Store) RenameUser(ctx context.Context, id int, username string) error {
	res := s.db.WithContext(ctx).Model(&model.User{}).Where("id = ?", id).Updates(map[string]any{
		"username": username, "updatetime": s.Now(), "tokenversion": gorm.Expr("tokenversion + 1"),
	})
	if res.Error != nil {
		return fmt.Errorf("rename user %d: %w", id, duplicate(res.Error))
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("rename user %d: %w", id, ErrNotFound)
	}
	return nil
}

// duplicate maps a unique-key violation to ErrDuplicate.
func duplicate(err error) error {
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return ErrDuplicate
	}
	msg := err.Error()
	// MySQL 1062 and SQLite's UNIQUE constraint message when the driver does not translate.
	if strings.Contains(msg, "Error 1062") || strings.Contains(msg, "UNIQUE constraint failed") {
		return fmt.Errorf("%w: %v", ErrDuplicate, err)
	}
	return err
}
