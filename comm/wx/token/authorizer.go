package token

import (
	"context"
	"fmt"

	"go.uber.org/zap"

	"wxcomponent/comm/secretbox"
	"wxcomponent/comm/wx/api"
	"wxcomponent/db/model"
)

// refreshAAD binds a sealed refresh token to its authorizer row.
func refreshAAD(appid string) string { return "authorizers.refreshtoken:" + appid }

// SealRefreshToken seals an authorizer refresh token for the
// authorizers.refreshtoken column; whoever stores one (authorization
// processing, authorizer list sync) must store this form.
func (m *Manager) SealRefreshToken(appid, plain string) (string, error) {
	if plain == "" {
		return "", nil
	}
	s, err := m.box.Seal(plain, refreshAAD(appid))
	if err != nil {
		return "", fmt.Errorf("seal refresh token of %s: %w", appid, err)
	}
	return s, nil
}

// OpenRefreshToken returns the plain refresh token from a stored column
// value; values written in plain text by the original template pass through.
func (m *Manager) OpenRefreshToken(appid, stored string) (string, error) {
	if !secretbox.IsSealed(stored) {
		return stored, nil
	}
	v, err := m.box.Open(stored, refreshAAD(appid))
	if err != nil {
		return "", fmt.Errorf("open refresh token of %s (SECRET_KEY changed?): %w", appid, err)
	}
	return v, nil
}

// openStored opens the stored refresh token and re-seals a plain legacy one.
func (m *Manager) openStored(ctx context.Context, appid, stored string) (string, error) {
	plain, err := m.OpenRefreshToken(appid, stored)
	if err != nil || plain == "" || secretbox.IsSealed(stored) {
		return plain, err
	}
	sealed, err := m.SealRefreshToken(appid, plain)
	if err == nil {
		_, err = m.store.ReplaceAuthorizerRefreshToken(ctx, appid, stored, sealed)
	}
	if err != nil {
		m.log.Warn("re-seal legacy refresh token", zap.String("appid", appid), zap.Error(err))
	}
	return plain, nil
}

// keepRefreshToken stores the refresh token WeChat returned, sealed, in place
// of the one this refresh used. If the stored token is no longer the used one
// (the merchant re-authorized while WeChat answered), the newer grant's token
// is kept: overwriting it with ours would leave a token WeChat invalidated.
func (m *Manager) keepRefreshToken(ctx context.Context, appid, used, plain string) {
	cred, err := m.store.GetAuthorizerCredential(ctx, appid)
	if err == nil {
		var current string
		if current, err = m.OpenRefreshToken(appid, cred.RefreshToken); err == nil && current != used {
			m.log.Info("refresh token replaced meanwhile; keeping the newer one", zap.String("appid", appid))
			return
		}
	}
	if err == nil {
		var sealed string
		if sealed, err = m.SealRefreshToken(appid, plain); err == nil {
			_, err = m.store.ReplaceAuthorizerRefreshToken(ctx, appid, cred.RefreshToken, sealed)
		}
	}
	if err != nil {
		m.log.Warn("keep new refresh token", zap.String("appid", appid), zap.Error(err))
	}
}

// EvictAuthorizer forgets the authorizer's access token (memory and row);
// called on authorized/updateauthorized, after which WeChat rejects the old
// token as "not latest". The next request refreshes it.
func (m *Manager) EvictAuthorizer(ctx context.Context, appid string) error {
	if appid == "" {
		return ErrAppIDRequired
	}
	k := key{kind: api.KindAuthorizer, appid: appid}
	m.cache.drop(k)
	return m.store.DeleteWxToken(ctx, int(k.kind), appid)
}

// PurgeAuthorizer deletes every trace of the authorizer's access token
// (unauthorized); refresh attempts then stop, since the authorizer row is
// marked revoked by the caller.
func (m *Manager) PurgeAuthorizer(ctx context.Context, appid string) error {
	return m.EvictAuthorizer(ctx, appid)
}

// Adopt stores an authorizer token obtained elsewhere, namely the one
// api_query_auth returns on authorization, so it is not thrown away.
func (m *Manager) Adopt(ctx context.Context, appid, value string, expiresIn int64) (Token, error) {
	if appid == "" {
		return Token{}, ErrAppIDRequired
	}
	now := m.o.Now()
	hard, due := m.schedule(now, expiresIn, value)
	row := model.WxToken{Type: int(api.KindAuthorizer), AppID: appid, Token: value, ExpireTime: hard, UpdateTime: now.UTC()}
	if err := m.store.UpsertWxToken(ctx, row); err != nil {
		return Token{}, err
	}
	tok := Token{Value: value, ExpiresAt: hard}
	m.cache.put(key{kind: api.KindAuthorizer, appid: appid}, tok, due, now)
	return tok, nil
}
