package ingest

import (
	"sync/atomic"
	"time"
)

// Stats are cumulative figures of a writer, for metrics and benchmarks.
type Stats struct {
	Batches   int64         // transactions attempted
	Records   int64         // records in those transactions
	Failures  int64         // transactions that failed
	WriteTime time.Duration // total time spent writing
	MaxBatch  int64         // largest batch so far
}

// counters accumulates Stats without locks.
type counters struct {
	batches, records, failures, nanos, maxBatch atomic.Int64
}

func (c *counters) record(n int, d time.Duration, err error) {
	c.batches.Add(1)
	c.records.Add(int64(n))
	c.nanos.Add(int64(d))
	if err != nil {
		c.failures.Add(1)
	}
	for {
		m := c.maxBatch.Load()
		if int64(n) <= m || c.maxBatch.CompareAndSwap(m, int64(n)) {
			return
		}
	}
}

// Stats returns the figures so far.
func (w *Writer) Stats() Stats {
	c := &w.stats
	return Stats{Batches: c.batches.Load(), Records: c.records.Load(), Failures: c.failures.Load(),
		WriteTime: time.Duration(c.nanos.Load()), MaxBatch: c.maxBatch.Load()}
}
