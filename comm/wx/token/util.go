package token

import (
	"hash/fnv"
	"time"

	"go.uber.org/zap"

	"wxcomponent/comm/randid"
)

// orDefault returns d when v is not positive.
func orDefault(v, d time.Duration) time.Duration {
	if v <= 0 {
		return d
	}
	return v
}

// logger returns l or a no-op logger.
func logger(l *zap.Logger) *zap.Logger {
	if l == nil {
		return zap.NewNop()
	}
	return l
}

// newID returns 16 random hex characters (instance and lease owner ids).
func newID() string { return randid.Hex(8) }

// spread maps s to a number in [-1, 1). Derived from the token value, so
// every instance computes the same refresh time for the same token, and
// different tokens (many authorizers) spread over the window.
func spread(s string) float64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(s))
	return float64(h.Sum64()>>11)/float64(1<<53)*2 - 1
}
