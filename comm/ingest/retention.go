package ingest

import (
	"context"
	"fmt"
	"io"
	"time"

	"go.uber.org/zap"

	"wxcomponent/db/dao"
)

// pruneChunk is how many rows one DELETE removes.
const pruneChunk = 1000

// previewCap bounds the start-up count of what the first prune removes: an index range scan
// of at most this many entries per table, so a huge backlog cannot stall the count.
const previewCap = 1_000_000

// pushTables are pruned in this order.
var pushTables = [...]string{dao.ComponentRecords, dao.BizRecords}

// PruneStore deletes and counts old pushes (dao.Store).
type PruneStore interface {
	PruneRecords(ctx context.Context, table string, w dao.ReceivedWindow, limit int) (int64, error)
	CountRecords(ctx context.Context, table string, w dao.ReceivedWindow, upTo int64) (int64, error)
	RecordsCutoffID(ctx context.Context, table string, keep int64) (int64, error)
	PruneRecordsUpToID(ctx context.Context, table string, maxID int64, limit int) (int64, error)
	CountRecordsUpToID(ctx context.Context, table string, maxID, upTo int64) (int64, error)
}

// Retention is what the pruner deletes: pushes older than Keep, except those received before
// Since when it is set, and in each table every push beyond its newest MaxRows.
type Retention struct {
	Keep time.Duration // ≤ 0 keeps every push forever (as far as age goes)
	// Since spares the history of a database upgraded from the original template, which the
	// operator never chose to drop: zero prunes everything older than Keep. It bounds Keep
	// only: a cap is always the operator's explicit choice, so it counts every row.
	Since time.Time
	// MaxRows caps each push table at its newest MaxRows rows (by id); ≤ 0 is no cap.
	MaxRows int64
}

// active tells whether the retention ever deletes anything.
func (r Retention) active() bool { return r.Keep > 0 || r.MaxRows > 0 }

// RetentionFor decides the retention from the configuration: keep, whether the operator set
// RECORD_RETENTION_DAYS, and when this service first upgraded an original database (zero for a
// database it created). With the default retention, pushes from before the upgrade are kept; an
// explicit setting applies to every push.
func RetentionFor(keep time.Duration, explicit bool, upgradedAt time.Time) Retention {
	if explicit {
		return Retention{Keep: keep}
	}
	return Retention{Keep: keep, Since: upgradedAt}
}

// PrunerOptions tunes a Pruner; every field is optional.
type PrunerOptions struct {
	Now func() time.Time
	Log *zap.Logger
	Out io.Writer // where the start-up announcement is also printed for the operator
}

// Pruner enforces a retention period on the two push tables, which the original let grow
// without bound (a ticket every 10 minutes, every user message).
type Pruner struct {
	store PruneStore
	r     Retention
	now   func() time.Time
	log   *zap.Logger
	out   io.Writer
}

// NewPruner builds a pruner enforcing r.
func NewPruner(store PruneStore, r Retention, o PrunerOptions) *Pruner {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = zap.NewNop()
	}
	if o.Out == nil {
		o.Out = io.Discard
	}
	return &Pruner{store: store, r: r, now: o.Now, log: o.Log, out: o.Out}
}

// Run announces what the first prune removes, prunes, then prunes every interval until ctx ends.
func (p *Pruner) Run(ctx context.Context, every time.Duration) {
	if !p.r.active() {
		return
	}
	p.Announce(ctx)
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

// window is the receive-time range the next prune deletes; ok is false when it is empty.
func (p *Pruner) window() (w dao.ReceivedWindow, ok bool) {
	w = dao.ReceivedWindow{From: p.r.Since, Before: p.now().UTC().Add(-p.r.Keep)}
	return w, p.r.Keep > 0 && (w.From.IsZero() || w.From.Before(w.Before))
}

// PruneOnce deletes every push inside the retention window, then every push beyond the cap,
// a chunk at a time, and returns how many rows went.
func (p *Pruner) PruneOnce(ctx context.Context) (int64, error) {
	var total int64
	if w, ok := p.window(); ok {
		for _, table := range pushTables {
			n, err := p.chunks(ctx, func() (int64, error) { return p.store.PruneRecords(ctx, table, w, pruneChunk) })
			total += n
			if err != nil {
				return total, fmt.Errorf("prune pushes before %s: %w", w.Before.Format(time.RFC3339), err)
			}
		}
	}
	if p.r.MaxRows > 0 {
		for _, table := range pushTables {
			n, err := p.pruneBeyondCap(ctx, table)
			total += n
			if err != nil {
				return total, err
			}
		}
	}
	return total, ctx.Err()
}

// pruneBeyondCap deletes the pushes of table older than its newest MaxRows. The cut-off is
// fixed first, so pushes arriving meanwhile (higher ids) are never what goes.
func (p *Pruner) pruneBeyondCap(ctx context.Context, table string) (int64, error) {
	cut, err := p.store.RecordsCutoffID(ctx, table, p.r.MaxRows)
	if err != nil || cut == 0 {
		return 0, err
	}
	n, err := p.chunks(ctx, func() (int64, error) { return p.store.PruneRecordsUpToID(ctx, table, cut, pruneChunk) })
	if err != nil {
		return n, fmt.Errorf("prune %s to its newest %d pushes: %w", table, p.r.MaxRows, err)
	}
	return n, nil
}

// chunks runs one chunked delete until a chunk comes back short, so no transaction is long.
func (p *Pruner) chunks(ctx context.Context, deleteChunk func() (int64, error)) (int64, error) {
	var total int64
	for ctx.Err() == nil {
		n, err := deleteChunk()
		total += n
		if err != nil || n < pruneChunk {
			return total, err
		}
	}
	return total, nil
}
