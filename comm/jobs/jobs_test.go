package jobs_test

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"wxcomponent/comm/clocktest"
	"wxcomponent/comm/jobs"
	"wxcomponent/db/dao"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

func newClock() *clocktest.Clock {
	return clocktest.New(time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC))
}

func setup(t *testing.T, dialect string, clk *clocktest.Clock) *dao.Store {
	t.Helper()
	return dao.New(dbtest.Open(t, dialect), dialect, clk.Now)
}

func newQueue(store *dao.Store, clk *clocktest.Clock, o jobs.Options) *jobs.Queue {
	o.Now = clk.Now
	return jobs.New(store, o)
}

func mustEnqueue(t *testing.T, q *jobs.Queue, js ...jobs.NewJob) {
	t.Helper()
	if err := q.Enqueue(context.Background(), js...); err != nil {
		t.Fatal(err)
	}
}

func allJobs(t *testing.T, s *dao.Store) []model.Job {
	t.Helper()
	js, err := s.ListJobs(context.Background(), "", 1000)
	if err != nil {
		t.Fatal(err)
	}
	return js
}

func TestEnqueueDedupesAndProcesses(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		clk := newClock()
		s := setup(t, dialect, clk)
		q := newQueue(s, clk, jobs.Options{})
		var got []string
		q.Register("a", func(_ context.Context, j jobs.Job) error {
			var p struct{ N int }
			if err := j.Decode(&p); err != nil {
				return err
			}
			got = append(got, j.DedupeKey)
			return nil
		})
		mustEnqueue(t, q, jobs.NewJob{Kind: "a", Payload: map[string]int{"N": 1}, DedupeKey: "k1"},
			jobs.NewJob{Kind: "a", Payload: map[string]int{"N": 2}, DedupeKey: "k1"}, // same key: skipped
			jobs.NewJob{Kind: "a", Payload: map[string]int{"N": 3}, DedupeKey: "k2"},
			jobs.NewJob{Kind: "other", Payload: nil, DedupeKey: "k1"}) // unregistered kind: left alone
		n, err := q.ProcessOnce(context.Background(), 10)
		if err != nil || n != 2 {
			t.Fatalf("ran %d, %v", n, err)
		}
		if strings.Join(got, ",") != "k1,k2" {
			t.Fatalf("handled %v", got)
		}
		for _, j := range allJobs(t, s) {
			want := map[string]string{"a": model.JobDone, "other": model.JobPending}[j.Kind]
			if j.Status != want || j.LockedBy != "" {
				t.Fatalf("job %d %s: status %s locked_by %q", j.ID, j.Kind, j.Status, j.LockedBy)
			}
		}
	})
}

func TestRetryBackoffThenDead(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		clk := newClock()
		s := setup(t, dialect, clk)
		q := newQueue(s, clk, jobs.Options{MaxAttempts: 3, BaseBackoff: time.Second, MaxBackoff: time.Minute})
		calls := 0
		q.Register("flaky", func(context.Context, jobs.Job) error {
			calls++
			return errors.New("upstream said access_token=SECRETVALUE is invalid")
		})
		mustEnqueue(t, q, jobs.NewJob{Kind: "flaky", DedupeKey: "x"})
		for attempt := 1; attempt <= 3; attempt++ {
			if n, err := q.ProcessOnce(context.Background(), 10); n != 1 || err != nil {
				t.Fatalf("attempt %d: ran %d, %v", attempt, n, err)
			}
			if n, _ := q.ProcessOnce(context.Background(), 10); n != 0 {
				t.Fatalf("attempt %d: retried before its backoff", attempt)
			}
			j := allJobs(t, s)[0]
			if j.Attempts != attempt || strings.Contains(j.LastError, "SECRETVALUE") || !strings.Contains(j.LastError, "access_token=***") {
				t.Fatalf("after attempt %d: %+v", attempt, j)
			}
			if attempt < 3 && (j.Status != model.JobPending || !j.RunAt.After(clk.Now())) {
				t.Fatalf("after attempt %d: want pending in the future, got %s at %v", attempt, j.Status, j.RunAt)
			}
			clk.Advance(time.Minute)
		}
		if j := allJobs(t, s)[0]; j.Status != model.JobDead || calls != 3 {
			t.Fatalf("want dead after 3 calls, got %s after %d", j.Status, calls)
		}
	})
}

func TestPermanentAndPanicking(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		clk := newClock()
		s := setup(t, dialect, clk)
		q := newQueue(s, clk, jobs.Options{})
		q.Register("perm", func(context.Context, jobs.Job) error { return jobs.Permanent(errors.New("bad payload")) })
		q.Register("boom", func(context.Context, jobs.Job) error { panic("kaboom") })
		mustEnqueue(t, q, jobs.NewJob{Kind: "perm"}, jobs.NewJob{Kind: "boom"})
		if n, err := q.ProcessOnce(context.Background(), 10); n != 2 || err != nil {
			t.Fatalf("ran %d, %v", n, err)
		}
		for _, j := range allJobs(t, s) {
			want := map[string]string{"perm": model.JobDead, "boom": model.JobPending}[j.Kind]
			if j.Status != want {
				t.Fatalf("%s: status %s, want %s (%s)", j.Kind, j.Status, want, j.LastError)
			}
		}
	})
}

func TestExpiredLeaseIsRetriedAndLateFinishIsFenced(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		clk := newClock()
		s := setup(t, dialect, clk)
		opts := jobs.Options{Lease: time.Minute, Timeout: 30 * time.Second}
		dead := newQueue(s, clk, opts) // the instance that "crashes" mid-job
		started, release := make(chan struct{}), make(chan struct{})
		dead.Register("ticket", func(context.Context, jobs.Job) error {
			close(started)
			<-release // never returns while the lease runs out
			return nil
		})
		mustEnqueue(t, dead, jobs.NewJob{Kind: "ticket", DedupeKey: "t1"})
		finished := make(chan struct{})
		go func() { defer close(finished); _, _ = dead.ProcessOnce(context.Background(), 1) }()
		<-started

		alive := newQueue(s, clk, opts)
		var ran atomic.Int32
		alive.Register("ticket", func(context.Context, jobs.Job) error { ran.Add(1); return nil })
		if n, _ := alive.ProcessOnce(context.Background(), 10); n != 0 {
			t.Fatal("a job under a live lease was claimed twice")
		}
		clk.Advance(61 * time.Second)
		if n, err := alive.ProcessOnce(context.Background(), 10); n != 1 || err != nil || ran.Load() != 1 {
			t.Fatalf("after lease expiry ran %d (%d calls), %v", n, ran.Load(), err)
		}
		close(release)
		<-finished
		j := allJobs(t, s)[0]
		if j.Status != model.JobDone || j.Attempts != 2 {
			t.Fatalf("want done after 2 attempts, got %s/%d", j.Status, j.Attempts)
		}
	})
}
