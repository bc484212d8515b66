package authpage

import (
	"math"
	"sync"
	"time"
)

// Limiter is a token bucket per key (client IP): each key may spend Burst requests at once
// and regains Rate per second. It lives in memory, per instance — enough to stop a stranger
// from burning the platform's WeChat quota through the public pages.
type Limiter struct {
	mu      sync.Mutex
	rate    float64 // tokens per second
	burst   float64
	now     func() time.Time
	buckets map[string]*bucket
	maxKeys int
}

// bucket is one key's tokens at a point in time.
type bucket struct {
	tokens float64
	at     time.Time
}

// NewLimiter allows perMinute requests per key per minute, in bursts of up to perMinute.
func NewLimiter(perMinute int, now func() time.Time) *Limiter {
	if perMinute <= 0 {
		perMinute = 10
	}
	if now == nil {
		now = time.Now
	}
	return &Limiter{rate: float64(perMinute) / 60, burst: float64(perMinute), now: now,
		buckets: map[string]*bucket{}, maxKeys: 10000}
}

// Allow spends one token of key; when none is left it reports how long until one is.
func (l *Limiter) Allow(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b := l.buckets[key]
	if b == nil {
		l.makeRoom(now)
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[key] = b
	}
	b.tokens = math.Min(l.burst, b.tokens+now.Sub(b.at).Seconds()*l.rate)
	b.at = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	wait := time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
	return false, wait
}

// makeRoom forgets refilled buckets (they equal a fresh one) once the map is full, so a flood
// of source addresses cannot grow memory without bound. If every bucket is in use the map is
// reset: briefly more lenient, never unbounded.
func (l *Limiter) makeRoom(now time.Time) {
	if len(l.buckets) < l.maxKeys {
		return
	}
	for k, b := range l.buckets {
		if b.tokens+now.Sub(b.at).Seconds()*l.rate >= l.burst {
			delete(l.buckets, k)
		}
	}
	if len(l.buckets) >= l.maxKeys {
		l.buckets = map[string]*bucket{}
	}
}
