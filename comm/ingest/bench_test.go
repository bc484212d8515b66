package ingest_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"wxcomponent/comm/ingest"
	"wxcomponent/comm/jobs"
	"wxcomponent/db"
	"wxcomponent/db/dao"
	"wxcomponent/db/dbtest"
)

// BenchmarkWriter measures the group-commit writer alone (no HTTP): 64 concurrent submitters of
// biz records, as under a push storm. It reports records/s and records per transaction.
func BenchmarkWriter(b *testing.B) {
	for _, dialect := range []string{db.SQLite, db.MySQL} {
		for _, committers := range []int{1, 2, 4} {
			b.Run(fmt.Sprintf("%s/committers=%d", dialect, committers), func(b *testing.B) {
				store := dao.New(dbtest.Open(b, dialect), dialect, nil)
				w := ingest.New(store, jobs.New(store, jobs.Options{}), ingest.Options{Committers: committers})
				w.Start()
				defer w.Close()
				var seq atomic.Int64
				var wg sync.WaitGroup
				b.ResetTimer()
				start := time.Now()
				for range 64 {
					wg.Go(func() {
						for {
							n := seq.Add(1)
							if n > int64(b.N) {
								return
							}
							body := fmt.Sprintf(`{"ToUserName":"gh_1","FromUserName":"o1","CreateTime":1700000000,"MsgType":"text","Content":"hello","MsgId":%d}`, n)
							if _, err := w.StoreBiz(context.Background(), "wxa", benchPush(body)); err != nil {
								b.Error(err)
								return
							}
						}
					})
				}
				wg.Wait()
				s := w.Stats()
				b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "records/s")
				b.ReportMetric(float64(s.Records)/float64(max(s.Batches, 1)), "records/txn")
				b.ReportMetric(float64(s.WriteTime.Microseconds())/float64(max(s.Batches, 1)), "µs/txn")
			})
		}
	}
}
