package dao_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"wxcomponent/db/dao"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

// credClock is a settable clock.
type credClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *credClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *credClock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func credStore(t *testing.T, dialect string) (*dao.Store, *credClock) {
	c := &credClock{t: time.Date(2025, 1, 1, 23, 30, 0, 0, time.UTC)}
	return dao.New(dbtest.Open(t, dialect), dialect, c.Now), c
}

func TestLeaseAcquireExpireRelease(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		ctx := context.Background()
		s, clk := credStore(t, dialect)
		mustLease(t, s, "a", "owner-1", true)
		mustLease(t, s, "a", "owner-2", false)
		mustLease(t, s, "b", "owner-2", true) // leases are independent
		if err := s.ReleaseLease(ctx, "a", "owner-2"); err != nil {
			t.Fatal(err)
		}
		mustLease(t, s, "a", "owner-3", false) // release by a non-owner did nothing
		clk.Advance(16 * time.Second)
		mustLease(t, s, "a", "owner-4", true) // expired: taken over
		if err := s.ReleaseLease(ctx, "a", "owner-1"); err != nil {
			t.Fatal(err)
		}
		mustLease(t, s, "a", "owner-5", false) // the old owner cannot free the new one's lease
		if err := s.ReleaseLease(ctx, "a", "owner-4"); err != nil {
			t.Fatal(err)
		}
		mustLease(t, s, "a", "owner-6", true)
	})
}

func TestLeaseContention(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		s, clk := credStore(t, dialect)
		for round := range 2 { // a free lease, then an expired one
			var won atomic.Int32
			var wg sync.WaitGroup
			for i := range 16 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					ok, err := s.AcquireLease(context.Background(), "hot", "o"+string(rune('a'+round))+string(rune('a'+i)), 15*time.Second)
					if err != nil {
						t.Error(err)
					}
					if ok {
						won.Add(1)
					}
				}()
			}
			wg.Wait()
			if n := won.Load(); n != 1 {
				t.Fatalf("round %d: %d owners, want exactly 1", round, n)
			}
			clk.Advance(20 * time.Second)
		}
	})
}

func mustLease(t *testing.T, s *dao.Store, name, owner string, want bool) {
	t.Helper()
	got, err := s.AcquireLease(context.Background(), name, owner, 15*time.Second)
	if err != nil || got != want {
		t.Fatalf("AcquireLease(%s, %s) = %v, %v; want %v", name, owner, got, err, want)
	}
}

func TestAPICallCounters(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		ctx := context.Background()
		s, clk := credStore(t, dialect)
		// 23:30 UTC is already the next day in Beijing.
		if got := dao.DayBucket(clk.Now()); got != "2025-01-02" {
			t.Fatalf("DayBucket = %s, want the UTC+8 day", got)
		}
		for range 3 {
			if err := s.CountAPICall(ctx, "/cgi-bin/x"); err != nil {
				t.Fatal(err)
			}
		}
		if n, _ := s.GetAPICalls(ctx, "2025-01-02", "/cgi-bin/x", ""); n != 3 {
			t.Fatalf("count = %d, want 3", n)
		}
		if n, _ := s.GetAPICalls(ctx, "2025-01-02", "/cgi-bin/y", ""); n != 0 {
			t.Fatalf("unknown counter = %d", n)
		}
		_ = s.IncrAPICall(ctx, dao.HourBucket(clk.Now()), "/cgi-bin/x", "wxa")
		clk.Advance(48 * time.Hour)
		_ = s.CountAPICall(ctx, "/cgi-bin/x")
		if n, err := s.PruneAPICalls(ctx, dao.DayBucket(clk.Now())); err != nil || n != 2 {
			t.Fatalf("pruned %d, %v; want the day and hour counters of 2 days ago", n, err)
		}
		rows, _ := s.ListAPICalls(ctx, dao.DayBucket(clk.Now()))
		if len(rows) != 1 || rows[0].Calls != 1 {
			t.Fatalf("today's counters: %+v", rows)
		}
	})
}

func TestWxTokenCompareAndDelete(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		ctx := context.Background()
		s, clk := credStore(t, dialect)
		row := model.WxToken{Type: 2, AppID: "wxc", Token: "t1", ExpireTime: clk.Now().Add(time.Hour)}
		if err := s.UpsertWxToken(ctx, row); err != nil {
			t.Fatal(err)
		}
		row.Token = "t2"
		if err := s.UpsertWxToken(ctx, row); err != nil {
			t.Fatal(err)
		}
		if ok, err := s.DeleteWxTokenIf(ctx, 2, "wxc", "t1"); err != nil || ok {
			t.Fatalf("deleted a row holding another token: %v %v", ok, err)
		}
		got, err := s.GetWxToken(ctx, 2, "wxc")
		if err != nil || got.Token != "t2" || !got.ExpireTime.Equal(row.ExpireTime) || !got.UpdateTime.Equal(clk.Now()) {
			t.Fatalf("row = %+v, %v", got, err)
		}
		if ok, err := s.DeleteWxTokenIf(ctx, 2, "wxc", "t2"); err != nil || !ok {
			t.Fatalf("current token not deleted: %v %v", ok, err)
		}
	})
}
