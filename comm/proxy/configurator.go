package proxy

import (
	"context"
	"time"

	"go.uber.org/zap"

	"wxcomponent/comm/kvsetting"
	"wxcomponent/db/model"
)

// Configurator owns the proxy setting: it validates changes, stores them in the comm table and
// keeps every instance's copy current (Watch). Build with New.
type Configurator struct {
	rules   Rules
	setting *kvsetting.Setting[Config]
}

// New builds the configurator on kv; closed until Reload reads the stored row.
func New(kv kvsetting.KV, rules Rules, log *zap.Logger) *Configurator {
	codec := kvsetting.Codec[Config]{Decode: Decode, Encode: Encode}
	return &Configurator{rules: rules, setting: kvsetting.New(kv, model.KVProxy, Config{}, codec, log)}
}

// Current returns the configuration in force here.
func (c *Configurator) Current() Config { return c.setting.Get() }

// Generation changes exactly when Current does (api/proxy rebuilds its proxy on it).
func (c *Configurator) Generation() any { return c.setting.Generation() }

// Check validates a request without storing it (the console's test of unsaved values).
func (c *Configurator) Check(r Request) (Config, error) { return c.rules.Build(r) }

// Save validates r, stores it and applies it here at once; other instances follow within a poll.
func (c *Configurator) Save(ctx context.Context, r Request) (Config, error) {
	cfg, err := c.rules.Build(r)
	if err != nil {
		return Config{}, err
	}
	if err := c.setting.Set(ctx, cfg); err != nil {
		return Config{}, err
	}
	return cfg, nil
}

// Reload reads the stored configuration now.
func (c *Configurator) Reload(ctx context.Context) error { return c.setting.Reload(ctx) }

// Watch keeps the configuration current until ctx ends (kvsetting.DefaultPoll when <= 0).
func (c *Configurator) Watch(ctx context.Context, every time.Duration) { c.setting.Watch(ctx, every) }
