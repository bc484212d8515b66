// Package secrets serves the platform's credentials: the AppSecret, the
// message verification token and the EncodingAESKey. Each comes from the
// environment when set there (which then wins and cannot be changed from the
// console), else from a sealed row of the comm table written by the console.
package secrets

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"wxcomponent/comm/secretbox"
)

// Sources of a value.
const (
	SourceEnv     = "env"     // set by the environment variable
	SourceConsole = "console" // saved from the console, sealed in the comm table
	SourceNone    = ""        // not configured
)

// KV is the comm table as this package uses it (dao.Store satisfies it); a
// missing key is reported as dao.ErrNotFound.
type KV interface {
	GetKV(ctx context.Context, key string) (string, error)
	SetKV(ctx context.Context, key, value string) error
}

// Options are the Service's settings, filled from the config.
type Options struct {
	// LegacyPassword is MYSQL_PASSWORD, the original template's key source,
	// used once to migrate an AppSecret it stored.
	LegacyPassword string
	// Env values (WX_APPSECRET, WX_TOKEN, WX_ENCODING_AES_KEY); empty = not set.
	EnvAppSecret, EnvToken, EnvAESKey string
	// CacheTTL bounds how long a value read from the database is reused; the
	// callback path asks on every push. Capped at 5 s so another instance's
	// change is seen quickly. Zero means 5 s.
	CacheTTL time.Duration
	Now      func() time.Time
	// OnAppSecretChange runs after the AppSecret changed, so the component
	// token obtained with the old one is dropped.
	OnAppSecretChange func(ctx context.Context) error
}

// ErrEnvProvided is returned when the console tries to change a value the
// environment sets.
var ErrEnvProvided = errors.New("set by the environment")

// ValidationError says what is wrong with a value submitted from the console;
// its message is safe to show to the operator.
type ValidationError struct{ Msg string }

// Error returns the operator-facing message.
func (e *ValidationError) Error() string { return e.Msg }

// Service reads and writes the credentials. Safe for concurrent use.
type Service struct {
	o     Options
	kv    KV
	box   *secretbox.Box
	items map[string]*item
	mu    sync.Mutex
	cache map[string]cached
}

// cached is one value read from the database and when.
type cached struct {
	value, source string
	at            time.Time
}

// New builds the Service on store; box seals the values the console sets.
func New(store KV, box *secretbox.Box, o Options) *Service {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.CacheTTL <= 0 || o.CacheTTL > 5*time.Second {
		o.CacheTTL = 5 * time.Second
	}
	return &Service{o: o, kv: store, box: box, items: itemsFor(o), cache: map[string]cached{}}
}

// Get returns the AppSecret and where it comes from ("env", "console" or ""
// when not configured).
func (s *Service) Get(ctx context.Context) (value, source string, err error) {
	return s.read(ctx, s.items[KeyAppSecret])
}

// Token returns the message verification token and its source.
func (s *Service) Token(ctx context.Context) (value, source string, err error) {
	return s.read(ctx, s.items[KeyToken])
}

// AESKey returns the EncodingAESKey and its source.
func (s *Service) AESKey(ctx context.Context) (value, source string, err error) {
	return s.read(ctx, s.items[KeyAESKey])
}

// PreviousAESKeys returns the EncodingAESKey replaced by the last change made
// from the console, so pushes sealed with it still decrypt during a rotation.
func (s *Service) PreviousAESKeys(ctx context.Context) ([]string, error) {
	v, _, err := s.read(ctx, s.items[keyPrevAESKey])
	if err != nil || v == "" {
		return nil, err
	}
	return []string{v}, nil
}

// CallbackKeys returns what push verification needs, in one call.
func (s *Service) CallbackKeys(ctx context.Context) (token, aesKey string, previousAESKeys []string, err error) {
	if token, _, err = s.Token(ctx); err != nil {
		return "", "", nil, err
	}
	if aesKey, _, err = s.AESKey(ctx); err != nil {
		return "", "", nil, err
	}
	prev, err := s.PreviousAESKeys(ctx)
	if err != nil {
		return "", "", nil, err
	}
	return token, aesKey, prev, nil
}

// read serves an item from the environment, the cache or the database.
func (s *Service) read(ctx context.Context, it *item) (string, string, error) {
	if it.env != "" {
		return it.env, SourceEnv, nil
	}
	now := s.o.Now()
	s.mu.Lock()
	c, ok := s.cache[it.key]
	s.mu.Unlock()
	if ok && now.Sub(c.at) < s.o.CacheTTL && !now.Before(c.at) {
		return c.value, c.source, nil
	}
	v, err := s.load(ctx, it)
	if err != nil {
		return "", SourceNone, fmt.Errorf("read %s: %w", it.name, err)
	}
	src := SourceNone
	if v != "" {
		src = SourceConsole
	}
	s.remember(it.key, v, src, now)
	return v, src, nil
}

// remember caches a value read or written now.
func (s *Service) remember(key, value, source string, now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cache[key] = cached{value: value, source: source, at: now}
}
