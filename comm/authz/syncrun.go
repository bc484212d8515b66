package authz

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"go.uber.org/zap"
	"golang.org/x/sync/errgroup"

	"wxcomponent/comm/wx/api"
	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// maxListed caps the appids a summary lists per category; counts stay exact.
const maxListed = 100

// progressEvery is how many accounts pass between progress writes (also the heartbeat).
const progressEvery = 25

// syncRun is the mutable state of one job.
type syncRun struct {
	y      *Syncer
	job    *model.SyncJob
	mu     sync.Mutex
	p      dao.SyncProgress
	sum    syncSummary
	listed map[string]bool
	since  int // accounts finished since the last progress write
}

// syncSummary is the job's JSON summary.
type syncSummary struct {
	Missing       int           `json:"missing"` // active here, absent from WeChat's list: kept, only reported
	MissingAppids []string      `json:"missingAppids"`
	Recovered     int           `json:"recovered"` // stored refresh token differed from WeChat's
	RecoveredIDs  []string      `json:"recoveredAppids"`
	Reactivated   int           `json:"reactivated"` // revoked here, authorized in WeChat's list
	Added         int           `json:"added"`
	Failures      []syncFailure `json:"failures"`
}

// syncFailure is one account whose profile could not be refreshed.
type syncFailure struct {
	AppID string `json:"appid"`
	Error string `json:"error"`
}

// run executes a job to its end and records the outcome.
func (y *Syncer) run(ctx context.Context, job *model.SyncJob) {
	r := &syncRun{y: y, job: job, listed: map[string]bool{},
		sum: syncSummary{MissingAppids: []string{}, RecoveredIDs: []string{}, Failures: []syncFailure{}}}
	err := r.pages(ctx)
	if err == nil {
		err = r.findMissing(ctx)
	}
	status := model.SyncDone
	errText := ""
	if err != nil {
		status, errText = model.SyncFailed, errorText(err)
	}
	summary, _ := json.Marshal(r.sum) // plain structs cannot fail to marshal
	done := context.WithoutCancel(ctx)
	if ferr := y.store.FinishSyncJob(done, job.ID, status, r.progress(), string(summary), errText); ferr != nil {
		y.svc.log.Error("record authorizer sync outcome", zap.Int64("job", job.ID), zap.Error(ferr))
	}
	y.logJob(job.ID, status, r.progress(), err)
}

// pages walks api_get_authorizer_list until every listed account is processed.
func (r *syncRun) pages(ctx context.Context) error {
	for offset := 0; ; {
		page, err := r.fetchPage(ctx, offset)
		if err != nil {
			return err
		}
		r.setTotal(int(page.TotalCount))
		r.processPage(ctx, page.List)
		if err := r.flush(ctx); err != nil {
			return err
		}
		offset += len(page.List)
		if len(page.List) == 0 || int64(offset) >= page.TotalCount {
			return ctx.Err()
		}
	}
}

// fetchPage reads one page, trying twice: a lone -1 must not fail a long job.
func (r *syncRun) fetchPage(ctx context.Context, offset int) (api.AuthorizerList, error) {
	page, err := r.y.svc.wx.GetAuthorizerList(ctx, offset, r.y.o.PageSize)
	if err != nil && ctx.Err() == nil {
		page, err = r.y.svc.wx.GetAuthorizerList(ctx, offset, r.y.o.PageSize)
	}
	if err != nil {
		return api.AuthorizerList{}, fmt.Errorf("get authorizer list at offset %d: %w", offset, err)
	}
	return page, nil
}

// processPage syncs the accounts of one page with bounded concurrency. Per-account failures
// are recorded, never fatal.
func (r *syncRun) processPage(ctx context.Context, items []api.AuthorizerListItem) {
	var g errgroup.Group
	g.SetLimit(r.y.o.Concurrency)
	for _, it := range items {
		if it.AuthorizerAppID == "" || r.seen(it.AuthorizerAppID) {
			continue
		}
		g.Go(func() error {
			r.finish(ctx, it.AuthorizerAppID, r.y.svc.syncOne(ctx, it, r))
			return nil
		})
	}
	_ = g.Wait() // the goroutines never return errors
}

// seen marks appid listed and reports whether it was already (pages can overlap when
// authorizations change during the walk).
func (r *syncRun) seen(appid string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	was := r.listed[appid]
	r.listed[appid] = true
	return was
}

// finish counts one account and writes progress every progressEvery accounts.
func (r *syncRun) finish(ctx context.Context, appid string, err error) {
	r.mu.Lock()
	if err != nil {
		r.p.Failed++
		if len(r.sum.Failures) < maxListed {
			r.sum.Failures = append(r.sum.Failures, syncFailure{AppID: appid, Error: errorText(err)})
		}
	} else {
		r.p.Done++
	}
	r.since++
	write := r.since >= progressEvery
	r.mu.Unlock()
	if err != nil {
		r.y.svc.log.Warn("authorizer sync: account failed", zap.String("appid", appid), zap.Error(err))
	}
	if write {
		_ = r.flush(ctx) // a missed progress write only delays the console's view
	}
}

// note updates the summary under the lock.
func (r *syncRun) note(fn func(s *syncSummary)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	fn(&r.sum)
}

// setTotal records total_count (it may change between pages).
func (r *syncRun) setTotal(n int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.p.Total = n
}

// progress returns a copy of the counters.
func (r *syncRun) progress() dao.SyncProgress {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.p
}

// flush writes progress and beats the heartbeat.
func (r *syncRun) flush(ctx context.Context) error {
	r.mu.Lock()
	r.since = 0
	p := r.p
	r.mu.Unlock()
	if err := r.y.store.UpdateSyncProgress(ctx, r.job.ID, p); err != nil && !errors.Is(err, context.Canceled) {
		r.y.svc.log.Warn("write authorizer sync progress", zap.Int64("job", r.job.ID), zap.Error(err))
	}
	return ctx.Err()
}

// findMissing reports active accounts WeChat did not list. They are not deleted: a missing
// account may be a listing glitch, and an unauthorized push will revoke a real one.
func (r *syncRun) findMissing(ctx context.Context) error {
	active, err := r.y.svc.store.ListAuthorizerAppids(ctx, model.AuthorizerActive)
	if err != nil {
		return err
	}
	for _, appid := range active {
		if r.listed[appid] {
			continue
		}
		r.sum.Missing++
		if len(r.sum.MissingAppids) < maxListed {
			r.sum.MissingAppids = append(r.sum.MissingAppids, appid)
		}
	}
	return nil
}

// listTime is a list entry's auth_time, or now when absent.
func listTime(it api.AuthorizerListItem, now func() time.Time) time.Time {
	if it.AuthTime > 0 {
		return time.Unix(it.AuthTime, 0).UTC()
	}
	return now().UTC()
}
