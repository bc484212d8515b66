package ingest_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"go.uber.org/zap/zaptest"

	"wxcomponent/comm/callback"
	"wxcomponent/comm/ingest"
	"wxcomponent/comm/jobs"
	"wxcomponent/comm/wx/msg"
	"wxcomponent/db"
	"wxcomponent/db/dao"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

var t0 = time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)

type env struct {
	store *dao.Store
	queue *jobs.Queue
	w     *ingest.Writer
}

func setup(t *testing.T, dialect string, o ingest.Options) *env {
	t.Helper()
	store := dao.New(dbtest.Open(t, dialect), dialect, func() time.Time { return t0 })
	q := jobs.New(store, jobs.Options{Now: func() time.Time { return t0 }})
	o.Logger = zaptest.NewLogger(t)
	w := ingest.New(store, q, o)
	w.Start()
	t.Cleanup(w.Close)
	return &env{store: store, queue: q, w: w}
}

// push builds a verified push the way callback.Verifier would.
func push(t *testing.T, body string) *callback.Push {
	t.Helper()
	m, err := msg.Parse([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	return &callback.Push{Plain: []byte(body), Msg: m, DedupeKey: m.DedupeKey(), ReceivedAt: t0}
}

func ticket(n int) string {
	return fmt.Sprintf(`{"AppId":"wxc","CreateTime":%d,"InfoType":"component_verify_ticket","ComponentVerifyTicket":"ticket@@@%d"}`, 1700000000+n, n)
}

func count(t *testing.T, e *env, m any) int64 {
	t.Helper()
	var n int64
	if err := e.store.DB().Model(m).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func TestConcurrentSubmitsLandOnce(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := setup(t, dialect, ingest.Options{MaxBatch: 64})
		const goroutines, perG = 50, 20
		var mu sync.Mutex
		firsts := map[int]int{} // ticket number → non-duplicate results
		ids := map[int]uint{}   // ticket number → id every result must agree on
		var wg sync.WaitGroup
		errs := make(chan error, goroutines*perG)
		for g := range goroutines {
			wg.Go(func() {
				for i := range perG {
					n := (g/2)*perG + i // goroutines 2k and 2k+1 send the same pushes: WeChat retries
					res, err := e.w.StoreComponent(context.Background(), push(t, ticket(n)))
					if err != nil {
						errs <- err
						return
					}
					mu.Lock()
					if !res.Duplicate {
						firsts[n]++
					}
					if prev, ok := ids[n]; ok && prev != res.ID {
						errs <- fmt.Errorf("ticket %d stored as %d and %d (this one duplicate=%v)", n, prev, res.ID, res.Duplicate)
					}
					ids[n] = res.ID
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		const unique = goroutines / 2 * perG
		if got := count(t, e, &model.ComponentCallbackRecord{}); got != unique {
			t.Fatalf("%d rows, want %d", got, unique)
		}
		if got := count(t, e, &model.Job{}); got != unique {
			t.Fatalf("%d jobs, want %d", got, unique)
		}
		for n := range unique {
			if firsts[n] != 1 {
				t.Fatalf("ticket %d reported new %d times", n, firsts[n])
			}
		}
	})
}

func TestRetryIsStoredOnceWithoutNewJob(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := setup(t, dialect, ingest.Options{})
		first, err := e.w.StoreComponent(context.Background(), push(t, ticket(1)))
		if err != nil || first.Duplicate || first.ID == 0 {
			t.Fatalf("first: %+v %v", first, err)
		}
		again, err := e.w.StoreComponent(context.Background(), push(t, ticket(1)))
		if err != nil || !again.Duplicate || again.ID != first.ID {
			t.Fatalf("retry: %+v %v", again, err)
		}
		if n := count(t, e, &model.Job{}); n != 1 {
			t.Fatalf("%d jobs", n)
		}
		var p ingest.ComponentPush
		js, _ := e.store.ListJobs(context.Background(), ingest.KindComponentPush, 10)
		if err := (jobs.Job{Payload: []byte(js[0].Payload)}).Decode(&p); err != nil {
			t.Fatal(err)
		}
		if p.RecordID != first.ID || p.ComponentVerifyTicket != "ticket@@@1" || p.ReceivedAt != t0.Unix() {
			t.Fatalf("payload %+v", p)
		}
	})
}

func TestFailedWriteIsReportedThenRecovers(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := setup(t, dialect, ingest.Options{})
		if err := e.store.DB().Migrator().DropTable(&model.BizCallbackRecord{}); err != nil {
			t.Fatal(err)
		}
		p := push(t, `{"ToUserName":"gh_1","FromUserName":"o1","CreateTime":1700000000,"MsgType":"text","Content":"hi","MsgId":7}`)
		if _, err := e.w.StoreBiz(context.Background(), "wxa", p); err == nil {
			t.Fatal("a write to a missing table succeeded")
		}
		if err := db.Migrate(e.store.DB(), dialect); err != nil {
			t.Fatal(err)
		}
		if res, err := e.w.StoreBiz(context.Background(), "wxa", p); err != nil || res.Duplicate {
			t.Fatalf("after recovery: %+v %v", res, err)
		}
	})
}

func TestPoisonRecordDoesNotFailItsBatch(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		if dialect != db.MySQL {
			t.Skip("SQLite accepts any bytes; only MySQL refuses invalid UTF-8")
		}
		e := setup(t, dialect, ingest.Options{})
		bad := "bad"
		poison := ingest.Record{Component: &model.ComponentCallbackRecord{ReceiveTime: t0, CreateTime: t0, InfoType: "\xff\xfe", PostBody: "x", DedupeKey: &bad}}
		var wg sync.WaitGroup
		var badErr error
		wg.Go(func() { _, badErr = e.w.Submit(context.Background(), poison) })
		for n := range 20 {
			wg.Go(func() {
				if _, err := e.w.StoreComponent(context.Background(), push(t, ticket(n))); err != nil {
					t.Errorf("good record %d: %v", n, err)
				}
			})
		}
		wg.Wait()
		if badErr == nil {
			t.Fatal("the poison record was accepted")
		}
		if n := count(t, e, &model.ComponentCallbackRecord{}); n != 20 {
			t.Fatalf("%d rows, want 20", n)
		}
	})
}

func TestQueueFullAndClosed(t *testing.T) {
	store := dao.New(dbtest.Open(t, db.SQLite), db.SQLite, nil)
	w := ingest.New(store, nil, ingest.Options{QueueSize: 1}) // not started: nothing drains the queue
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rec := ingest.ComponentRecord(push(t, `{"InfoType":"x","CreateTime":1}`))
	if _, err := w.Submit(ctx, rec); !errors.Is(err, context.Canceled) {
		t.Fatalf("first submit: %v", err) // queued; we just stopped waiting
	}
	if _, err := w.Submit(context.Background(), rec); !errors.Is(err, ingest.ErrQueueFull) {
		t.Fatalf("second submit: %v", err)
	}
	w.Start()
	w.Close() // drains the queued record
	if _, err := w.Submit(context.Background(), rec); !errors.Is(err, ingest.ErrClosed) {
		t.Fatalf("after close: %v", err)
	}
	var n int64
	store.DB().Model(&model.ComponentCallbackRecord{}).Count(&n)
	if n != 1 {
		t.Fatalf("queued record not drained: %d rows", n)
	}
}

// benchPush is push without a *testing.T, for benchmarks.
func benchPush(body string) *callback.Push {
	m, err := msg.Parse([]byte(body))
	if err != nil {
		panic(err)
	}
	return &callback.Push{Plain: []byte(body), Msg: m, DedupeKey: m.DedupeKey(), ReceivedAt: t0}
}
