package wire

import (
	"time"

	"go.uber.org/zap"

	"wxcomponent/comm/authz"
	"wxcomponent/db/dao"
)

// AuthorizationConfig is the configuration of the authorization flow.
type AuthorizationConfig struct {
	// ComponentAppID is WX_APPID; empty means not configured yet.
	ComponentAppID   string
	MPBase, OpenBase string           // WX_MP_BASE, WX_OPEN_BASE
	Now              func() time.Time // default time.Now
	Logger           *zap.Logger      // the Service names itself "authz"
	Sync             authz.SyncOptions
}

// Authorization is the authorization flow and the authorizer-list sync. Close the Syncer at
// shutdown.
type Authorization struct {
	Service *authz.Service
	Syncer  *authz.Syncer
}

// NewAuthorization builds the authorization flow on store with the credential stack c.
func NewAuthorization(store *dao.Store, c *Credentials, cfg AuthorizationConfig) *Authorization {
	svc := authz.New(store, c.WeChat, c.Tokens, cfg.ComponentAppID,
		authz.Options{MPBase: cfg.MPBase, OpenBase: cfg.OpenBase, Now: cfg.Now, Log: cfg.Logger})
	return &Authorization{Service: svc, Syncer: authz.NewSyncer(svc, store, cfg.Sync)}
}
