// Package jobs is the durable work queue kept in the wx_job table: follow-ups of WeChat pushes
// (ticket, authorization changes, audit events) are enqueued in the same transaction that stores
// the push, and run by workers with leases, retries and exponential backoff. Any number of
// instances may share one MySQL database; each job runs on one of them at a time.
package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"go.uber.org/zap"

	"wxcomponent/comm/randid"
	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// Store is the part of dao.Store the queue needs.
type Store interface {
	InsertJobs(ctx context.Context, rows []model.Job) (int64, error)
	ClaimJobs(ctx context.Context, c dao.JobClaim) ([]model.Job, error)
	FinishJob(ctx context.Context, o dao.JobOutcome) (bool, error)
	PruneJobs(ctx context.Context, before time.Time) (int64, error)
}

// Job is one claimed unit of work handed to a Handler.
type Job struct {
	ID        uint64
	Kind      string
	DedupeKey string
	Payload   []byte // JSON
	Attempt   int    // 1 on the first run
	CreatedAt time.Time
}

// Decode unmarshals the payload into v; a payload that does not decode will never succeed, so
// the error is permanent.
func (j Job) Decode(v any) error {
	if err := json.Unmarshal(j.Payload, v); err != nil {
		return Permanent(fmt.Errorf("decode %s payload of job %d: %w", j.Kind, j.ID, err))
	}
	return nil
}

// Handler runs one job. A nil error marks it done; an error schedules a retry with backoff
// unless it is Permanent or the attempts are used up, in which case the job goes dead.
type Handler func(ctx context.Context, j Job) error

// NewJob is a job to enqueue.
type NewJob struct {
	Kind string
	// Payload is marshalled to JSON; []byte and json.RawMessage are stored as they are.
	Payload any
	// DedupeKey, when set, makes a second enqueue of the same kind and key a no-op.
	DedupeKey string
}

// Options tune the queue; zero values take the defaults in parentheses.
type Options struct {
	Now          func() time.Time // clock (time.Now)
	Lease        time.Duration    // how long a claim is exclusive (2 min)
	Timeout      time.Duration    // limit of one run; kept below Lease (1 min)
	MaxAttempts  int              // runs before a job goes dead (8)
	BaseBackoff  time.Duration    // delay after the first failure, doubled each time (2 s)
	MaxBackoff   time.Duration    // cap of the delay (1 h)
	PollInterval time.Duration    // how often to look for other instances' work (1 s)
	Retention    time.Duration    // how long done jobs are kept (7 days)
	InstanceID   string           // prefix of owner tokens (random)
	Logger       *zap.Logger      // (no-op)
}

// Queue enqueues and runs jobs. Register handlers before Run.
type Queue struct {
	store    Store
	opt      Options
	mu       sync.RWMutex
	handlers map[string]Handler
	wake     chan struct{}
	seq      atomic.Uint64
	pruned   atomic.Int64 // unix seconds of the last prune
	backlog  atomic.Bool  // a claim was limited by busy workers: more jobs may be waiting
}

// New builds a queue over store.
func New(store Store, o Options) *Queue {
	return &Queue{store: store, opt: o.withDefaults(), handlers: map[string]Handler{}, wake: make(chan struct{}, 1)}
}

func (o Options) withDefaults() Options {
	if o.Now == nil {
		o.Now = time.Now
	}
	o.Lease = orDuration(o.Lease, 2*time.Minute)
	o.Timeout = orDuration(o.Timeout, time.Minute)
	if o.Timeout >= o.Lease {
		o.Timeout = o.Lease * 9 / 10 // a run must end before another instance may take the job
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 8
	}
	o.BaseBackoff = orDuration(o.BaseBackoff, 2*time.Second)
	o.MaxBackoff = orDuration(o.MaxBackoff, time.Hour)
	o.PollInterval = orDuration(o.PollInterval, time.Second)
	o.Retention = orDuration(o.Retention, 7*24*time.Hour)
	if o.InstanceID == "" {
		o.InstanceID = randid.Hex(6)
	}
	if o.Logger == nil {
		o.Logger = zap.NewNop()
	}
	return o
}

func orDuration(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

// Register sets the handler of a kind. Only registered kinds are claimed, so instances running
// different versions leave each other's unknown kinds alone.
func (q *Queue) Register(kind string, h Handler) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.handlers[kind] = h
}

// Notify wakes the local dispatcher; call it after committing a transaction that enqueued jobs
// so they start without waiting for the next poll.
func (q *Queue) Notify() {
	select {
	case q.wake <- struct{}{}:
	default: // a wake-up is already pending
	}
}

func (q *Queue) now() time.Time { return q.opt.Now().UTC() }

func (q *Queue) handler(kind string) (Handler, bool) {
	q.mu.RLock()
	defer q.mu.RUnlock()
	h, ok := q.handlers[kind]
	return h, ok
}

func (q *Queue) kinds() []string {
	q.mu.RLock()
	defer q.mu.RUnlock()
	kinds := make([]string, 0, len(q.handlers))
	for k := range q.handlers {
		kinds = append(kinds, k)
	}
	return kinds
}

// permanentError marks an error that retrying cannot fix.
type permanentError struct{ err error }

// Error returns the wrapped error's text.
func (e permanentError) Error() string { return e.err.Error() }

// Unwrap exposes the wrapped error to errors.Is/As.
func (e permanentError) Unwrap() error { return e.err }

// Permanent wraps err so the job goes dead at once instead of being retried.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return permanentError{err}
}

// IsPermanent reports whether err was marked with Permanent.
func IsPermanent(err error) bool {
	var p permanentError
	return errors.As(err, &p)
}
