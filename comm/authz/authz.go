// Package authz runs merchant authorization for the third-party platform: authorization
// links (pre-auth codes), the exchange of authorization codes from the authorized push and the
// redirect, revocation, and keeping the authorizers table in step with WeChat (per-account
// refresh and the tracked full synchronisation). It knows nothing of HTTP.
package authz

import (
	"context"
	"time"

	"go.uber.org/zap"
	"golang.org/x/sync/singleflight"

	"wxcomponent/comm/wx/api"
	"wxcomponent/comm/wx/token"
	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// WeChat is the part of the WeChat API client authorization needs; every call carries the
// component credential, which the client obtains itself.
type WeChat interface {
	CreatePreAuthCode(ctx context.Context) (api.PreAuthCode, error)
	QueryAuth(ctx context.Context, code string) (api.AuthorizationInfo, error)
	GetAuthorizerInfo(ctx context.Context, appid string) (api.AuthorizerDetails, error)
	GetAuthorizerList(ctx context.Context, offset, count int) (api.AuthorizerList, error)
}

// Tokens is the part of the token manager (*token.Manager) authorization needs: adopting the
// access token api_query_auth returns, forgetting an authorizer's cached token (its grant
// changed) or everything about it (revoked), and sealing refresh tokens the way the manager
// opens them.
type Tokens interface {
	Adopt(ctx context.Context, appid, value string, expiresIn int64) (token.Token, error)
	EvictAuthorizer(ctx context.Context, appid string) error
	PurgeAuthorizer(ctx context.Context, appid string) error
	SealRefreshToken(appid, plain string) (string, error)
	OpenRefreshToken(appid, stored string) (string, error)
}

// Store is the database access authorization needs (dao.Store implements it).
type Store interface {
	GetAuthorizerByAppid(ctx context.Context, appid string) (*model.Authorizer, error)
	UpsertAuthorizer(ctx context.Context, a *model.Authorizer, columns ...string) error
	UpdateAuthorizer(ctx context.Context, appid string, values map[string]any) (bool, error)
	ListAuthorizers(ctx context.Context, f dao.AuthorizerFilter) ([]model.Authorizer, int64, error)
	ListAuthorizerAppids(ctx context.Context, status int) ([]string, error)
	PutAuthMarker(ctx context.Context, kind, code, value string, pruneBefore time.Time) error
	GetAuthMarker(ctx context.Context, kind, code string, notBefore time.Time) (string, error)
	GetKV(ctx context.Context, key string) (string, error)
	SetKV(ctx context.Context, key, value string) error
}

// Options are the Service's settings; the zero value has no links configured.
type Options struct {
	// MPBase and OpenBase are WeChat's web hosts (WX_MP_BASE, WX_OPEN_BASE) for the links.
	MPBase, OpenBase string
	Now              func() time.Time // default time.Now
	Log              *zap.Logger      // default no-op; the Service logs as its "authz"
}

// Service is the authorization flow. Safe for concurrent use.
type Service struct {
	store  Store
	wx     WeChat
	tokens Tokens
	appid  string
	mpBase string
	opBase string
	now    func() time.Time
	log    *zap.Logger
	// exchanges collapses concurrent exchanges of one code on this instance (the push job and
	// the redirect often arrive together); markers cover other instances.
	exchanges singleflight.Group
}

// New builds the Service for the platform componentAppID (WX_APPID; empty means not
// configured yet): store keeps authorizers, wechat calls WeChat with tokens from tokens.
func New(store Store, wechat WeChat, tokens Tokens, componentAppID string, o Options) *Service {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = zap.NewNop()
	}
	return &Service{store: store, wx: wechat, tokens: tokens, appid: componentAppID,
		mpBase: o.MPBase, opBase: o.OpenBase, now: o.Now, log: o.Log.Named("authz")}
}

// markerTTL is how long an exchanged code and a link's state are remembered: longer than any
// code lives (the push's code is valid about an hour), short enough to keep the table small.
const markerTTL = 24 * time.Hour
