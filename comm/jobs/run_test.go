package jobs_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/zap/zaptest"

	"wxcomponent/comm/jobs"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

// waitFor fails the test if done is not closed in time; it bounds a hang, it measures nothing.
func waitFor(t *testing.T, done <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatalf("gave up waiting for %s", what)
	}
}

func TestRunWakesUpOnEnqueue(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		clk := newClock()
		s := setup(t, dialect, clk)
		// A poll interval of an hour: only the in-process wake-up can start the job.
		q := newQueue(s, clk, jobs.Options{PollInterval: time.Hour})
		done := make(chan struct{})
		q.Register("k", func(context.Context, jobs.Job) error { close(done); return nil })
		ctx, cancel := context.WithCancel(context.Background())
		stopped := make(chan struct{})
		go func() { defer close(stopped); q.Run(ctx, 2) }()
		mustEnqueue(t, q, jobs.NewJob{Kind: "k"})
		waitFor(t, done, "the job")
		cancel()
		waitFor(t, stopped, "Run to return")
	})
}

func TestTwoInstancesRunEveryJobOnce(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		clk := newClock()
		s := setup(t, dialect, clk)
		const total = 200
		var mu sync.Mutex
		seen := map[uint64]int{}
		all := make(chan struct{})
		handler := func(_ context.Context, j jobs.Job) error {
			mu.Lock()
			defer mu.Unlock()
			seen[j.ID]++
			if len(seen) == total {
				close(all)
			}
			return nil
		}
		ctx, cancel := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		queues := make([]*jobs.Queue, 2)
		for i := range queues {
			queues[i] = newQueue(s, clk, jobs.Options{PollInterval: 10 * time.Millisecond, InstanceID: fmt.Sprintf("inst%d", i), Logger: zaptest.NewLogger(t)})
			queues[i].Register("k", handler)
			wg.Go(func() { queues[i].Run(ctx, 4) })
		}
		batch := make([]jobs.NewJob, total)
		for i := range batch {
			batch[i] = jobs.NewJob{Kind: "k", DedupeKey: fmt.Sprint(i)}
		}
		mustEnqueue(t, queues[0], batch...)
		waitFor(t, all, "all jobs")
		cancel()
		wg.Wait()
		for id, n := range seen {
			if n != 1 {
				t.Fatalf("job %d ran %d times", id, n)
			}
		}
		for _, j := range allJobs(t, s) {
			if j.Status != model.JobDone {
				t.Fatalf("job %d is %s: %+v", j.ID, j.Status, j)
			}
		}
	})
}

func TestCleanError(t *testing.T) {
	err := fmt.Errorf("call: %w", errors.New(`GET /cgi-bin/x?component_access_token=abc123&x=1 {"errcode":40001,"component_verify_ticket":"ticket@@@zzz", "code": "queryauthcode@@@qq"}`))
	got := jobs.CleanError(err)
	if !strings.Contains(got, `"errcode":40001`) {
		t.Fatalf("%q lost the error code", got)
	}
	for _, secret := range []string{"abc123", "ticket@@@zzz", "queryauthcode@@@qq"} {
		if strings.Contains(got, secret) {
			t.Fatalf("%q leaks %q", got, secret)
		}
	}
	long := jobs.CleanError(errors.New(strings.Repeat("é", 2000)))
	if len(long) > 1024 || !strings.HasPrefix(long, "éé") {
		t.Fatalf("truncation: %d bytes", len(long))
	}
}
