package authpage

import (
	"container/list"
	"math"
	"sync"
	"time"
)

// Limiter bounds the public pages' requests with token buckets: one per key (client IP) — a
// key may spend burst requests at once and regains them over a minute — and one shared by
// every key for the calls that mint pre-auth codes, so that many addresses together cannot
// burn the platform's api_create_preauthcode quota either. It lives in memory, per instance.
//
// At most maxKeys per-key buckets are kept; a new key evicts the least recently used one. An
// evicted key starts afresh, which matters only when maxKeys addresses were seen since it was
// last used, and the shared bucket still bounds what they can mint together.
type Limiter struct {
	mu      sync.Mutex
	now     func() time.Time
	perKey  rate
	keys    map[string]*list.Element // values are *keyBucket
	lru     *list.List               // most recently used at the front
	maxKeys int
	global  rate
	shared  bucket
}

// rate is a bucket's refill rate and capacity.
type rate struct {
	perSecond float64
	burst     float64
}

// bucket is a number of tokens at a point in time.
type bucket struct {
	tokens float64
	at     time.Time
}

// keyBucket is one key's bucket, as held in the LRU list.
type keyBucket struct {
	key string
	bucket
}

// Defaults of NewLimiter.
const (
	defaultPerMinute       = 10
	defaultGlobalPerMinute = 120
	defaultMaxKeys         = 10000
)

// NewLimiter allows perMinute requests per key per minute, in bursts of up to perMinute, and
// globalPerMinute pre-auth-code-minting requests per minute across all keys (AllowMint), in
// bursts of up to globalPerMinute. Values <= 0 take the defaults, 10 and 120.
func NewLimiter(perMinute, globalPerMinute int, now func() time.Time) *Limiter {
	if perMinute <= 0 {
		perMinute = defaultPerMinute
	}
	if globalPerMinute <= 0 {
		globalPerMinute = defaultGlobalPerMinute
	}
	if now == nil {
		now = time.Now
	}
	l := &Limiter{now: now, perKey: perMinuteRate(perMinute), keys: map[string]*list.Element{},
		lru: list.New(), maxKeys: defaultMaxKeys, global: perMinuteRate(globalPerMinute)}
	l.shared = bucket{tokens: l.global.burst, at: now()}
	return l
}

// perMinuteRate is n per minute in bursts of n.
func perMinuteRate(n int) rate {
	return rate{perSecond: float64(n) / 60, burst: float64(n)}
}

// Allow spends one token of key; when none is left it reports how long until one is.
func (l *Limiter) Allow(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b := l.touch(key, now)
	if b.tokens < 1 {
		return false, l.perKey.wait(b)
	}
	b.tokens--
	return true, 0
}

// AllowMint is Allow for a request that mints a pre-auth code: it needs a token of key and
// one of the shared bucket, and spends both or neither. When refused it reports how long
// until both have one.
func (l *Limiter) AllowMint(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b := l.touch(key, now)
	l.global.refill(&l.shared, now)
	if b.tokens < 1 || l.shared.tokens < 1 {
		return false, max(l.perKey.wait(b), l.global.wait(&l.shared))
	}
	b.tokens--
	l.shared.tokens--
	return true, 0
}

// touch returns key's bucket refilled to now, creating it (evicting the least recently used
// one when full) if needed, and marks it most recently used.
func (l *Limiter) touch(key string, now time.Time) *bucket {
	if e, ok := l.keys[key]; ok {
		l.lru.MoveToFront(e)
		kb := e.Value.(*keyBucket)
		l.perKey.refill(&kb.bucket, now)
		return &kb.bucket
	}
	for l.lru.Len() >= l.maxKeys && l.lru.Len() > 0 {
		oldest := l.lru.Back()
		l.lru.Remove(oldest)
		delete(l.keys, oldest.Value.(*keyBucket).key)
	}
	kb := &keyBucket{key: key, bucket: bucket{tokens: l.perKey.burst, at: now}}
	l.keys[key] = l.lru.PushFront(kb)
	return &kb.bucket
}

// refill adds the tokens regained since b.at, up to the burst. A clock that went back adds
// none until it passes b.at again.
func (r rate) refill(b *bucket, now time.Time) {
	if now.After(b.at) {
		b.tokens = math.Min(r.burst, b.tokens+now.Sub(b.at).Seconds()*r.perSecond)
		b.at = now
	}
}

// wait is how long until b holds a whole token; 0 if it does.
func (r rate) wait(b *bucket) time.Duration {
	if b.tokens >= 1 {
		return 0
	}
	return time.Duration((1 - b.tokens) / r.perSecond * float64(time.Second))
}
