// Package token keeps the platform's credentials alive: the durable
// component_verify_ticket store with its watchdog, and the Manager of the
// component and authorizer access tokens (memory → singleflight → database
// row → database lease → re-check → WeChat → persist), refreshed in the
// background before they expire.
package token

import (
	"context"
	"fmt"
	"time"

	"go.uber.org/zap"
	"golang.org/x/sync/singleflight"

	"wxcomponent/comm/secretbox"
	"wxcomponent/comm/wx/api"
)

// Token is an access token and the time after which it must not be used.
type Token struct {
	Value     string
	ExpiresAt time.Time
}

// Options configures a Manager; zero values take the defaults noted.
type Options struct {
	Now        func() time.Time // default time.Now
	Logger     *zap.Logger      // default no-op; the manager logs as its "token"
	InstanceID string           // default: random

	RefreshAt    float64       // background refresh at this share of the lifetime (0.8)
	Jitter       float64       // ± share of the lifetime around RefreshAt (0.05)
	HardMargin   time.Duration // stop serving this long before WeChat's expiry (5 min)
	MemoryTTL    time.Duration // re-check a memory entry against the database after (60 s)
	LeaseTTL     time.Duration // refresh lease lifetime (15 s)
	LeaseWait    time.Duration // how long to wait for another instance's refresh (20 s)
	LeasePoll    time.Duration // pause between looks while waiting (100 ms)
	StormLimit   int           // upstream refreshes of one token per hour before refusing (20)
	LoopInterval time.Duration // background loop period (30 s)
	KeepWarm     time.Duration // keep refreshing a token served within this (24 h)
	Concurrency  int           // parallel background refreshes (4)
}

// Manager serves access tokens. Safe for concurrent use; run Run in the
// background for proactive refreshes.
type Manager struct {
	o       Options
	store   Store
	secrets AppSecretSource
	tickets *Tickets
	box     *secretbox.Box
	appid   string
	api     *api.Client
	log     *zap.Logger
	cache   *cache
	sf      singleflight.Group
}

// NewManager builds a Manager for the component componentAppID and binds client (unbound) to
// it, so its own component-level calls (api_authorizer_token) get the component token. box
// seals the authorizers' refresh tokens; secrets gives the AppSecret, tickets the ticket.
func NewManager(store Store, client *api.Client, secrets AppSecretSource, tickets *Tickets, box *secretbox.Box,
	componentAppID string, o Options) *Manager {
	o = o.withDefaults()
	m := &Manager{o: o, store: store, secrets: secrets, tickets: tickets, box: box, appid: componentAppID,
		log: logger(o.Logger).Named("token"), cache: newCache()}
	m.api = client.WithTokens(m)
	return m
}

// withDefaults fills zero values.
func (o Options) withDefaults() Options {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.InstanceID == "" {
		o.InstanceID = newID()
	}
	if o.RefreshAt <= 0 || o.RefreshAt >= 1 {
		o.RefreshAt = 0.8
	}
	if o.Jitter <= 0 {
		o.Jitter = 0.05
	}
	if o.StormLimit <= 0 {
		o.StormLimit = 20
	}
	if o.Concurrency <= 0 {
		o.Concurrency = 4
	}
	o.HardMargin = orDefault(o.HardMargin, 5*time.Minute)
	o.MemoryTTL = orDefault(o.MemoryTTL, time.Minute)
	o.LeaseTTL = orDefault(o.LeaseTTL, 15*time.Second)
	o.LeaseWait = orDefault(o.LeaseWait, 20*time.Second)
	o.LeasePoll = orDefault(o.LeasePoll, 100*time.Millisecond)
	o.LoopInterval = orDefault(o.LoopInterval, 30*time.Second)
	o.KeepWarm = orDefault(o.KeepWarm, 24*time.Hour)
	return o
}

// Component returns the component_access_token.
func (m *Manager) Component(ctx context.Context) (Token, error) {
	return m.get(ctx, m.componentKey())
}

// Authorizer returns the authorizer_access_token of appid.
func (m *Manager) Authorizer(ctx context.Context, appid string) (Token, error) {
	if appid == "" {
		return Token{}, ErrAppIDRequired // never fall back to "the first authorizer"
	}
	return m.get(ctx, key{kind: api.KindAuthorizer, appid: appid})
}

// AccessToken serves the API client (api.Tokens).
func (m *Manager) AccessToken(ctx context.Context, kind api.Kind, appid string) (string, error) {
	var t Token
	var err error
	if kind == api.KindComponent {
		t, err = m.Component(ctx)
	} else {
		t, err = m.Authorizer(ctx, appid)
	}
	return t.Value, err
}

// Invalidate drops failed, a token WeChat rejected, from memory and from the
// database, but only where it is still the current token: a newer one stored
// by another instance meanwhile is kept.
func (m *Manager) Invalidate(ctx context.Context, kind api.Kind, appid, failed string) error {
	k := m.keyFor(kind, appid)
	if k.appid == "" || failed == "" {
		return nil
	}
	m.cache.dropIf(k, failed)
	if _, err := m.store.DeleteWxTokenIf(ctx, int(k.kind), k.appid, failed); err != nil {
		return fmt.Errorf("invalidate %s token: %w", k, err)
	}
	m.log.Info("rejected token invalidated", zap.Stringer("token_key", k))
	return nil
}

// ResetComponent drops the component token whatever it is (the AppSecret
// changed, so it was obtained with a secret no longer valid).
func (m *Manager) ResetComponent(ctx context.Context) error {
	k := m.componentKey()
	m.cache.drop(k)
	return m.store.DeleteWxToken(ctx, int(k.kind), k.appid)
}

// componentKey is the cache and row key of the component token.
func (m *Manager) componentKey() key {
	return key{kind: api.KindComponent, appid: m.appid}
}

// keyFor maps an API client's (kind, appid) to a key.
func (m *Manager) keyFor(kind api.Kind, appid string) key {
	if kind == api.KindComponent {
		return m.componentKey()
	}
	return key{kind: api.KindAuthorizer, appid: appid}
}
