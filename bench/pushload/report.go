package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"slices"
	"time"
)

// print writes the figures of one mode.
func (r *result) print(o options, mode string, rows, jobs map[string]int64) {
	slices.Sort(r.latencies)
	rate := float64(r.sent) / r.elapsed.Seconds()
	fmt.Printf("mode=%s db=%s concurrency=%d elapsed=%.1fs\n", mode, o.dialect, o.concurrency, r.elapsed.Seconds())
	fmt.Printf("  pushes      %d sent, %d not answered success\n", r.sent, r.failed)
	fmt.Printf("  throughput  %.0f pushes/s\n", rate)
	fmt.Printf("  latency     p50 %s  p90 %s  p99 %s  max %s\n",
		r.percentile(0.50), r.percentile(0.90), r.percentile(0.99), r.percentile(1))
	fmt.Printf("  rows stored %d (component %d, biz %d)\n", rows["component"]+rows["biz"], rows["component"], rows["biz"])
	fmt.Printf("  jobs        %v\n", jobs)
}

// percentile reads the p-th latency of the sorted sample, rounded for reading.
func (r *result) percentile(p float64) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	i := int(p * float64(len(r.latencies)-1))
	return r.latencies[i].Round(10 * time.Microsecond)
}

// startProfile writes a CPU profile until the returned function is called.
func startProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		_ = f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); _ = f.Close() }, nil
}
