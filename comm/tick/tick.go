// Package tick runs a function on a fixed interval for the background loops that have nothing
// else to wait for (reloads, periodic clean-ups).
package tick

import (
	"context"
	"time"
)

// Every runs fn at each interval, never at once, until ctx ends; fn runs on the caller's
// goroutine, so a slow fn delays the next tick rather than overlapping it.
func Every(ctx context.Context, interval time.Duration, fn func()) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			fn()
		}
	}
}
