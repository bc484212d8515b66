package dao

import (
	"context"
	"fmt"

	"wxcomponent/db/model"
)

// AuthorizerCredential is what the token manager needs of an authorizer row.
type AuthorizerCredential struct {
	RefreshToken string // as stored: sealed, or plain in rows written by the original
	Status       int    // model.AuthorizerActive or model.AuthorizerRevoked
}

// GetAuthorizerCredential reads the stored refresh token and status of appid;
// ErrNotFound when the account never authorized the platform.
func (s *Store) GetAuthorizerCredential(ctx context.Context, appid string) (AuthorizerCredential, error) {
	var row model.Authorizer
	err := s.db.WithContext(ctx).Select("refreshtoken", "status").Where("appid = ?", appid).Take(&row).Error
	if err != nil {
		return AuthorizerCredential{}, fmt.Errorf("get authorizer %s credential: %w", appid, notFound(err))
	}
	return AuthorizerCredential{RefreshToken: row.RefreshToken, Status: row.Status}, nil
}

// ReplaceAuthorizerRefreshToken stores next only while the row still holds
// prev, so re-sealing an old value or saving the one WeChat returned cannot
// overwrite a refresh token a concurrent re-authorization just wrote.
func (s *Store) ReplaceAuthorizerRefreshToken(ctx context.Context, appid, prev, next string) (bool, error) {
	res := s.db.WithContext(ctx).Model(&model.Authorizer{}).
		Where("appid = ? AND refreshtoken = ?", appid, prev).Update("refreshtoken", next)
	if res.Error != nil {
		return false, fmt.Errorf("replace refresh token of %s: %w", appid, res.Error)
	}
	return res.RowsAffected > 0, nil
}
