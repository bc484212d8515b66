package forward_test

import (
	"testing"
	"time"

	"wxcomponent/comm/forward"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

// Delivered rows past the retention all go in one prune round, however many chunks they fill;
// newer delivered rows and dead letters stay.
func TestPruneRemovesEveryExpiredDeliveryInOneRound(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect)
		now := e.clock.Now()
		old, recent := now.Add(-8*24*time.Hour), now.Add(-time.Hour)
		var rows []model.ForwardDelivery
		row := func(i int, status string, delivered *time.Time) model.ForwardDelivery {
			return model.ForwardDelivery{RuleID: 1, Source: model.ForwardBiz, RecordID: uint(i), Status: status,
				NextAt: old, CreatedAt: old, UpdatedAt: old, DeliveredAt: delivered}
		}
		for i := 1; i <= 2500; i++ { // two and a half chunks
			rows = append(rows, row(i, model.DeliveryDelivered, &old))
		}
		rows = append(rows, row(2501, model.DeliveryDelivered, &recent), row(2502, model.DeliveryDead, nil))
		if err := e.db.CreateInBatches(rows, 500).Error; err != nil {
			t.Fatal(err)
		}
		in := e.instance(forward.Options{})
		in.run() // the first round prunes at once
		eventually(t, "the expired deliveries pruned", func() bool { return len(in.deliveries()) == 2 })
		for _, d := range in.deliveries() {
			if d.RecordID != 2501 && d.RecordID != 2502 {
				t.Errorf("left: record %d (%s)", d.RecordID, d.Status)
			}
		}
	})
}
