package forward

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"time"

	"go.uber.org/zap"

	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

const (
	// Pruning of delivered rows: how often, and how many per statement.
	pruneEvery = 10 * time.Minute
	pruneChunk = 1000
	maxError   = 1000 // bytes of last_error (its column holds 1024 characters)
	// leaseMargin is the lease an attempt must leave for recording its outcome.
	leaseMargin = 2 * time.Second
	// maxClaim bounds the rows an instance holds (and one claim statement takes).
	maxClaim = 256
)

// claimed is a row this instance holds: its claim's owner token and lease.
type claimed struct {
	row   model.ForwardDelivery
	owner string
	until time.Time
}

// work delivers due rows with Workers goroutines until ctx ends. One feeder claims due rows in
// batches into a local queue (on Notify, when the workers drain the queue below half while
// more rows were waiting, and every Poll: rows of other instances, retries coming due, leases
// of dead instances expiring); the outcomes are written by one finisher in group commits. At
// shutdown the rows not yet sent are handed back and the attempts under way end.
func (f *Forwarder) work(ctx context.Context) {
	ready := make(chan claimed, f.queueSize())
	fin := f.startFinisher()
	var wg sync.WaitGroup
	for range f.opt.Workers {
		wg.Go(func() {
			for c := range ready {
				f.takeOver(ready)
				fin.add(f.attempt(ctx, c))
			}
		})
	}
	f.feed(ctx, ready)
	close(ready)
	wg.Wait()
	fin.close()
}

// queueSize is how many claimed rows an instance holds at most: as many as its workers can
// start before the claim's lease gets too short for an attempt, even when every attempt runs
// into its timeout (4 per worker with the defaults), within maxClaim.
func (f *Forwarder) queueSize() int {
	rounds := int((f.opt.Lease-leaseMargin)/f.opt.Timeout) - 1
	return min(f.opt.Workers*max(rounds, 1), max(maxClaim, f.opt.Workers))
}

// feed claims rows into ready until ctx ends.
func (f *Forwarder) feed(ctx context.Context, ready chan claimed) {
	t := time.NewTicker(f.opt.Poll)
	defer t.Stop()
	for ctx.Err() == nil {
		f.refill(ctx, ready)
		f.maybePrune(ctx)
		select {
		case <-ctx.Done():
		case <-f.wake:
		case <-t.C:
		}
	}
}

// refill claims rows while at least half of the queue is free and claims come back full:
// under load one statement claims half a queue, not one row per free worker.
func (f *Forwarder) refill(ctx context.Context, ready chan claimed) {
	for ctx.Err() == nil {
		free := cap(ready) - len(ready)
		if free < (cap(ready)+1)/2 {
			f.backlog.Store(true)
			return
		}
		owner := f.owner()
		rows, until, err := f.claim(ctx, owner, free)
		if err != nil {
			f.opt.Logger.Warn("claim deliveries", zap.Error(err))
			return
		}
		for _, r := range rows {
			ready <- claimed{row: r, owner: owner, until: until} // only feed sends: there is room
		}
		if len(rows) < free {
			return
		}
	}
}

// takeOver wakes the feeder when a worker drained the queue to half while rows were waiting.
func (f *Forwarder) takeOver(ready chan claimed) {
	if len(ready) <= cap(ready)/2 && f.backlog.Swap(false) {
		f.Notify()
	}
}

// attempt delivers one claimed row and returns its outcome. A row is handed back unsent
// when shutdown has begun or its lease no longer covers a whole attempt: another claim may
// take it after the lease, and it must not meet a POST of ours still under way.
func (f *Forwarder) attempt(ctx context.Context, c claimed) dao.DeliveryOutcome {
	now := f.now()
	if ctx.Err() != nil || now.Add(f.opt.Timeout+leaseMargin).After(c.until) {
		return dao.DeliveryOutcome{ID: c.row.ID, Owner: c.owner, Release: true, Now: now}
	}
	return f.deliver(ctx, c.row, c.owner)
}

// ProcessOnce claims up to limit due rows and delivers them one after another, recording each
// outcome at once; it returns how many. Tests and the benchmark use it instead of Run.
func (f *Forwarder) ProcessOnce(ctx context.Context, limit int) (int, error) {
	owner := f.owner()
	rows, _, err := f.claim(ctx, owner, limit)
	if err != nil {
		return 0, err
	}
	for _, r := range rows {
		f.record(ctx, f.deliver(ctx, r, owner))
	}
	return len(rows), nil
}

// claim claims up to n due rows under owner and returns them with their lease.
func (f *Forwarder) claim(ctx context.Context, owner string, n int) ([]model.ForwardDelivery, time.Time, error) {
	if ctx.Err() != nil {
		return nil, time.Time{}, nil
	}
	now := f.now()
	until := now.Add(f.opt.Lease).Truncate(time.Second) // as the store keeps it
	// A claim that reached the database completes even if shutdown starts meanwhile: its
	// rows are then handed back, instead of sitting in "running" until the lease expires.
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	rows, err := f.store.ClaimDeliveries(cctx, dao.DeliveryClaim{Owner: owner, Limit: n, Now: now, LeaseUntil: until})
	return rows, until, err
}

// deliver makes one attempt at a claimed row with its rule's current target and key, and
// returns its outcome.
func (f *Forwarder) deliver(ctx context.Context, row model.ForwardDelivery, owner string) dao.DeliveryOutcome {
	ctx = context.WithoutCancel(ctx) // an attempt under way ends on its own timeout
	rule := f.ruleFor(ctx, row.RuleID)
	switch {
	case rule == nil:
		return f.outcome(row, owner, answer{err: errRuleGone}, true)
	case !rule.Active():
		return f.outcome(row, owner, answer{err: errRuleClosed}, true)
	}
	actx, cancel := context.WithTimeout(ctx, f.opt.Timeout)
	defer cancel()
	return f.outcome(row, owner, f.post(actx, f.requestFor(rule, row)), false)
}

// ruleFor finds a rule by id, reloading once if it is not known here yet (created on another
// instance since the last reload).
func (f *Forwarder) ruleFor(ctx context.Context, id uint) *Rule {
	if r := f.rules.byID(id); r != nil {
		return r
	}
	if err := f.Load(ctx); err != nil {
		f.opt.Logger.Warn("reload forwarding rules", zap.Error(err))
	}
	return f.rules.byID(id)
}

// requestFor is the signed POST of a delivery.
func (f *Forwarder) requestFor(r *Rule, row model.ForwardDelivery) request {
	return request{url: r.Target.URLFor(row.AppID), body: []byte(row.Body), key: r.key,
		deliveryID: strconv.FormatUint(row.ID, 10), appid: row.AppID, now: f.now()}
}

// outcome is how an attempt ended for the row: delivered, a retry after the back-off of this
// attempt, or dead once the attempts are used up (or at once when final).
func (f *Forwarder) outcome(row model.ForwardDelivery, owner string, a answer, final bool) dao.DeliveryOutcome {
	now := f.now()
	o := dao.DeliveryOutcome{ID: row.ID, Owner: owner, Status: model.DeliveryDelivered, LastStatus: a.status,
		LatencyMs: a.latency.Milliseconds(), Now: now, RuleID: row.RuleID}
	if !a.ok() {
		o.Error = clip(a.err.Error())
		switch {
		case final || row.Attempts > len(f.opt.Backoff):
			o.Status = model.DeliveryDead
		default:
			o.Status, o.NextAt = model.DeliveryPending, now.Add(f.opt.Backoff[max(row.Attempts, 1)-1])
		}
	}
	return o
}

// record writes one outcome now (the synchronous path and ProcessOnce).
func (f *Forwarder) record(ctx context.Context, o dao.DeliveryOutcome) {
	ok, err := f.store.FinishDelivery(context.WithoutCancel(ctx), o)
	switch {
	case err != nil:
		f.opt.Logger.Error("record delivery outcome", zap.Uint64("delivery", o.ID), zap.Error(err))
	case !ok:
		f.opt.Logger.Warn("delivery claim lost before its outcome was recorded", zap.Uint64("delivery", o.ID))
	default:
		f.logDead(o)
	}
}

func (f *Forwarder) logDead(o dao.DeliveryOutcome) {
	if o.Status == model.DeliveryDead && !o.Release {
		f.opt.Logger.Warn("delivery dead", zap.Uint64("delivery", o.ID), zap.Uint("rule", o.RuleID), zap.String("error", o.Error))
	}
}

// clip keeps an error within its column, on valid UTF-8.
func clip(s string) string {
	if len(s) <= maxError {
		return s
	}
	return strings.ToValidUTF8(s[:maxError], "")
}

// maybePrune deletes delivered rows older than the retention, at most every pruneEvery.
func (f *Forwarder) maybePrune(ctx context.Context) {
	now := f.now()
	last := f.pruned.Load()
	if now.Unix()-last < int64(pruneEvery/time.Second) || !f.pruned.CompareAndSwap(last, now.Unix()) {
		return
	}
	// Chunk after chunk until one comes back short: one chunk per round would let a busy
	// outbox (over 144,000 deliveries a day) grow without bound.
	var total int64
	for ctx.Err() == nil {
		n, err := f.store.PruneDeliveries(ctx, now.Add(-f.opt.Retention), pruneChunk)
		if err != nil {
			f.opt.Logger.Warn("prune deliveries", zap.Error(err))
			break
		}
		total += n
		if n < pruneChunk {
			break
		}
	}
	if total > 0 {
		f.opt.Logger.Info("pruned delivered forwards", zap.Int64("count", total))
	}
}
