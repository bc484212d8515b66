package dao_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"wxcomponent/db/dao"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

var listBase = time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)

// seedBiz stores n biz pushes received at only five distinct instants (so most share their
// receive time with others), inserted in shuffled order so ids do not follow the time; appid
// alternates between two accounts, every third is a subscribe event.
func seedBiz(t *testing.T, store *dao.Store, n int) {
	t.Helper()
	rows := make([]model.BizCallbackRecord, n)
	for i := range rows {
		msgType, event := "text", ""
		if i%3 == 0 {
			msgType, event = "event", "subscribe"
		}
		at := listBase.Add(time.Duration(i%5) * 1500 * time.Millisecond)
		rows[i] = model.BizCallbackRecord{ReceiveTime: at, CreateTime: at, AppID: fmt.Sprint("wxa", i%2),
			MsgType: msgType, Event: event, PostBody: fmt.Sprint("<xml>", i, "</xml>")}
	}
	rand.New(rand.NewPCG(1, 2)).Shuffle(n, func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
	if n > 0 {
		if err := store.DB().CreateInBatches(&rows, 500).Error; err != nil {
			t.Fatal(err)
		}
	}
}

func everything() dao.RecordQuery {
	return dao.RecordQuery{End: listBase.Add(time.Hour), Limit: 15}
}

// walk follows the cursor from the first page to the last, returning the rows seen in order.
func walk(t *testing.T, store *dao.Store, q dao.BizRecordQuery) []model.BizCallbackRecord {
	t.Helper()
	var seen []model.BizCallbackRecord
	for pages := 0; ; pages++ {
		if pages > 1000 {
			t.Fatal("the cursor never reached the end")
		}
		p, err := store.ListBizRecords(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		seen = append(seen, p.Rows...)
		if p.Next == nil {
			return seen
		}
		if len(p.Rows) != q.Limit {
			t.Fatalf("a page before the last has %d rows, want %d", len(p.Rows), q.Limit)
		}
		q.After = p.Next
	}
}

// checkWalk asserts that seen holds each of the want rows exactly once, newest first with the
// id breaking ties.
func checkWalk(t *testing.T, seen []model.BizCallbackRecord, want int) {
	t.Helper()
	ids := map[uint]bool{}
	for i, r := range seen {
		if ids[r.ID] {
			t.Fatalf("row %d shown twice", r.ID)
		}
		ids[r.ID] = true
		if i > 0 {
			p := seen[i-1]
			if r.ReceiveTime.After(p.ReceiveTime) || (r.ReceiveTime.Equal(p.ReceiveTime) && r.ID > p.ID) {
				t.Fatalf("out of order at %d: %v/%d after %v/%d", i, r.ReceiveTime, r.ID, p.ReceiveTime, p.ID)
			}
		}
	}
	if len(ids) != want {
		t.Fatalf("the walk saw %d rows, want %d", len(ids), want)
	}
}

func TestRecordCursorVisitsEveryRowOnce(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		store := dao.New(dbtest.Open(t, dialect), dialect, nil)
		seedBiz(t, store, 103)
		for _, limit := range []int{1, 7, 15, 103, 100} {
			q := everything()
			q.Limit = limit
			checkWalk(t, walk(t, store, dao.BizRecordQuery{RecordQuery: q}), 103)
		}
		// With a filter served by another index, and with the filter plus a time range.
		checkWalk(t, walk(t, store, dao.BizRecordQuery{RecordQuery: everything(), AppID: "wxa1"}), 51)
		checkWalk(t, walk(t, store, dao.BizRecordQuery{RecordQuery: everything(), MsgType: "event", Event: "subscribe"}), 35)
		q := everything()
		q.Start, q.End = listBase.Add(1500*time.Millisecond), listBase.Add(4500*time.Millisecond)
		checkWalk(t, walk(t, store, dao.BizRecordQuery{RecordQuery: q, Event: "subscribe"}), 21)
	})
}

func TestRecordPagingAtTheLimits(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		ctx := context.Background()
		store := dao.New(dbtest.Open(t, dialect), dialect, nil)
		p, err := store.ListBizRecords(ctx, dao.BizRecordQuery{RecordQuery: everything()})
		if err != nil || p.Total != 0 || !p.TotalExact || len(p.Rows) != 0 || p.Next != nil {
			t.Fatalf("empty table: %+v %v", p, err)
		}
		cp, err := store.ListComponentRecords(ctx, dao.ComponentRecordQuery{RecordQuery: everything(), InfoType: "authorized"})
		if err != nil || cp.Total != 0 || len(cp.Rows) != 0 || cp.Next != nil {
			t.Fatalf("empty component table: %+v %v", cp, err)
		}

		seedBiz(t, store, 30)
		q := everything()
		q.Limit = 30 // exactly every row: no next page
		if p, _ = store.ListBizRecords(ctx, dao.BizRecordQuery{RecordQuery: q}); len(p.Rows) != 30 || p.Next != nil || p.Total != 30 {
			t.Fatalf("page of every row: %d rows, next %v, total %d", len(p.Rows), p.Next, p.Total)
		}
		q.Limit, q.Offset = 15, 29
		if p, _ = store.ListBizRecords(ctx, dao.BizRecordQuery{RecordQuery: q}); len(p.Rows) != 1 || p.Next != nil {
			t.Fatalf("offset at the last row: %d rows, next %v", len(p.Rows), p.Next)
		}
		q.Offset = 30
		if p, _ = store.ListBizRecords(ctx, dao.BizRecordQuery{RecordQuery: q}); len(p.Rows) != 0 || p.Total != 30 || !p.TotalExact {
			t.Fatalf("offset beyond the end: %d rows, total %d", len(p.Rows), p.Total)
		}
		// Offset pages and cursor pages agree.
		q.Offset = 0
		first, _ := store.ListBizRecords(ctx, dao.BizRecordQuery{RecordQuery: q})
		q.Offset = 15
		byOffset, _ := store.ListBizRecords(ctx, dao.BizRecordQuery{RecordQuery: q})
		q.Offset, q.After = 0, first.Next
		byCursor, _ := store.ListBizRecords(ctx, dao.BizRecordQuery{RecordQuery: q})
		for i := range byOffset.Rows {
			if byOffset.Rows[i].ID != byCursor.Rows[i].ID {
				t.Fatalf("row %d: offset gives %d, cursor %d", i, byOffset.Rows[i].ID, byCursor.Rows[i].ID)
			}
		}
		// A cursor past the oldest row gives an empty last page.
		q.After = &dao.RecordKey{ReceiveTime: listBase, ID: 1}
		if p, _ = store.ListBizRecords(ctx, dao.BizRecordQuery{RecordQuery: q}); len(p.Rows) != 0 || p.Next != nil {
			t.Fatalf("cursor past the end: %d rows", len(p.Rows))
		}
	})
}

func TestRecordFilters(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		ctx := context.Background()
		store := dao.New(dbtest.Open(t, dialect), dialect, nil)
		seedBiz(t, store, 60)
		oneInstant := everything()
		oneInstant.Start, oneInstant.End = listBase.Add(3*time.Second), listBase.Add(3*time.Second)
		for name, tc := range map[string]struct {
			q    dao.BizRecordQuery
			want int64
			ok   func(model.BizCallbackRecord) bool
		}{
			"appid":         {dao.BizRecordQuery{AppID: "wxa0"}, 30, func(r model.BizCallbackRecord) bool { return r.AppID == "wxa0" }},
			"msgType":       {dao.BizRecordQuery{MsgType: "text"}, 40, func(r model.BizCallbackRecord) bool { return r.MsgType == "text" }},
			"event":         {dao.BizRecordQuery{Event: "subscribe"}, 20, func(r model.BizCallbackRecord) bool { return r.Event == "subscribe" }},
			"msgType+event": {dao.BizRecordQuery{MsgType: "event", Event: "subscribe"}, 20, func(r model.BizCallbackRecord) bool { return r.Event == "subscribe" }},
			"appid+msgType": {dao.BizRecordQuery{AppID: "wxa1", MsgType: "event"}, 10, func(r model.BizCallbackRecord) bool { return r.AppID == "wxa1" && r.MsgType == "event" }},
			"no match":      {dao.BizRecordQuery{MsgType: "event", Event: "CLICK"}, 0, nil},
			"one instant":   {dao.BizRecordQuery{RecordQuery: oneInstant}, 12, func(r model.BizCallbackRecord) bool { return r.ReceiveTime.Equal(listBase.Add(3 * time.Second)) }},
		} {
			if tc.q.End.IsZero() {
				tc.q.RecordQuery = everything()
			}
			tc.q.Limit = 100
			p, err := store.ListBizRecords(ctx, tc.q)
			if err != nil || p.Total != tc.want || !p.TotalExact || int64(len(p.Rows)) != tc.want {
				t.Fatalf("%s: total %d exact %v, %d rows, want %d (%v)", name, p.Total, p.TotalExact, len(p.Rows), tc.want, err)
			}
			for _, r := range p.Rows {
				if !tc.ok(r) {
					t.Fatalf("%s: row %+v does not match", name, r)
				}
			}
		}
	})
}

func TestRecordTotalIsCappedThenEstimated(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		ctx := context.Background()
		store := dao.New(dbtest.Open(t, dialect), dialect, nil)
		seedBiz(t, store, 40)
		q := everything()
		q.TotalCap = 40
		if p, _ := store.ListBizRecords(ctx, dao.BizRecordQuery{RecordQuery: q}); p.Total != 40 || !p.TotalExact {
			t.Fatalf("at the cap: %d exact %v", p.Total, p.TotalExact)
		}
		q.TotalCap = 10
		p, err := store.ListBizRecords(ctx, dao.BizRecordQuery{RecordQuery: q})
		if err != nil || p.TotalExact || p.Total <= 10 || p.Total > 40 || len(p.Rows) != 15 {
			t.Fatalf("beyond the cap: total %d exact %v rows %d (%v)", p.Total, p.TotalExact, len(p.Rows), err)
		}
		p, _ = store.ListBizRecords(ctx, dao.BizRecordQuery{RecordQuery: q, AppID: "wxa0"})
		if p.TotalExact || p.Total <= 10 || p.Total > 40 {
			t.Fatalf("filtered beyond the cap: total %d exact %v", p.Total, p.TotalExact)
		}
		// Ids in time order, as the service inserts them: the unfiltered estimate is the count.
		store2 := dao.New(dbtest.Open(t, dialect), dialect, nil)
		var rows []model.BizCallbackRecord
		for i := range 40 {
			at := listBase.Add(time.Duration(i) * time.Second)
			rows = append(rows, model.BizCallbackRecord{ReceiveTime: at, CreateTime: at, AppID: fmt.Sprint("wxa", i%4), PostBody: "{}"})
		}
		if err := store2.DB().Create(&rows).Error; err != nil {
			t.Fatal(err)
		}
		if p, _ := store2.ListBizRecords(ctx, dao.BizRecordQuery{RecordQuery: q}); p.Total != 40 || p.TotalExact {
			t.Fatalf("estimate of ordered ids: %d exact %v", p.Total, p.TotalExact)
		}
		q.TotalCap = 5
		if p, _ := store2.ListBizRecords(ctx, dao.BizRecordQuery{RecordQuery: q, AppID: "wxa1"}); p.Total < 9 || p.Total > 11 || p.TotalExact {
			t.Fatalf("estimate of an appid with a quarter of the rows: %d exact %v", p.Total, p.TotalExact)
		}
	})
}

func TestRecordStats(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		store := dao.New(dbtest.Open(t, dialect), dialect, nil)
		seedBiz(t, store, 25)
		tables, dbBytes, err := store.RecordStats(context.Background())
		if err != nil || len(tables) != 2 {
			t.Fatal(tables, err)
		}
		if tables[0].Table != dao.ComponentRecords || tables[0].Rows != 0 || !tables[0].RowsExact {
			t.Fatalf("component: %+v", tables[0])
		}
		if tables[1].Table != dao.BizRecords || tables[1].Rows != 25 || !tables[1].RowsExact {
			t.Fatalf("biz: %+v", tables[1])
		}
		if dialect == "mysql" && (tables[1].Bytes == nil || *tables[1].Bytes <= 0 || dbBytes != nil) {
			t.Fatalf("mysql sizes: %v %v", tables[1].Bytes, dbBytes)
		}
		if dialect == "sqlite" && (tables[1].Bytes != nil || dbBytes == nil || *dbBytes <= 0) {
			t.Fatalf("sqlite sizes: %v %v", tables[1].Bytes, dbBytes)
		}
	})
}
