package batchrelease

import (
	"context"
	"encoding/json"
	"sync"
	"sync/atomic"
	"time"

	"go.uber.org/zap"

	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// batchRun is one batch while this engine holds its lease.
type batchRun struct {
	e        *Engine
	batch    model.CodeBatch
	spec     Spec
	quotaOut atomic.Bool // the audit quota ran out during this pass
	// submitMu makes "query the quota, then submit" one step across the pass's workers: the
	// last unit of quota is not spent twice, and no submit is made only to be refused (85085).
	submitMu sync.Mutex
	wrote    atomic.Int64 // account writes stored in this pass
}

// runBatch works on a leased batch until it finishes, stops running (paused, cancelled) or the
// lease is lost; then it gives the lease back.
func (e *Engine) runBatch(parent context.Context, id int64, wake chan struct{}) {
	ctx, cancel := context.WithCancel(parent)
	defer func() {
		cancel()
		e.mu.Lock()
		delete(e.running, id)
		e.mu.Unlock()
		rctx, rcancel := context.WithTimeout(context.WithoutCancel(parent), 5*time.Second)
		defer rcancel()
		if err := e.o.Store.ReleaseCodeBatch(rctx, id, e.owner); err != nil {
			e.log.Warn("release code batch lease", zap.Int64("batch", id), zap.Error(err))
		}
	}()
	go e.keepLease(ctx, cancel, id)
	for ctx.Err() == nil {
		r, accs, ok := e.load(ctx, id)
		if !ok || r.settle(ctx, accs) {
			return
		}
		if r.pass(ctx, accs) > 0 {
			continue // settle what just changed before waiting (never spins: nothing stored, no rerun)
		}
		select {
		case <-ctx.Done():
		case <-wake:
		case <-time.After(e.o.Tick):
		}
	}
}

// load reads the batch and its accounts; ok is false when it is no longer ours to run.
func (e *Engine) load(ctx context.Context, id int64) (*batchRun, []model.CodeBatchAccount, bool) {
	b, err := e.o.Store.GetCodeBatch(ctx, id)
	if err != nil || b.Status != model.CodeBatchRunning || b.Owner != e.owner {
		return nil, nil, false
	}
	r := &batchRun{e: e, batch: *b}
	if err := json.Unmarshal([]byte(b.Spec), &r.spec); err != nil {
		e.log.Error("code batch spec does not decode", zap.Int64("batch", id), zap.Error(err))
		return nil, nil, false
	}
	accs, err := e.o.Store.ListCodeBatchAccounts(ctx, id)
	if err != nil {
		e.log.Warn("list code batch accounts", zap.Int64("batch", id), zap.Error(err))
		return nil, nil, false
	}
	return r, accs, true
}

// keepLease renews the batch lease every third of its lifetime and cancels the run when it is
// lost (taken over, batch paused or cancelled) or could not be renewed before expiring.
func (e *Engine) keepLease(ctx context.Context, cancel context.CancelFunc, id int64) {
	held := e.o.Now().Add(e.o.LeaseTTL)
	t := time.NewTicker(e.o.LeaseTTL / 3)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		now := e.o.Now()
		ok, err := e.o.Store.ClaimCodeBatch(ctx, id, e.owner, now, now.Add(e.o.LeaseTTL))
		switch {
		case err == nil && ok:
			held = now.Add(e.o.LeaseTTL)
		case err == nil || now.After(held):
			cancel()
			return
		}
	}
}

// due tells whether account a should be worked on now.
func (r *batchRun) due(a model.CodeBatchAccount, now time.Time) bool {
	if a.Wave > r.batch.Wave || a.NextAt.After(now) {
		return false
	}
	switch a.State {
	case model.CodeAccountPending, model.CodeAccountActive, model.CodeAccountAuditing:
		return true
	case model.CodeAccountQuota:
		return !r.quotaHeld(now)
	}
	return false
}

// quotaHeld tells whether submits are stopped because the audit quota ran out.
func (r *batchRun) quotaHeld(now time.Time) bool {
	h := r.batch.QuotaHoldUntil
	return r.quotaOut.Load() || (h != nil && now.Before(*h))
}

// pass works on every due account, at most Concurrency at once, and returns how many account
// writes it stored.
func (r *batchRun) pass(ctx context.Context, accs []model.CodeBatchAccount) int64 {
	now := r.e.o.Now()
	sem := make(chan struct{}, r.spec.Concurrency)
	var wg sync.WaitGroup
	for _, a := range accs {
		if !r.due(a, now) {
			continue
		}
		sem <- struct{}{}
		wg.Add(1)
		go func(a model.CodeBatchAccount) {
			defer func() { <-sem; wg.Done() }()
			r.drive(ctx, &a)
		}(a)
	}
	wg.Wait()
	return r.wrote.Load()
}

// drive runs a's steps until it waits (audit, quota, operator), ends or fails.
func (r *batchRun) drive(ctx context.Context, a *model.CodeBatchAccount) {
	for ctx.Err() == nil && r.advance(ctx, a) {
	}
}

// fence is the lease every write of this run depends on.
func (r *batchRun) fence() dao.CodeBatchFence {
	return dao.CodeBatchFence{Batch: r.batch.ID, Owner: r.e.owner, Now: r.e.o.Now()}
}

// write stores columns of a (fenced) and reports whether they were stored.
func (r *batchRun) write(ctx context.Context, a *model.CodeBatchAccount, values map[string]any) bool {
	values["calls"] = a.Calls
	ok, err := r.e.o.Store.UpdateCodeBatchAccountFenced(ctx, r.fence(), a.ID, values)
	if err != nil {
		r.e.log.Warn("store code batch account", zap.String("appid", a.AppID), zap.Error(err))
	}
	if err == nil && ok {
		r.wrote.Add(1)
	}
	return err == nil && ok
}
