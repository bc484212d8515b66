package main

import (
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"wxcomponent/bench/internal/binsvc"
)

// pushStats is what one phase of pushes measured.
type pushStats struct {
	latencies []time.Duration
	failed    int64
	firstErr  string
}

var pushSeq atomic.Int64

// pushPhase sends CloudRun JSON pushes at rate per second for d, each on its own
// goroutine so a slow answer never delays the next send (an open-loop load, as
// WeChat's). A non-nil flood runs for the same time.
func pushPhase(base string, rate int, d time.Duration, flood *flood) *pushStats {
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 256}}
	if flood != nil {
		flood.start()
		defer flood.stop()
		time.Sleep(time.Second) // let the flood reach steady state
	}
	var (
		mu    sync.Mutex
		stats pushStats
		wg    sync.WaitGroup
	)
	tick := time.NewTicker(time.Second / time.Duration(rate))
	defer tick.Stop()
	for end := time.Now().Add(d); time.Now().Before(end); {
		<-tick.C
		wg.Add(1)
		go func() {
			defer wg.Done()
			lat, err := push(client, base)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				stats.failed++
				if stats.firstErr == "" {
					stats.firstErr = err.Error()
				}
				return
			}
			stats.latencies = append(stats.latencies, lat)
		}()
	}
	wg.Wait()
	return &stats
}

// push sends one user message to an authorizer's callback and checks the "success" answer.
func push(client *http.Client, base string) (time.Duration, error) {
	n := pushSeq.Add(1)
	body := fmt.Sprintf(`{"ToUserName":"gh_bench0001","FromUserName":"obench%d","CreateTime":%d,"MsgType":"text","Content":"hello","MsgId":%d}`,
		n, time.Now().Unix(), 7_000_000_000+n)
	start := time.Now()
	err := binsvc.PushJSON(client, base, "wxbench000000001", body)
	return time.Since(start), err
}
