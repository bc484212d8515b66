package dao_test

import (
	"context"
	"testing"
	"time"

	"wxcomponent/db/dao"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

// Claims take due rows oldest first, never a row another claim holds; one batch of outcomes
// records each row's own status and latency, hands a row back with its attempt uncounted, and
// changes nothing for a claim that lost its row.
func TestDeliveryClaimsAndBatchedOutcomes(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		now := time.Now().UTC().Truncate(time.Second)
		s := dao.New(dbtest.Open(t, dialect), dialect, func() time.Time { return now })
		ctx := context.Background()
		var rows []model.ForwardDelivery
		for i := range 6 {
			rows = append(rows, model.ForwardDelivery{RuleID: 1, Source: model.ForwardBiz, RecordID: uint(i + 1), Body: "<xml/>",
				Status: model.DeliveryPending, NextAt: now.Add(-time.Duration(10-i) * time.Second), CreatedAt: now, UpdatedAt: now})
		}
		rows[5].NextAt = now.Add(time.Hour) // not due
		if _, err := s.InsertDeliveries(ctx, rows); err != nil {
			t.Fatal(err)
		}
		claim := func(owner string, n int) []model.ForwardDelivery {
			got, err := s.ClaimDeliveries(ctx, dao.DeliveryClaim{Owner: owner, Limit: n, Now: now, LeaseUntil: now.Add(time.Minute)})
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		a, b := claim("a", 3), claim("b", 10)
		if len(a) != 3 || len(b) != 2 || a[0].RecordID != 1 || a[2].RecordID != 3 || b[0].RecordID != 4 || b[1].RecordID != 5 {
			t.Fatalf("claims a %v, b %v: want records 1-3 then 4-5", records(a), records(b))
		}
		if a[0].Status != model.DeliveryRunning || a[0].Attempts != 1 || a[0].LockedBy != "a" {
			t.Fatalf("claimed row %+v", a[0])
		}
		done := func(d model.ForwardDelivery, owner string, status int, ms int64) dao.DeliveryOutcome {
			return dao.DeliveryOutcome{ID: d.ID, Owner: owner, Status: model.DeliveryDelivered, LastStatus: status, LatencyMs: ms, Now: now}
		}
		n, err := s.FinishDeliveries(ctx, []dao.DeliveryOutcome{
			done(a[0], "a", 200, 7), done(a[1], "a", 204, 9), done(b[0], "b", 202, 11),
			done(b[1], "a", 200, 1), // a never held this row
			{ID: a[2].ID, Owner: "a", Release: true, Now: now},
		})
		if err != nil || n != 4 {
			t.Fatalf("finished %d (%v), want 4 of 5", n, err)
		}
		var after []model.ForwardDelivery
		if err := s.DB().Order("record_id").Find(&after).Error; err != nil {
			t.Fatal(err)
		}
		want := []struct {
			status   string
			http     int
			ms       int64
			attempts int
		}{{model.DeliveryDelivered, 200, 7, 1}, {model.DeliveryDelivered, 204, 9, 1}, {model.DeliveryPending, 0, 0, 0},
			{model.DeliveryDelivered, 202, 11, 1}, {model.DeliveryRunning, 0, 0, 1}, {model.DeliveryPending, 0, 0, 0}}
		for i, w := range want {
			r := after[i]
			if r.Status != w.status || r.LastStatus != w.http || r.LatencyMs != w.ms || r.Attempts != w.attempts {
				t.Errorf("record %d: %s %d %dms %d attempts, want %+v", r.RecordID, r.Status, r.LastStatus, r.LatencyMs, r.Attempts, w)
			}
		}
		if again := claim("c", 10); len(again) != 1 || again[0].RecordID != 3 {
			t.Fatalf("after the hand-back: %v, want record 3 alone", records(again))
		}
	})
}

func records(rows []model.ForwardDelivery) []uint {
	out := make([]uint, len(rows))
	for i, r := range rows {
		out[i] = r.RecordID
	}
	return out
}
