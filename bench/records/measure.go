package main

import (
	"context"
	"fmt"
	"slices"
	"time"

	"wxcomponent/db/dao"
)

// pageSize is the console's page.
const pageSize = 15

// pageKind is one kind of page the console asks for; read is called with the run's number so
// filters can vary between runs.
type pageKind struct {
	name string
	read func(ctx context.Context, run int) (total int64, exact bool, err error)
}

func measure(store *dao.Store, now time.Time, runs int) error {
	ctx := context.Background()
	base := dao.RecordQuery{End: now, Limit: pageSize}
	biz := func(q dao.BizRecordQuery) (int64, bool, error) {
		p, err := store.ListBizRecords(ctx, q)
		return p.Total, p.TotalExact, err
	}
	// The row 2,000 pages deep, where the cursor page starts.
	deep, err := store.ListBizRecords(ctx, dao.BizRecordQuery{RecordQuery: dao.RecordQuery{End: now, Offset: 2000*pageSize - 1, Limit: 1}})
	if err != nil || len(deep.Rows) == 0 {
		return fmt.Errorf("find the row 2,000 pages deep: %v", err)
	}
	after := &dao.RecordKey{ReceiveTime: deep.Rows[0].ReceiveTime, ID: deep.Rows[0].ID}
	appid := func(run int) string { return fmt.Sprintf("wxbench%010d", run%appIDs) }
	kinds := []pageKind{
		{"unfiltered", func(_ context.Context, _ int) (int64, bool, error) { return biz(dao.BizRecordQuery{RecordQuery: base}) }},
		{"appid", func(_ context.Context, run int) (int64, bool, error) {
			return biz(dao.BizRecordQuery{RecordQuery: base, AppID: appid(run)})
		}},
		{"msgType", func(_ context.Context, run int) (int64, bool, error) {
			return biz(dao.BizRecordQuery{RecordQuery: base, MsgType: []string{"text", "image", "event"}[run%3]})
		}},
		{"msgType+event", func(_ context.Context, run int) (int64, bool, error) {
			ev := []string{"subscribe", "CLICK", "weapp_audit_success"}[run%3]
			return biz(dao.BizRecordQuery{RecordQuery: base, MsgType: "event", Event: ev})
		}},
		{"event", func(_ context.Context, run int) (int64, bool, error) {
			return biz(dao.BizRecordQuery{RecordQuery: base, Event: []string{"TEMPLATESENDJOBFINISH", "SCAN"}[run%2]})
		}},
		{"appid+msgType", func(_ context.Context, run int) (int64, bool, error) {
			return biz(dao.BizRecordQuery{RecordQuery: base, AppID: appid(run), MsgType: "text"})
		}},
		{"one-day range", func(_ context.Context, run int) (int64, bool, error) {
			day := now.Add(-time.Duration(1+run%80) * 24 * time.Hour)
			q := base
			q.Start, q.End = day, day.Add(24*time.Hour-time.Millisecond)
			return biz(dao.BizRecordQuery{RecordQuery: q})
		}},
		{"offset 30,000", func(_ context.Context, _ int) (int64, bool, error) {
			q := base
			q.Offset = 30_000
			return biz(dao.BizRecordQuery{RecordQuery: q})
		}},
		{"offset 300,000", func(_ context.Context, _ int) (int64, bool, error) {
			q := base
			q.Offset = 300_000
			return biz(dao.BizRecordQuery{RecordQuery: q})
		}},
		{"cursor 2,000 pages deep", func(_ context.Context, _ int) (int64, bool, error) {
			q := base
			q.After = after
			return biz(dao.BizRecordQuery{RecordQuery: q})
		}},
		{"component unfiltered", func(_ context.Context, _ int) (int64, bool, error) {
			p, err := store.ListComponentRecords(ctx, dao.ComponentRecordQuery{RecordQuery: base})
			return p.Total, p.TotalExact, err
		}},
		{"component infoType", func(_ context.Context, run int) (int64, bool, error) {
			it := []string{"component_verify_ticket", "authorized", "unauthorized"}[run%3]
			p, err := store.ListComponentRecords(ctx, dao.ComponentRecordQuery{RecordQuery: base, InfoType: it})
			return p.Total, p.TotalExact, err
		}},
	}
	fmt.Printf("\n%-26s %10s %10s   %s\n", "page (15 rows)", "median", "p99", "total of the last run")
	for _, k := range kinds {
		if err := time1(ctx, k, runs); err != nil {
			return err
		}
	}
	return nil
}

// time1 reads one page kind runs times (after one warm-up read) and prints its median and p99.
func time1(ctx context.Context, k pageKind, runs int) error {
	if _, _, err := k.read(ctx, runs); err != nil {
		return fmt.Errorf("%s: %w", k.name, err)
	}
	took := make([]time.Duration, runs)
	var total int64
	var exact bool
	for i := range runs {
		start := time.Now()
		t, e, err := k.read(ctx, i)
		took[i] = time.Since(start)
		if err != nil {
			return fmt.Errorf("%s: %w", k.name, err)
		}
		total, exact = t, e
	}
	slices.Sort(took)
	p99 := took[min(len(took)-1, (len(took)*99+99)/100-1)]
	mark := "exact"
	if !exact {
		mark = "estimate"
	}
	fmt.Printf("%-26s %10s %10s   %d (%s)\n", k.name, ms(took[len(took)/2]), ms(p99), total, mark)
	return nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
