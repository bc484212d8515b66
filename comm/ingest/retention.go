package ingest

import (
	"context"
	"fmt"
	"time"

	"go.uber.org/zap"
)

// pruneChunk is how many rows one DELETE removes.
const pruneChunk = 1000

// PruneStore deletes old pushes (dao.Store).
type PruneStore interface {
	PruneComponentRecords(ctx context.Context, before time.Time, limit int) (int64, error)
	PruneBizRecords(ctx context.Context, before time.Time, limit int) (int64, error)
}

// Pruner enforces a retention period on the two push tables, which the original let grow
// without bound (a ticket every 10 minutes, every user message).
type Pruner struct {
	store PruneStore
	keep  time.Duration
	now   func() time.Time
	log   *zap.Logger
}

// NewPruner builds a pruner keeping pushes for keep; keep ≤ 0 disables it.
func NewPruner(store PruneStore, keep time.Duration, now func() time.Time, log *zap.Logger) *Pruner {
	if now == nil {
		now = time.Now
	}
	if log == nil {
		log = zap.NewNop()
	}
	return &Pruner{store: store, keep: keep, now: now, log: log}
}

// Run prunes now and then every interval until ctx ends.
func (p *Pruner) Run(ctx context.Context, every time.Duration) {
	if p.keep <= 0 {
		return
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if n, err := p.PruneOnce(ctx); err != nil && ctx.Err() == nil {
			p.log.Warn("prune pushes failed", zap.Error(err))
		} else if n > 0 {
			p.log.Info("pruned old pushes", zap.Int64("rows", n))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// PruneOnce deletes every push older than the retention, a chunk at a time, and returns how
// many rows went.
func (p *Pruner) PruneOnce(ctx context.Context) (int64, error) {
	if p.keep <= 0 {
		return 0, nil
	}
	before := p.now().UTC().Add(-p.keep)
	var total int64
	for _, prune := range []func(context.Context, time.Time, int) (int64, error){p.store.PruneComponentRecords, p.store.PruneBizRecords} {
		for ctx.Err() == nil {
			n, err := prune(ctx, before, pruneChunk)
			total += n
			if err != nil {
				return total, fmt.Errorf("prune pushes before %s: %w", before.Format(time.RFC3339), err)
			}
			if n < pruneChunk {
				break
			}
		}
	}
	return total, ctx.Err()
}
