// Package ingest stores pushes durably before they are acknowledged. Concurrent callers submit
// records; one loop gathers whatever is queued (up to MaxBatch) and writes it in a single
// transaction — records with multi-row INSERTs that skip retries by dedupe key, plus the
// follow-up jobs of the new records — and answers every caller only after the commit (group
// commit). A caller told "stored" can answer WeChat "success" knowing nothing will be lost.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"go.uber.org/zap"

	"wxcomponent/comm/jobs"
	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// Errors returned by Submit before anything is written.
var (
	// ErrQueueFull means the writer is saturated; answer 503 so WeChat retries later instead of
	// piling up requests in memory.
	ErrQueueFull = errors.New("ingest: queue full")
	// ErrClosed means the writer is shutting down.
	ErrClosed = errors.New("ingest: writer closed")
)

// Store is the part of dao.Store the writer needs; the records go in through the transaction's
// store that InTx hands out.
type Store interface {
	Dialect() string
	InTx(ctx context.Context, fn func(tx *dao.Store) error) error
}

// JobSink enqueues follow-up jobs inside the record transaction and is notified after commit.
type JobSink interface {
	EnqueueBatchTx(ctx context.Context, tx *dao.Store, jobs []jobs.NewJob) (int64, error)
	Notify()
}

// Hook adds rows of its own in the transaction that stores records, for the records that are
// new (a WeChat retry adds nothing), e.g. the forwarding outbox.
type Hook interface {
	// Wants tells whether rec concerns the hook; only then is the id of a new record read back.
	Wants(rec Record) bool
	// AddTx writes the hook's rows for the new records it wants, inside tx, and returns how many.
	AddTx(ctx context.Context, tx *dao.Store, news []Stored) (int64, error)
	// Notify is called after a commit to which AddTx added rows.
	Notify()
}

// Stored is a record that a transaction stored for the first time, with its id.
type Stored struct {
	Record Record
	ID     uint
}

// Record is one push to store: exactly one of Component and Biz, and optionally the jobs to
// enqueue if (and only if) the record is new.
type Record struct {
	Component *model.ComponentCallbackRecord
	Biz       *model.BizCallbackRecord
	// Jobs builds the follow-ups once the record id is known; nil means none.
	Jobs func(recordID uint) []jobs.NewJob
}

// Result tells where a record landed.
type Result struct {
	// ID is the stored row. It is looked up only for records with jobs (and for duplicates), so
	// it is 0 for a new record without jobs, and for a row a concurrent instance just stored.
	ID        uint
	Duplicate bool // a retry of a push already stored; its jobs were not enqueued again
}

// Options tune the writer; zero values take the defaults in parentheses.
type Options struct {
	MaxBatch   int // records per transaction (256)
	QueueSize  int // records waiting before Submit fails fast (8192)
	Committers int // most transactions in flight at once (MySQL 4, SQLite 1: it has one writer)
	// ParallelMin is the smallest batch that may start while another transaction is in flight
	// (16). Smaller batches wait for the running commit instead: overlapping transactions only
	// pays when the database is slower than the arrivals, and many small ones cost more in total.
	ParallelMin  int
	WriteTimeout time.Duration // limit of one transaction (10 s)
	Hooks        []Hook        // write beside every new record they want (none)
	Logger       *zap.Logger   // (no-op)
}

// Writer is the group-commit writer. Start it, Submit from any goroutine, Close at shutdown.
type Writer struct {
	store   Store
	sink    JobSink
	opt     Options
	queue   chan *item
	mu      sync.RWMutex // guards closed against a send on the closed queue
	closed  bool
	start   sync.Once
	stopped chan struct{}
	stats   counters
}

// item is one submitted record and the channel its outcome goes to.
type item struct {
	rec    Record
	done   chan outcome
	hooked bool // a hook wants the record (set by the committer that writes it)
}

type outcome struct {
	res Result
	err error
}

// New builds a writer; sink may be nil when no record carries jobs.
func New(store Store, sink JobSink, o Options) *Writer {
	o = o.withDefaults(store.Dialect())
	return &Writer{store: store, sink: sink, opt: o, queue: make(chan *item, o.QueueSize), stopped: make(chan struct{})}
}

func (o Options) withDefaults(dialect string) Options {
	if o.MaxBatch <= 0 {
		o.MaxBatch = 256
	}
	if o.QueueSize <= 0 {
		o.QueueSize = 8192
	}
	if o.WriteTimeout <= 0 {
		o.WriteTimeout = 10 * time.Second
	}
	if o.ParallelMin <= 0 {
		o.ParallelMin = 16
	}
	if o.Committers <= 0 {
		o.Committers = 4
		if dialect != "mysql" {
			o.Committers = 1
		}
	}
	if o.Logger == nil {
		o.Logger = zap.NewNop()
	}
	return o
}

// Start launches the write loop; calling it again does nothing.
func (w *Writer) Start() { w.start.Do(func() { go w.loop() }) }

// Close stops accepting records, writes those already queued and waits for the loop to end.
// Call it after the HTTP server has stopped so no handler is left waiting.
func (w *Writer) Close() {
	w.mu.Lock()
	if !w.closed {
		w.closed = true
		close(w.queue)
	}
	w.mu.Unlock()
	w.Start() // a writer closed before it started still writes what was queued
	<-w.stopped
}

// Submit queues rec and waits until it is committed (or the write failed). If ctx ends first
// the record may still be written; the caller just stops waiting.
func (w *Writer) Submit(ctx context.Context, rec Record) (Result, error) {
	if (rec.Component == nil) == (rec.Biz == nil) {
		return Result{}, errors.New("ingest: a record needs exactly one of Component and Biz")
	}
	it := &item{rec: rec, done: make(chan outcome, 1)}
	if err := w.enqueue(it); err != nil {
		return Result{}, err
	}
	select {
	case o := <-it.done:
		return o.res, o.err
	case <-ctx.Done():
		return Result{}, fmt.Errorf("wait for commit: %w", ctx.Err())
	}
}

// enqueue hands it to the loop without blocking.
func (w *Writer) enqueue(it *item) error {
	w.mu.RLock()
	defer w.mu.RUnlock()
	if w.closed {
		return ErrClosed
	}
	select {
	case w.queue <- it:
		return nil
	default:
		return ErrQueueFull
	}
}
