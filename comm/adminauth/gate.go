package adminauth

import (
	"context"
	"errors"
	"sync"
	"time"
)

// ErrBusy means the password hashing slots stayed full for the whole queue wait.
var ErrBusy = errors.New("password hashing busy")

// HashGate caps concurrent password hashing. bcrypt at cost 12 keeps a core
// busy for ~250 ms, so a login flood would otherwise take every core from
// pushes, token requests and the console; beyond the cap a login waits in line
// for at most Wait and is then refused (429), which costs nothing.
type HashGate struct {
	slots chan struct{}
	wait  time.Duration
}

// NewHashGate allows size concurrent hashes, each caller queueing for at most wait.
func NewHashGate(size int, wait time.Duration) *HashGate {
	return &HashGate{slots: make(chan struct{}, max(size, 1)), wait: wait}
}

// Do runs fn in a slot, or returns ErrBusy when none frees up in time.
func (g *HashGate) Do(ctx context.Context, fn func()) error {
	timer := time.NewTimer(g.wait)
	defer timer.Stop()
	select {
	case g.slots <- struct{}{}:
	case <-timer.C:
		return ErrBusy
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-g.slots }()
	fn()
	return nil
}

// TryDo runs fn if a slot is free right now, without queueing; otherwise ErrBusy.
// Callers queued in Do are handed a freed slot before TryDo can see it.
func (g *HashGate) TryDo(fn func()) error {
	select {
	case g.slots <- struct{}{}:
	default:
		return ErrBusy
	}
	defer func() { <-g.slots }()
	fn()
	return nil
}

// inflight admits one login at a time per source, so a source cannot pass the
// throttle's check many times in parallel before its first failure is stored.
type inflight struct {
	mu   sync.Mutex
	busy map[string]bool
}

// enter claims key; false when a login from it is already running.
func (f *inflight) enter(key string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.busy[key] {
		return false
	}
	if f.busy == nil {
		f.busy = map[string]bool{}
	}
	f.busy[key] = true
	return true
}

// leave releases key.
func (f *inflight) leave(key string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.busy, key)
}
