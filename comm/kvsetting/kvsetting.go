// Package kvsetting keeps one small setting of the comm key/value table in memory and in step
// with the database: every instance reads it at start and polls it every few seconds, so a change
// made on one instance is seen by all within one poll without a restart (the original only read
// such settings at start). Reading the value is an atomic load, cheap enough for every request.
package kvsetting

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"go.uber.org/zap"

	"wxcomponent/comm/tick"
	"wxcomponent/db/dao"
)

// DefaultPoll is how often Watch re-reads the key: the bound of "other instances see it".
const DefaultPoll = 2 * time.Second

// KV is the part of dao.Store a setting needs.
type KV interface {
	GetKV(ctx context.Context, key string) (string, error)
	SetKV(ctx context.Context, key, value string) error
}

// Codec turns the stored text into a value and back. Decode of a value that does not decode
// (hand-edited, written by another version) returns an error: the setting then keeps its
// default rather than half a value.
type Codec[T any] struct {
	Decode func(raw string) (T, error)
	Encode func(v T) (string, error)
}

// Setting is one watched key. Safe for concurrent use; build with New.
type Setting[T any] struct {
	kv    KV
	key   string
	codec Codec[T]
	def   T
	log   *zap.Logger
	cur   atomic.Pointer[entry[T]]
	write sync.Mutex // orders Set against Reload so a poll never undoes a fresh write
}

// entry is the value together with the text it came from, to skip decoding unchanged polls.
type entry[T any] struct {
	raw string
	v   T
}

// New builds a setting holding def until the first Reload.
func New[T any](kv KV, key string, def T, codec Codec[T], log *zap.Logger) *Setting[T] {
	if log == nil {
		log = zap.NewNop()
	}
	s := &Setting[T]{kv: kv, key: key, codec: codec, def: def, log: log}
	s.cur.Store(&entry[T]{v: def})
	return s
}

// Get returns the current value.
func (s *Setting[T]) Get() T { return s.cur.Load().v }

// Generation returns an identity that changes exactly when the value is replaced, so a user of
// the value can rebuild what it derives from it only on change.
func (s *Setting[T]) Generation() any { return s.cur.Load() }

// Set stores v in the database and applies it here at once.
func (s *Setting[T]) Set(ctx context.Context, v T) error {
	raw, err := s.codec.Encode(v)
	if err != nil {
		return fmt.Errorf("encode %s: %w", s.key, err)
	}
	s.write.Lock()
	defer s.write.Unlock()
	if err := s.kv.SetKV(ctx, s.key, raw); err != nil {
		return err
	}
	s.cur.Store(&entry[T]{raw: raw, v: v})
	return nil
}

// Reload reads the key and applies it when it changed. An absent key means the default; a
// value that does not decode keeps the default too and is logged.
func (s *Setting[T]) Reload(ctx context.Context) error {
	s.write.Lock()
	defer s.write.Unlock()
	raw, err := s.kv.GetKV(ctx, s.key)
	if errors.Is(err, dao.ErrNotFound) {
		raw, err = "", nil
	}
	if err != nil {
		return err
	}
	if raw == s.cur.Load().raw {
		return nil
	}
	v := s.def
	if raw != "" {
		if v, err = s.codec.Decode(raw); err != nil {
			s.log.Warn("stored setting does not decode; using the default", zap.String("key", s.key), zap.Error(err))
			v = s.def
		}
	}
	s.cur.Store(&entry[T]{raw: raw, v: v})
	return nil
}

// Watch reloads every interval (DefaultPoll when <= 0) until ctx ends; failures are logged and
// the last good value stays.
func (s *Setting[T]) Watch(ctx context.Context, interval time.Duration) {
	if interval <= 0 {
		interval = DefaultPoll
	}
	tick.Every(ctx, interval, func() {
		if err := s.Reload(ctx); err != nil && ctx.Err() == nil {
			s.log.Warn("reload setting", zap.String("key", s.key), zap.Error(err))
		}
	})
}
