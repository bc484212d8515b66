package authz

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"time"

	"go.uber.org/zap"

	"wxcomponent/comm/fault"
	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// SyncStore records tracked sync jobs (dao.Store implements it).
type SyncStore interface {
	StartSyncJob(ctx context.Context, kind string, staleBefore time.Time) (*model.SyncJob, error)
	UpdateSyncProgress(ctx context.Context, id int64, p dao.SyncProgress) error
	FinishSyncJob(ctx context.Context, id int64, status string, p dao.SyncProgress, summary, errText string) error
	LatestSyncJob(ctx context.Context, kind string) (*model.SyncJob, error)
}

// SyncOptions tunes the synchronisation; zero values take the defaults.
type SyncOptions struct {
	PageSize    int           // api_get_authorizer_list count, at most 500 (500)
	Concurrency int           // parallel api_get_authorizer_info calls (4)
	StaleAfter  time.Duration // a running job silent this long is presumed dead (10 min)
}

// Syncer pulls the authorizer list from WeChat in a tracked background job: refresh tokens
// are stored (recovering ones that went bad), profiles refreshed, and nothing is ever deleted
// or blanked because of an error. One job runs at a time across all instances.
type Syncer struct {
	svc    *Service
	store  SyncStore
	o      SyncOptions
	wg     sync.WaitGroup
	ctx    context.Context // parent of running jobs; cancelled by Close
	cancel context.CancelFunc
}

// NewSyncer builds the syncer; call Close at shutdown.
func NewSyncer(svc *Service, store SyncStore, o SyncOptions) *Syncer {
	if o.PageSize <= 0 || o.PageSize > 500 {
		o.PageSize = 500
	}
	if o.Concurrency <= 0 {
		o.Concurrency = 4
	}
	if o.StaleAfter <= 0 {
		o.StaleAfter = 10 * time.Minute
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &Syncer{svc: svc, store: store, o: o, ctx: ctx, cancel: cancel}
}

// SyncStatus is a job's progress as the console shows it; times are Unix seconds.
type SyncStatus struct {
	ID         int64           `json:"id"`
	Status     string          `json:"status"` // running, done or failed
	Total      int             `json:"total"`
	Done       int             `json:"done"`
	Failed     int             `json:"failed"`
	StartedAt  int64           `json:"startedAt"`
	FinishedAt int64           `json:"finishedAt,omitempty"`
	UpdateTime int64           `json:"updateTime"` // last heartbeat
	Error      string          `json:"error"`
	Summary    json.RawMessage `json:"summary"`
}

// Start launches a job and returns its initial status; a Conflict fault when one runs.
func (y *Syncer) Start(ctx context.Context) (*SyncStatus, error) {
	stale := y.svc.now().UTC().Add(-y.o.StaleAfter)
	job, err := y.store.StartSyncJob(ctx, model.SyncKindAuthorizers, stale)
	if errors.Is(err, dao.ErrSyncRunning) {
		return nil, fault.Wrap(fault.Conflict, err, "已有同步任务正在进行，请等待其完成")
	}
	if err != nil {
		return nil, err
	}
	y.wg.Add(1)
	go func() {
		defer y.wg.Done()
		y.run(y.ctx, job)
	}()
	return statusOf(job), nil
}

// Latest returns the most recent job's status, or nil when none ever ran.
func (y *Syncer) Latest(ctx context.Context) (*SyncStatus, error) {
	job, err := y.store.LatestSyncJob(ctx, model.SyncKindAuthorizers)
	if errors.Is(err, dao.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return statusOf(job), nil
}

// Wait blocks until the jobs this instance started have finished.
func (y *Syncer) Wait() { y.wg.Wait() }

// Close interrupts running jobs (they are recorded as failed) and waits for them.
func (y *Syncer) Close() {
	y.cancel()
	y.wg.Wait()
}

// statusOf renders a job row.
func statusOf(j *model.SyncJob) *SyncStatus {
	st := &SyncStatus{ID: j.ID, Status: j.Status, Total: j.Total, Done: j.Done, Failed: j.Failed,
		StartedAt: j.StartedAt.Unix(), UpdateTime: j.UpdateTime.Unix(), Error: j.Error,
		Summary: json.RawMessage("{}")}
	if j.FinishedAt != nil {
		st.FinishedAt = j.FinishedAt.Unix()
	}
	if json.Valid([]byte(j.Summary)) && j.Summary != "" {
		st.Summary = json.RawMessage(j.Summary)
	}
	return st
}

// logJob logs the outcome of a job.
func (y *Syncer) logJob(id int64, status string, p dao.SyncProgress, err error) {
	fields := []zap.Field{zap.Int64("job", id), zap.String("status", status), zap.Int("total", p.Total),
		zap.Int("done", p.Done), zap.Int("failed", p.Failed)}
	if err != nil {
		y.svc.log.Warn("authorizer sync finished", append(fields, zap.Error(err))...)
		return
	}
	y.svc.log.Info("authorizer sync finished", fields...)
}

// errorText is the client-safe text stored for a failed job.
func errorText(err error) string {
	if errors.Is(err, context.Canceled) {
		return "同步被中断（服务正在停止）"
	}
	if msg := explain(err).Msg; msg != "" {
		return msg
	}
	return "同步失败：内部错误，详见服务日志"
}
