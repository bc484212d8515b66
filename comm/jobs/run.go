package jobs

import (
	"context"
	"strconv"
	"sync"
	"time"

	"go.uber.org/zap"

	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// pruneEvery is how often Run deletes done jobs older than the retention; claimTimeout bounds
// one claim.
const (
	pruneEvery   = 10 * time.Minute
	claimTimeout = 10 * time.Second
)

// Run dispatches jobs to at most workers concurrent runs until ctx ends, then waits for the
// runs in progress (each bounded by Options.Timeout) so a shutdown does not cut a job short. It
// claims on every Notify, when a run ends, and every PollInterval (work enqueued by other
// instances, retries coming due, leases of dead workers expiring).
func (q *Queue) Run(ctx context.Context, workers int) {
	workers = max(workers, 1)
	sem := make(chan struct{}, workers)
	var wg sync.WaitGroup
	defer wg.Wait()
	ticker := time.NewTicker(q.opt.PollInterval)
	defer ticker.Stop()
	for ctx.Err() == nil {
		q.dispatch(ctx, sem, &wg)
		q.maybePrune(ctx)
		select {
		case <-ctx.Done():
		case <-q.wake:
		case <-ticker.C:
		}
	}
}

// dispatch claims as many jobs as there are free workers, repeatedly while claims come back full.
// A run that ends wakes the dispatcher only when work may be waiting (every worker was busy or
// the last claim came back full), which spares an empty claim query per job otherwise.
func (q *Queue) dispatch(ctx context.Context, sem chan struct{}, wg *sync.WaitGroup) {
	for {
		free := cap(sem) - len(sem) // only this goroutine fills sem, so free can only grow meanwhile
		if free == 0 {
			q.backlog.Store(true)
			return
		}
		claimed, err := q.claim(ctx, free)
		if err != nil {
			q.opt.Logger.Warn("claim jobs failed", zap.Error(err))
			return
		}
		for _, j := range claimed {
			sem <- struct{}{}
			wg.Go(func() {
				defer q.finished(sem)
				q.execute(ctx, j)
			})
		}
		if len(claimed) < free {
			return
		}
	}
}

// finished frees a worker slot and wakes the dispatcher if jobs may be waiting for one.
func (q *Queue) finished(sem chan struct{}) {
	<-sem
	if q.backlog.Swap(false) {
		q.Notify()
	}
}

// ProcessOnce claims up to limit runnable jobs and runs them one after another in the calling
// goroutine; it returns how many ran. Tests and one-shot tools use it instead of Run.
func (q *Queue) ProcessOnce(ctx context.Context, limit int) (int, error) {
	claimed, err := q.claim(ctx, limit)
	if err != nil {
		return 0, err
	}
	for _, j := range claimed {
		q.execute(ctx, j)
	}
	return len(claimed), nil
}

// claimed is a job together with the owner token that must fence its outcome.
type claimed struct {
	row   model.Job
	owner string
}

// claim takes up to n runnable jobs under a fresh owner token.
func (q *Queue) claim(ctx context.Context, n int) ([]claimed, error) {
	kinds := q.kinds()
	if len(kinds) == 0 {
		return nil, nil
	}
	if ctx.Err() != nil {
		return nil, nil // shutting down: claim nothing new
	}
	// Once claimed, jobs must be read back and run even if shutdown starts meanwhile, or they
	// would sit in "running" until their lease expires.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), claimTimeout)
	defer cancel()
	now := q.now()
	owner := q.opt.InstanceID + "-" + strconv.FormatUint(q.seq.Add(1), 10)
	rows, err := q.store.ClaimJobs(ctx, dao.JobClaim{Owner: owner, Kinds: kinds, Limit: n, Now: now, LeaseUntil: now.Add(q.opt.Lease)})
	if err != nil {
		return nil, err
	}
	out := make([]claimed, len(rows))
	for i, r := range rows {
		out[i] = claimed{row: r, owner: owner}
	}
	return out, nil
}

// maybePrune deletes old done jobs at most every pruneEvery.
func (q *Queue) maybePrune(ctx context.Context) {
	now := q.now()
	last := q.pruned.Load()
	if now.Unix()-last < int64(pruneEvery/time.Second) || !q.pruned.CompareAndSwap(last, now.Unix()) {
		return
	}
	n, err := q.store.PruneJobs(ctx, now.Add(-q.opt.Retention))
	if err != nil {
		q.opt.Logger.Warn("prune jobs failed", zap.Error(err))
		return
	}
	if n > 0 {
		q.opt.Logger.Info("pruned done jobs", zap.Int64("count", n))
	}
}
