package main

import (
	"fmt"
	"net/http"
	"sort"
	"sync/atomic"
	"time"
)

// report prints the latency figures of a phase and, with a flood, what the logins got.
func report(title string, s *pushStats, f *flood) {
	lat := append([]time.Duration(nil), s.latencies...)
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	fmt.Printf("%s: %d pushes ok, %d failed\n", title, len(lat), s.failed)
	if len(lat) > 0 {
		fmt.Printf("  push latency  p50 %s  p90 %s  p99 %s  max %s\n",
			pct(lat, 50), pct(lat, 90), pct(lat, 99), lat[len(lat)-1].Round(10*time.Microsecond))
	}
	if s.firstErr != "" {
		fmt.Printf("  first push error: %s\n", s.firstErr)
	}
	if f != nil {
		secs := f.ended.Sub(f.began).Seconds()
		fmt.Printf("  logins sent: %d (%.0f/s) from %d addresses;", f.sent.Load(), float64(f.sent.Load())/secs, f.sources)
		f.byStatus.Range(func(k, v any) bool {
			fmt.Printf(" %d %s: %d;", k, http.StatusText(k.(int)), v.(*atomic.Int64).Load())
			return true
		})
		fmt.Println()
	}
	fmt.Println()
}

func pct(sorted []time.Duration, p int) time.Duration {
	i := (len(sorted)*p+99)/100 - 1
	return sorted[max(i, 0)].Round(10 * time.Microsecond)
}
