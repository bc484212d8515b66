package token

import (
	"fmt"
	"sync"
	"time"

	"wxcomponent/comm/wx/api"
)

// key names one token: its kind and the appid of its wxtoken row.
type key struct {
	kind  api.Kind
	appid string
}

// String names the key in logs and lease names (no secret in it).
func (k key) String() string { return fmt.Sprintf("%d:%s", k.kind, k.appid) }

// entry is one token held in memory.
type entry struct {
	tok      Token
	dueAt    time.Time // background refresh time
	checked  time.Time // last confirmed against the database
	used     time.Time // last served
	failures int       // consecutive background refresh failures
	retryAt  time.Time // no background attempt before
}

// cache is the per-instance memory of tokens.
type cache struct {
	mu sync.Mutex
	m  map[key]*entry
}

// newCache builds an empty cache.
func newCache() *cache { return &cache{m: map[key]*entry{}} }

// fresh returns the token if it may be served without looking at the
// database: before its hard expiry and confirmed within ttl.
func (c *cache) fresh(k key, now time.Time, ttl time.Duration) (Token, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.m[k]
	if e == nil || !now.Before(e.tok.ExpiresAt) || now.Sub(e.checked) >= ttl || now.Before(e.checked) {
		return Token{}, false
	}
	e.used = now
	return e.tok, true
}

// usable returns the token if it is before its hard expiry, however long ago
// it was confirmed (used when the database cannot be reached).
func (c *cache) usable(k key, now time.Time) (Token, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.m[k]
	if e == nil || !now.Before(e.tok.ExpiresAt) {
		return Token{}, false
	}
	return e.tok, true
}

// put stores a token confirmed now, keeping usage and failure bookkeeping
// when it replaces the same key.
func (c *cache) put(k key, tok Token, dueAt, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.m[k]
	if e == nil {
		e = &entry{used: now}
		c.m[k] = e
	}
	e.tok, e.dueAt, e.checked = tok, dueAt, now
	e.failures, e.retryAt = 0, time.Time{}
}

// drop forgets k.
func (c *cache) drop(k key) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, k)
}

// dropIf forgets k only while it holds value.
func (c *cache) dropIf(k key, value string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.m[k]; e != nil && e.tok.Value == value {
		delete(c.m, k)
	}
}

// due lists keys whose background refresh is due, served since idleSince,
// and not backing off; keys idle for longer are forgotten.
func (c *cache) due(now, idleSince time.Time) []key {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []key
	for k, e := range c.m {
		switch {
		case e.used.Before(idleSince) && !now.Before(e.tok.ExpiresAt):
			delete(c.m, k)
		case e.used.Before(idleSince), now.Before(e.dueAt), now.Before(e.retryAt):
		default:
			out = append(out, k)
		}
	}
	return out
}

// failed records a failed background refresh and when to try again.
func (c *cache) failed(k key, now time.Time, base, maxWait time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.m[k]
	if e == nil {
		return
	}
	e.failures++
	wait := base << min(e.failures-1, 10)
	e.retryAt = now.Add(min(wait, maxWait))
}
