package wire

import (
	"context"
	"time"

	"go.uber.org/zap"

	"wxcomponent/comm/adminauth"
	"wxcomponent/comm/secretbox"
	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// AdminAuthConfig is the configuration of console authentication.
type AdminAuthConfig struct {
	HashConcurrency int              // LOGIN_HASH_CONCURRENCY: bcrypt comparisons at once
	HashWait        time.Duration    // LOGIN_HASH_WAIT: how long a login waits for a slot
	HashCost        int              // bcrypt cost (default 12; tests use bcrypt.MinCost)
	SessionTTL      time.Duration    // JWT lifetime (default 12 h)
	Now             func() time.Time // default time.Now
	Logger          *zap.Logger      // the service's (default no-op)
}

// NewAdminAuth builds console authentication on store: the JWT key (generated once, sealed
// by box), the login throttle, the hashing gate and the service.
func NewAdminAuth(ctx context.Context, store *dao.Store, box *secretbox.Box, c AdminAuthConfig) (*adminauth.Service, error) {
	if c.HashCost == 0 {
		c.HashCost = 12
	}
	if c.SessionTTL == 0 {
		c.SessionTTL = 12 * time.Hour
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Logger == nil {
		c.Logger = zap.NewNop()
	}
	key, err := adminauth.LoadKey(ctx, store, box, model.KVJWTSecret)
	if err != nil {
		return nil, err
	}
	tokens, err := adminauth.NewTokens(key, c.SessionTTL, c.Now)
	if err != nil {
		return nil, err
	}
	return adminauth.NewService(store, adminauth.Hasher{Cost: c.HashCost}, tokens,
		adminauth.NewThrottle(store, c.Now), adminauth.NewHashGate(c.HashConcurrency, c.HashWait), c.Logger), nil
}
