package token

import (
	"context"
	"errors"
	"fmt"

	"wxcomponent/comm/wx/api"
	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// prepare does, before the lease is taken, what a refresh needs that may
// itself call WeChat: an authorizer refresh needs the component token, and
// fetching it inside the authorizer's lease could outlast the lease.
func (m *Manager) prepare(ctx context.Context, k key) error {
	if k.kind != api.KindAuthorizer || m.api.CloudRunOpenAPI() {
		return nil
	}
	_, err := m.Component(ctx)
	return err
}

// fetch calls WeChat for a new token of k.
func (m *Manager) fetch(ctx context.Context, k key) (string, int64, error) {
	if k.kind == api.KindComponent {
		return m.fetchComponent(ctx)
	}
	return m.fetchAuthorizer(ctx, k.appid)
}

// fetchComponent exchanges AppSecret and ticket for a component token.
func (m *Manager) fetchComponent(ctx context.Context) (string, int64, error) {
	secret, _, err := m.secrets.Get(ctx)
	if err != nil {
		return "", 0, err
	}
	if secret == "" {
		return "", 0, ErrNoAppSecret
	}
	ticket, _, err := m.tickets.Latest(ctx)
	if err != nil {
		return "", 0, err
	}
	if err := m.guard(ctx, api.PathComponentToken, m.appid); err != nil {
		return "", 0, err
	}
	res, err := m.api.GetComponentToken(ctx, secret, ticket)
	if api.IsCode(err, api.CodeTicketExpired, api.CodeTicketInvalid) {
		m.tickets.Wake()
		return "", 0, fmt.Errorf("%w: %w", ErrTicketStale, err)
	}
	return res.AccessToken, res.ExpiresIn, err
}

// fetchAuthorizer exchanges the authorizer's refresh token for a new access
// token, and keeps a new refresh token when WeChat returns one.
func (m *Manager) fetchAuthorizer(ctx context.Context, appid string) (string, int64, error) {
	refresh, err := m.refreshToken(ctx, appid)
	if err != nil {
		return "", 0, err
	}
	if err := m.guard(ctx, api.PathAuthorizerToken, appid); err != nil {
		return "", 0, err
	}
	res, err := m.api.RefreshAuthorizerToken(ctx, appid, refresh)
	switch {
	case api.IsCode(err, api.CodeNotAuthorized):
		return "", 0, fmt.Errorf("%w: %w", ErrAuthorizerRevoked, err)
	case api.IsCode(err, api.CodeRefreshTokenBad):
		return "", 0, fmt.Errorf("%w: %w", ErrRefreshTokenInvalid, err)
	case err != nil:
		return "", 0, err
	}
	if res.RefreshToken != "" && res.RefreshToken != refresh {
		m.keepRefreshToken(ctx, appid, refresh, res.RefreshToken)
	}
	return res.AccessToken, res.ExpiresIn, nil
}

// refreshToken reads the authorizer's refresh token, checking its state.
func (m *Manager) refreshToken(ctx context.Context, appid string) (string, error) {
	cred, err := m.store.GetAuthorizerCredential(ctx, appid)
	if errors.Is(err, dao.ErrNotFound) {
		return "", fmt.Errorf("%w: %s", ErrUnknownAuthorizer, appid)
	}
	if err != nil {
		return "", err
	}
	if cred.Status == model.AuthorizerRevoked {
		return "", fmt.Errorf("%w: %s", ErrAuthorizerRevoked, appid)
	}
	plain, err := m.openStored(ctx, appid, cred.RefreshToken)
	if err != nil {
		return "", err
	}
	if plain == "" {
		return "", fmt.Errorf("%w: %s", ErrNoRefreshToken, appid)
	}
	return plain, nil
}

// guard refuses a refresh storm: more than StormLimit upstream refreshes of
// one token in the current hour, counted across the cluster. The attempt is
// counted before the call, so failing calls count too.
func (m *Manager) guard(ctx context.Context, path, appid string) error {
	bucket := dao.HourBucket(m.o.Now())
	n, err := m.store.GetAPICalls(ctx, bucket, path, appid)
	if err != nil {
		return err
	}
	if n >= int64(m.o.StormLimit) {
		return fmt.Errorf("%w (%d calls of %s for %s this hour)", ErrRefreshStorm, n, path, appid)
	}
	return m.store.IncrAPICall(ctx, bucket, path, appid)
}
