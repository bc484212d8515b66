package authpage

import (
	"fmt"
	"testing"
	"time"
)

func TestLimiterRefillsAndStaysBounded(t *testing.T) {
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	l := NewLimiter(6, func() time.Time { return now }) // one token every 10 s
	for i := 0; i < 6; i++ {
		if ok, _ := l.Allow("a"); !ok {
			t.Fatalf("request %d refused", i)
		}
	}
	if ok, wait := l.Allow("a"); ok || wait != 10*time.Second {
		t.Fatalf("7th request: ok=%v wait=%v", ok, wait)
	}
	now = now.Add(10 * time.Second)
	if ok, _ := l.Allow("a"); !ok {
		t.Fatal("no token after 10 s")
	}
	l.maxKeys = 100
	for i := 0; i < 1000; i++ {
		l.Allow(fmt.Sprintf("ip-%d", i))
	}
	if n := len(l.buckets); n > 100 {
		t.Fatalf("%d buckets kept, limit 100", n)
	}
}
