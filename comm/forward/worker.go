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

// Pruning of delivered rows: how often, and how many per statement.
const (
	pruneEvery = 10 * time.Minute
	pruneChunk = 1000
	maxError   = 1000 // bytes of last_error (its column holds 1024 characters)
)

// work delivers due rows with up to Workers concurrent attempts until ctx ends, then waits for
// the attempts in progress. It claims on every Notify, when an attempt ends, and every Poll
// (rows of other instances, retries coming due, leases of dead instances expiring).
func (f *Forwarder) work(ctx context.Context) {
	sem := make(chan struct{}, f.opt.Workers)
	var wg sync.WaitGroup
	defer wg.Wait()
	t := time.NewTicker(f.opt.Poll)
	defer t.Stop()
	for ctx.Err() == nil {
		f.dispatch(ctx, sem, &wg)
		f.maybePrune(ctx)
		select {
		case <-ctx.Done():
		case <-f.wake:
		case <-t.C:
		}
	}
}

// dispatch claims as many rows as there are free workers, again while claims come back full.
func (f *Forwarder) dispatch(ctx context.Context, sem chan struct{}, wg *sync.WaitGroup) {
	for {
		free := cap(sem) - len(sem)
		if free == 0 {
			f.backlog.Store(true)
			return
		}
		owner := f.owner()
		rows, err := f.claim(ctx, owner, free)
		if err != nil {
			f.opt.Logger.Warn("claim deliveries", zap.Error(err))
			return
		}
		for _, r := range rows {
			sem <- struct{}{}
			wg.Go(func() {
				defer f.finished(sem)
				f.deliver(ctx, r, owner)
			})
		}
		if len(rows) < free {
			return
		}
	}
}

// finished frees a worker and wakes the dispatcher if rows may be waiting for one.
func (f *Forwarder) finished(sem chan struct{}) {
	<-sem
	if f.backlog.Swap(false) {
		f.Notify()
	}
}

// ProcessOnce claims up to limit due rows and delivers them one after another; it returns how
// many. Tests and the benchmark use it instead of Run.
func (f *Forwarder) ProcessOnce(ctx context.Context, limit int) (int, error) {
	owner := f.owner()
	rows, err := f.claim(ctx, owner, limit)
	if err != nil {
		return 0, err
	}
	for _, r := range rows {
		f.deliver(ctx, r, owner)
	}
	return len(rows), nil
}

func (f *Forwarder) claim(ctx context.Context, owner string, n int) ([]model.ForwardDelivery, error) {
	if ctx.Err() != nil {
		return nil, nil
	}
	now := f.now()
	// Claimed rows are delivered even if shutdown starts meanwhile, or they would sit in
	// "running" until their lease expires.
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	return f.store.ClaimDeliveries(cctx, dao.DeliveryClaim{Owner: owner, Limit: n, Now: now, LeaseUntil: now.Add(f.opt.Lease)})
}

// deliver makes one attempt at a claimed row with its rule's current target and key.
func (f *Forwarder) deliver(ctx context.Context, row model.ForwardDelivery, owner string) {
	ctx = context.WithoutCancel(ctx) // an attempt under way ends on its own timeout
	rule := f.ruleFor(ctx, row.RuleID)
	var a answer
	switch {
	case rule == nil:
		f.finish(ctx, row, owner, answer{err: errRuleGone}, true)
		return
	case !rule.Active():
		f.finish(ctx, row, owner, answer{err: errRuleClosed}, true)
		return
	}
	actx, cancel := context.WithTimeout(ctx, f.opt.Timeout)
	defer cancel()
	a = f.post(actx, f.requestFor(rule, row))
	f.finish(ctx, row, owner, a, false)
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

// finish records an attempt: delivered, a retry after the back-off of this attempt, or dead
// once the attempts are used up (or at once when final).
func (f *Forwarder) finish(ctx context.Context, row model.ForwardDelivery, owner string, a answer, final bool) {
	now := f.now()
	o := dao.DeliveryOutcome{ID: row.ID, Owner: owner, Status: model.DeliveryDelivered, LastStatus: a.status,
		LatencyMs: a.latency.Milliseconds(), Now: now}
	if !a.ok() {
		o.Error = clip(a.err.Error())
		switch {
		case final || row.Attempts > len(f.opt.Backoff):
			o.Status = model.DeliveryDead
		default:
			o.Status, o.NextAt = model.DeliveryPending, now.Add(f.opt.Backoff[max(row.Attempts, 1)-1])
		}
	}
	ok, err := f.store.FinishDelivery(ctx, o)
	switch {
	case err != nil:
		f.opt.Logger.Error("record delivery outcome", zap.Uint64("delivery", row.ID), zap.Error(err))
	case !ok:
		f.opt.Logger.Warn("delivery claim lost before its outcome was recorded", zap.Uint64("delivery", row.ID))
	case o.Status == model.DeliveryDead:
		f.opt.Logger.Warn("delivery dead", zap.Uint64("delivery", row.ID), zap.Uint("rule", row.RuleID), zap.String("error", o.Error))
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
	n, err := f.store.PruneDeliveries(ctx, now.Add(-f.opt.Retention), pruneChunk)
	if err != nil {
		f.opt.Logger.Warn("prune deliveries", zap.Error(err))
		return
	}
	if n > 0 {
		f.opt.Logger.Info("pruned delivered forwards", zap.Int64("count", n))
	}
}
