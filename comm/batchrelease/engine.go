// Package batchrelease is the durable batch-release engine: one template committed, audited and
// released to many mini programs on their behalf, in waves (a canary wave first), with a
// concurrency limit. Batches and per-account steps live in the database (code_batch,
// code_batch_account); every WeChat call that changes something is recorded as an intent before
// and as done after, so a batch survives restarts and resumes without repeating a commit or an
// audit that already took effect: an intent without its done is settled by asking WeChat. One
// instance at a time runs a batch, under a lease in the batch row that fences every write.
package batchrelease

import (
	"context"
	"sync"
	"time"

	"go.uber.org/zap"

	"wxcomponent/comm/randid"
	"wxcomponent/comm/wx/api"
	"wxcomponent/db/dao"
)

// WeChat is the part of the API client the engine calls; *api.Client satisfies it.
type WeChat interface {
	ModifyDomain(ctx context.Context, appid, action string, d api.Domains) (api.Domains, error)
	SetWebviewDomain(ctx context.Context, appid, action string, domains []string) ([]string, error)
	SetPrivacySetting(ctx context.Context, appid string, s api.PrivacySetting) error
	Commit(ctx context.Context, appid string, req api.CommitRequest) error
	GetVersionInfo(ctx context.Context, appid string) (api.VersionInfo, error)
	QueryQuota(ctx context.Context, appid string) (api.AuditQuota, error)
	SubmitAudit(ctx context.Context, appid string, req api.SubmitAuditRequest) (int64, error)
	GetAuditStatus(ctx context.Context, appid string, auditID int64) (api.AuditStatus, error)
	GetLatestAuditStatus(ctx context.Context, appid string) (api.AuditStatus, bool, error)
	Release(ctx context.Context, appid string) error
}

// Options configure an Engine; zero values take the defaults in parentheses.
type Options struct {
	Store  *dao.Store
	WeChat WeChat
	Now    func() time.Time // clock of leases and schedules (time.Now)
	// Instance names this engine in lease owners (random); unique per process.
	Instance     string
	LeaseTTL     time.Duration // how long a batch stays ours without renewal (30 s)
	Tick         time.Duration // how often to look for batches and due accounts (2 s)
	AuditPoll    time.Duration // how often to ask WeChat about an audit in progress (10 min; pushes nudge sooner)
	RetryDelay   time.Duration // pause after a transient error or a running privacy scan (1 min)
	QuotaRecheck time.Duration // how long submits stop once the audit quota ran out (1 h)
	MaxAttempts  int           // transient failures of one step before the account fails (5)
	Logger       *zap.Logger   // (no-op)
}

// Engine runs batch releases. Create, Pause, Resume, Cancel, Retry and Release work on any
// instance; Run executes the batches this instance manages to lease.
type Engine struct {
	o     Options
	owner string
	log   *zap.Logger

	mu      sync.Mutex
	running map[int64]chan struct{} // batches this engine runs → their wake-up channel
	wake    chan struct{}
}

// New builds an engine.
func New(o Options) *Engine {
	o.Now = orNow(o.Now)
	o.LeaseTTL = orDur(o.LeaseTTL, 30*time.Second)
	o.Tick = orDur(o.Tick, 2*time.Second)
	o.AuditPoll = orDur(o.AuditPoll, 10*time.Minute)
	o.RetryDelay = orDur(o.RetryDelay, time.Minute)
	o.QuotaRecheck = orDur(o.QuotaRecheck, time.Hour)
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 5
	}
	if o.Instance == "" {
		o.Instance = randid.Hex(6)
	}
	log := o.Logger
	if log == nil {
		log = zap.NewNop()
	}
	return &Engine{o: o, owner: o.Instance + "-" + randid.Hex(6), log: log,
		running: map[int64]chan struct{}{}, wake: make(chan struct{}, 1)}
}

// Run leases running batches and works on them until ctx ends; then it gives up its leases so
// another instance takes over at once.
func (e *Engine) Run(ctx context.Context) {
	var wg sync.WaitGroup
	defer wg.Wait()
	for {
		e.claim(ctx, &wg)
		select {
		case <-ctx.Done():
			return
		case <-e.wake:
		case <-time.After(e.o.Tick):
		}
	}
}

// Nudge makes the engine look for work now instead of at the next tick (a batch was created or
// resumed, an audit result arrived).
func (e *Engine) Nudge() {
	select {
	case e.wake <- struct{}{}:
	default:
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, ch := range e.running {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
}

// AuditResult tells the engine an audit of appid ended (a weapp_audit_* push arrived): its
// accounts under audit are looked at now. The push has no audit id, so the engine still asks
// WeChat for the verdict of the audit it recorded.
func (e *Engine) AuditResult(ctx context.Context, appid string) error {
	n, err := e.o.Store.DueCodeBatchAudits(ctx, appid, e.o.Now())
	if err == nil && n > 0 {
		e.Nudge()
	}
	return err
}

// claim leases the claimable batches this engine does not run yet and starts them.
func (e *Engine) claim(ctx context.Context, wg *sync.WaitGroup) {
	ids, err := e.o.Store.ListClaimableCodeBatches(ctx, e.o.Now())
	if err != nil {
		e.log.Warn("list code batches", zap.Error(err))
		return
	}
	for _, id := range ids {
		if e.isRunning(id) {
			continue
		}
		now := e.o.Now()
		ok, err := e.o.Store.ClaimCodeBatch(ctx, id, e.owner, now, now.Add(e.o.LeaseTTL))
		if err != nil || !ok {
			continue
		}
		ch := make(chan struct{}, 1)
		e.mu.Lock()
		e.running[id] = ch
		e.mu.Unlock()
		wg.Add(1)
		go func() {
			defer wg.Done()
			e.runBatch(ctx, id, ch)
		}()
	}
}

// isRunning tells whether this engine already runs batch id.
func (e *Engine) isRunning(id int64) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	_, ok := e.running[id]
	return ok
}

// orNow defaults a clock to time.Now.
func orNow(f func() time.Time) func() time.Time {
	if f == nil {
		return time.Now
	}
	return f
}

// orDur defaults a duration.
func orDur(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}
