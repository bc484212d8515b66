package authpage

import (
	"fmt"
	"testing"
	"time"
)

// testClock is a settable clock for the limiter.
type testClock struct{ t time.Time }

func (c *testClock) now() time.Time { return c.t }

func newTestClock() *testClock {
	return &testClock{t: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
}

func TestLimiterRefills(t *testing.T) {
	clk := newTestClock()
	l := NewLimiter(6, 0, clk.now) // one token every 10 s
	for i := 0; i < 6; i++ {
		if ok, _ := l.Allow("a"); !ok {
			t.Fatalf("request %d refused", i)
		}
	}
	if ok, wait := l.Allow("a"); ok || wait != 10*time.Second {
		t.Fatalf("7th request: ok=%v wait=%v", ok, wait)
	}
	if ok, _ := l.Allow("b"); !ok {
		t.Fatal("another key was limited too")
	}
	clk.t = clk.t.Add(10 * time.Second)
	if ok, _ := l.Allow("a"); !ok {
		t.Fatal("no token after 10 s")
	}
	clk.t = clk.t.Add(-time.Hour) // a clock stepping back must not mint tokens
	if ok, _ := l.Allow("a"); ok {
		t.Fatal("token granted after the clock went back")
	}
	clk.t = clk.t.Add(time.Hour)
	if ok, _ := l.Allow("a"); ok {
		t.Fatal("token granted on returning to where the clock was")
	}
}

// TestLimiterEvictsLeastRecentlyUsed floods the table with new addresses: it stays bounded,
// and instead of being reset it drops only the least recently used buckets — a limited client
// that keeps trying stays limited however many other addresses pass by.
func TestLimiterEvictsLeastRecentlyUsed(t *testing.T) {
	clk := newTestClock()
	l := NewLimiter(1, 1000000, clk.now)
	l.maxKeys = 100
	if ok, _ := l.Allow("attacker"); !ok {
		t.Fatal("first request refused")
	}
	for i := 0; i < 10000; i++ {
		if ok, _ := l.Allow(fmt.Sprintf("ip-%d", i)); !ok {
			t.Fatalf("new address ip-%d refused", i)
		}
		if i%50 == 0 {
			if ok, _ := l.Allow("attacker"); ok {
				t.Fatalf("limited client let through after %d other addresses", i+1)
			}
		}
		if n := len(l.keys); n > 100 || l.lru.Len() != n {
			t.Fatalf("%d buckets in the map, %d in the list; limit 100", n, l.lru.Len())
		}
	}
	// The most recent 99 addresses are still tracked (spent); the oldest were evicted.
	if ok, _ := l.Allow("ip-9999"); ok {
		t.Error("recent address forgotten")
	}
	if ok, _ := l.Allow("ip-0"); !ok {
		t.Error("least recently used address not evicted")
	}
}

func TestLimiterGlobalCap(t *testing.T) {
	clk := newTestClock()
	l := NewLimiter(10, 30, clk.now) // 30 mints a minute in total: one every 2 s
	for ip := 0; ip < 3; ip++ {
		for i := 0; i < 10; i++ {
			if ok, _ := l.AllowMint(fmt.Sprintf("ip-%d", ip)); !ok {
				t.Fatalf("ip-%d request %d refused", ip, i)
			}
		}
	}
	for i := 0; i < 5; i++ { // refusals spend nothing of the fourth address's own bucket
		if ok, wait := l.AllowMint("ip-3"); ok || wait != 2*time.Second {
			t.Fatalf("31st mint: ok=%v wait=%v, want refused for 2s", ok, wait)
		}
	}
	// The per-IP limit of the other endpoints is not affected by the shared bucket.
	if ok, _ := l.Allow("ip-3"); !ok {
		t.Fatal("non-minting request refused by the global cap")
	}
	// A client over its own limit does not drain the shared bucket either.
	clk.t = clk.t.Add(2 * time.Second)
	for i := 0; i < 5; i++ {
		if ok, _ := l.AllowMint("ip-0"); ok {
			t.Fatal("ip-0 over its own limit let through")
		}
	}
	if ok, _ := l.AllowMint("ip-3"); !ok {
		t.Fatal("mint refused once the shared bucket regained a token")
	}
	if ok, wait := l.AllowMint("ip-4"); ok || wait != 2*time.Second {
		t.Fatalf("next mint: ok=%v wait=%v", ok, wait)
	}
	// Both short: the wait is the longer one.
	clk.t = clk.t.Add(time.Minute)
	for i := 0; i < 10; i++ {
		l.AllowMint("ip-5")
	}
	if ok, wait := l.AllowMint("ip-5"); ok || wait != 6*time.Second {
		t.Fatalf("ip-5 over its limit: ok=%v wait=%v, want 6s (one token of 10/min)", ok, wait)
	}
}

func TestLimiterDefaults(t *testing.T) {
	l := NewLimiter(0, 0, nil)
	if l.perKey.burst != 10 || l.global.burst != 120 || l.maxKeys != 10000 {
		t.Fatalf("defaults: per key %v, global %v, keys %d", l.perKey.burst, l.global.burst, l.maxKeys)
	}
}
