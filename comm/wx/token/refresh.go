package token

import (
	"context"
	"errors"
	"sync"
	"time"

	"go.uber.org/zap"

	"wxcomponent/db/dao"
)

// Background retry after a failed refresh: 30 s, doubling, at most 10 min,
// so a persistent failure does not trip the storm guard by itself.
const (
	retryBase = 30 * time.Second
	retryMax  = 10 * time.Minute
	// callHistory is how long daily API call counters are kept.
	callHistory = 40 * 24 * time.Hour
)

// Run refreshes tokens in the background until ctx ends: every
// LoopInterval, each token served recently whose refresh time (≈80 % of its
// life, jittered per token) has passed is refreshed while the old one keeps
// being served. Once a day it prunes old API call counters.
func (m *Manager) Run(ctx context.Context) {
	tick := time.NewTicker(m.o.LoopInterval)
	defer tick.Stop()
	var pruned time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		m.RefreshDue(ctx)
		if now := m.o.Now(); now.Sub(pruned) >= 24*time.Hour {
			pruned = now
			m.prune(ctx, now)
		}
	}
}

// RefreshDue runs one background round and reports how many tokens it refreshed.
func (m *Manager) RefreshDue(ctx context.Context) int {
	now := m.o.Now()
	keys := m.cache.due(now, now.Add(-m.o.KeepWarm))
	sem := make(chan struct{}, m.o.Concurrency)
	var wg sync.WaitGroup
	var mu sync.Mutex
	n := 0
	for _, k := range keys {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			if m.refreshOne(ctx, k) {
				mu.Lock()
				n++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return n
}

// refreshOne refreshes one due token; failures back off.
func (m *Manager) refreshOne(ctx context.Context, k key) bool {
	_, err, _ := m.sf.Do("bg:"+k.String(), func() (any, error) {
		lctx, cancel := context.WithTimeout(ctx, m.o.LeaseTTL+m.o.LeaseWait)
		defer cancel()
		return m.load(lctx, k, true)
	})
	switch {
	case errors.Is(err, errSkipped):
		return false
	case err != nil:
		m.cache.failed(k, m.o.Now(), retryBase, retryMax)
		m.log.Warn("background token refresh failed", zap.Stringer("token_key", k), zap.Error(err))
		return false
	}
	return true
}

// prune deletes API call counters older than callHistory.
func (m *Manager) prune(ctx context.Context, now time.Time) {
	if _, err := m.store.PruneAPICalls(ctx, dao.DayBucket(now.Add(-callHistory))); err != nil {
		m.log.Warn("prune api call counters", zap.Error(err))
	}
}
