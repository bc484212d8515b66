package ingest_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"wxcomponent/comm/ingest"
	"wxcomponent/db/dao"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

const day = 24 * time.Hour

// seedPushes stores 2500 component pushes and 250 biz pushes spread evenly over the 30 days
// from t0, and returns the store.
func seedPushes(t *testing.T, dialect string) *dao.Store {
	t.Helper()
	store := dao.New(dbtest.Open(t, dialect), dialect, nil)
	var comp []model.ComponentCallbackRecord
	var biz []model.BizCallbackRecord
	for i := range 2500 { // more than one prune chunk
		at := t0.Add(time.Duration(i) * 30 * day / 2500)
		key := fmt.Sprint(i)
		comp = append(comp, model.ComponentCallbackRecord{ReceiveTime: at, CreateTime: at, PostBody: "x", DedupeKey: &key})
		if i%10 == 0 {
			biz = append(biz, model.BizCallbackRecord{ReceiveTime: at, CreateTime: at, PostBody: "x", DedupeKey: &key})
		}
	}
	if err := store.DB().CreateInBatches(&comp, 500).Error; err != nil {
		t.Fatal(err)
	}
	if err := store.DB().Create(&biz).Error; err != nil {
		t.Fatal(err)
	}
	return store
}

// received counts the pushes of both tables received in [from, before).
func received(t *testing.T, s *dao.Store, from, before time.Time) int64 {
	t.Helper()
	var total int64
	for _, m := range []any{&model.ComponentCallbackRecord{}, &model.BizCallbackRecord{}} {
		var n int64
		if err := s.DB().Model(m).Where("receivetime >= ? AND receivetime < ?", from, before).Count(&n).Error; err != nil {
			t.Fatal(err)
		}
		total += n
	}
	return total
}

func TestPrunerKeepsTheRetentionPeriod(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		store := seedPushes(t, dialect)
		now := t0.Add(30 * day)
		cutoff := now.Add(-10 * day)
		wantGone, wantKept := received(t, store, t0, cutoff), received(t, store, cutoff, now)
		r := ingest.RetentionFor(10*day, true, t0.Add(5*day)) // explicit: the upgrade spares nothing
		p := ingest.NewPruner(store, r, ingest.PrunerOptions{Now: func() time.Time { return now }})
		n, err := p.PruneOnce(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n != wantGone || received(t, store, t0, cutoff) != 0 || received(t, store, cutoff, now) != wantKept {
			t.Fatalf("pruned %d of %d old pushes; %d old left; kept %d of %d recent", n, wantGone,
				received(t, store, t0, cutoff), received(t, store, cutoff, now), wantKept)
		}
	})
}

// With RECORD_RETENTION_DAYS unset, an upgraded original database keeps the history it had
// before the upgrade; pushes received since then follow the default retention. The operator is
// told at start what the first prune removes and what it keeps.
func TestDefaultRetentionSparesHistoryFromBeforeTheUpgrade(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		store := seedPushes(t, dialect)
		now, upgraded := t0.Add(30*day), t0.Add(10*day)
		cutoff := now.Add(-5 * day)
		history, wantGone := received(t, store, t0, upgraded), received(t, store, upgraded, cutoff)
		var out bytes.Buffer
		p := ingest.NewPruner(store, ingest.RetentionFor(5*day, false, upgraded),
			ingest.PrunerOptions{Now: func() time.Time { return now }, Out: &out})
		p.Announce(context.Background())
		comp := fmt.Sprint(received(t, store, upgraded, cutoff) - receivedBiz(t, store, upgraded, cutoff))
		for _, want := range []string{"before " + cutoff.Format(time.DateOnly), comp + " in wxcallback_component",
			fmt.Sprintf("%d in wxcallback_biz", receivedBiz(t, store, upgraded, cutoff)), "upgrade of " + upgraded.Format(time.DateTime),
			fmt.Sprintf("%d in wxcallback_biz)", receivedBiz(t, store, t0, upgraded))} {
			if !strings.Contains(out.String(), want) {
				t.Fatalf("announcement lacks %q: %s", want, out.String())
			}
		}
		n, err := p.PruneOnce(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n != wantGone || received(t, store, t0, upgraded) != history || received(t, store, upgraded, cutoff) != 0 {
			t.Fatalf("pruned %d of %d post-upgrade pushes; history %d of %d kept", n, wantGone, received(t, store, t0, upgraded), history)
		}
	})
}

// Shortly after an upgrade nothing has aged past the retention since, so nothing goes.
func TestDefaultRetentionRightAfterTheUpgradeRemovesNothing(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		store := seedPushes(t, dialect)
		now := t0.Add(30 * day)
		var out bytes.Buffer
		p := ingest.NewPruner(store, ingest.RetentionFor(5*day, false, now.Add(-time.Hour)),
			ingest.PrunerOptions{Now: func() time.Time { return now }, Out: &out})
		p.Announce(context.Background())
		n, err := p.PruneOnce(context.Background())
		if err != nil || n != 0 || received(t, store, t0, now) != 2750 {
			t.Fatalf("pruned %d (%v), %d left", n, err, received(t, store, t0, now))
		}
		if !strings.Contains(out.String(), "removes pushes received before "+now.Add(-5*day).Format(time.DateOnly)+": none") {
			t.Fatalf("announcement: %s", out.String())
		}
	})
}

func receivedBiz(t *testing.T, s *dao.Store, from, before time.Time) int64 {
	t.Helper()
	var n int64
	if err := s.DB().Model(&model.BizCallbackRecord{}).Where("receivetime >= ? AND receivetime < ?", from, before).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// ids lists the ids and receive times left in the component table, oldest first.
func componentLeft(t *testing.T, s *dao.Store) ([]int64, []time.Time) {
	t.Helper()
	var rows []model.ComponentCallbackRecord
	if err := s.DB().Order("id").Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	ids, times := make([]int64, len(rows)), make([]time.Time, len(rows))
	for i, r := range rows {
		ids[i], times[i] = int64(r.ID), r.ReceiveTime.UTC()
	}
	return ids, times
}

// RECORD_RETENTION_MAX_ROWS keeps exactly the newest N pushes of each table, over more than
// one chunk, and spares pre-upgrade history no more than any other push.
func TestPrunerCapsEachTableAtItsNewestRows(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		store := seedPushes(t, dialect)
		now := t0.Add(30 * day)
		ids, times := componentLeft(t, store)
		r := ingest.RetentionFor(0, true, time.Time{})
		r.MaxRows = 200            // keeps 200 of 2500 component pushes, 200 of 250 biz pushes
		r.Since = t0.Add(29 * day) // as if upgraded lately: the cap ignores it
		var out bytes.Buffer
		p := ingest.NewPruner(store, r, ingest.PrunerOptions{Now: func() time.Time { return now }, Out: &out})
		p.Announce(context.Background())
		if want := "cap of 200 pushes per table (RECORD_RETENTION_MAX_ROWS, every push counts) removes the oldest: 2300 in wxcallback_component, 50 in wxcallback_biz"; !strings.Contains(out.String(), want) {
			t.Fatalf("announcement lacks %q: %s", want, out.String())
		}
		n, err := p.PruneOnce(context.Background())
		if err != nil || n != 2350 {
			t.Fatalf("pruned %d (%v), want 2350", n, err)
		}
		leftIDs, leftTimes := componentLeft(t, store)
		if fmt.Sprint(leftIDs) != fmt.Sprint(ids[2300:]) || fmt.Sprint(leftTimes) != fmt.Sprint(times[2300:]) {
			t.Fatalf("left %d component pushes %v… (%v…), want the newest 200 from id %d (%v)",
				len(leftIDs), leftIDs[:min(3, len(leftIDs))], leftTimes[:min(1, len(leftTimes))], ids[2300], times[2300])
		}
		if b := receivedBiz(t, store, t0, now); b != 200 {
			t.Fatalf("%d biz pushes left, want 200", b)
		}
		// At the cap, the next prune removes nothing.
		if n, err := p.PruneOnce(context.Background()); err != nil || n != 0 {
			t.Fatalf("second prune removed %d (%v)", n, err)
		}
	})
}

// A cap above the table's size, or none, deletes nothing.
func TestPrunerCapUnderOrZeroDeletesNothing(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		store := seedPushes(t, dialect)
		now := t0.Add(30 * day)
		for _, maxRows := range []int64{2500, 10_000, 0} {
			r := ingest.RetentionFor(0, true, time.Time{})
			r.MaxRows = maxRows
			p := ingest.NewPruner(store, r, ingest.PrunerOptions{Now: func() time.Time { return now }})
			n, err := p.PruneOnce(context.Background())
			if err != nil || n != 0 || received(t, store, t0, now) != 2750 {
				t.Fatalf("cap %d: pruned %d (%v), %d left", maxRows, n, err, received(t, store, t0, now))
			}
		}
	})
}

// Days and cap together: whichever keeps less wins, per table.
func TestPrunerDaysAndCapTogether(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		store := seedPushes(t, dialect)
		now := t0.Add(30 * day)
		cutoff := now.Add(-10 * day)
		recent := received(t, store, cutoff, now) - receivedBiz(t, store, cutoff, now) // ~833 component, ~83 biz
		r := ingest.RetentionFor(10*day, true, time.Time{})
		r.MaxRows = 500 // fewer than the component table's last 10 days, more than the biz table's
		p := ingest.NewPruner(store, r, ingest.PrunerOptions{Now: func() time.Time { return now }})
		if _, err := p.PruneOnce(context.Background()); err != nil {
			t.Fatal(err)
		}
		ids, times := componentLeft(t, store)
		if recent <= 500 || len(ids) != 500 || times[0].Before(cutoff) {
			t.Fatalf("component: %d recent, %d left from %v", recent, len(ids), times[0])
		}
		if b, old := receivedBiz(t, store, cutoff, now), receivedBiz(t, store, t0, cutoff); b == 0 || b >= 500 || old != 0 {
			t.Fatalf("biz: %d recent kept, %d old left", b, old)
		}
	})
}
