package dao_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"gorm.io/gorm"

	"wxcomponent/db"
	"wxcomponent/db/dao"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

func bizRow(key string) model.BizCallbackRecord {
	now := time.Now().UTC()
	return model.BizCallbackRecord{ReceiveTime: now, CreateTime: now, AppID: "wxa", PostBody: "{}", DedupeKey: &key}
}

type insertResult struct {
	out []dao.RecordOutcome
	err error
}

// errRollBack makes InTx roll transaction A back in contend.
var errRollBack = errors.New("roll back")

// contend lets transaction A insert key k, starts B inserting k too, waits until B is blocked
// on A's lock, then commits A (or rolls it back) and returns B's outcome.
func contend(t *testing.T, g *gorm.DB, store *dao.Store, commitA bool) dao.RecordOutcome {
	t.Helper()
	ctx := context.Background()
	inserted, finish, aDone := make(chan error, 1), make(chan struct{}), make(chan error, 1)
	go func() {
		aDone <- store.InTx(ctx, func(tx *dao.Store) error {
			_, err := tx.InsertBizRecords(ctx, []model.BizCallbackRecord{bizRow("k")}, dao.RecordInsert{})
			inserted <- err
			<-finish
			if err == nil && !commitA {
				err = errRollBack
			}
			return err
		})
	}()
	defer close(finish)
	if err := <-inserted; err != nil {
		t.Fatal(err)
	}
	done := make(chan insertResult, 1)
	go func() {
		out, err := store.InsertBizRecords(ctx, []model.BizCallbackRecord{bizRow("k")}, dao.RecordInsert{WantID: []bool{true}})
		done <- insertResult{out, err}
	}()
	waitForLockWait(t, g)
	finish <- struct{}{}
	if err := <-aDone; err != nil && !errors.Is(err, errRollBack) {
		t.Fatal(err)
	}
	r := <-done
	if r.err != nil {
		t.Fatal(r.err)
	}
	return r.out[0]
}

// waitForLockWait polls InnoDB until a transaction waits for a lock; the deadline only bounds a
// hang. Polls are spaced beyond 100 ms because InnoDB only refreshes INNODB_TRX when it has not
// been read for that long.
func waitForLockWait(t *testing.T, g *gorm.DB) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(150 * time.Millisecond) {
		var n int64
		if err := g.Raw("SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'").Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			return
		}
	}
	t.Fatal("the second insert never waited for the first")
}

func TestConcurrentInsertOfOneKey(t *testing.T) {
	g := dbtest.Open(t, db.MySQL) // SQLite has a single writer: no such race
	store := dao.New(g, db.MySQL, nil)

	// The other transaction commits: ours is a duplicate of its row.
	o := contend(t, g, store, true)
	var stored model.BizCallbackRecord
	if err := g.Take(&stored, "dedupekey = ?", "k").Error; err != nil {
		t.Fatal(err)
	}
	if o.Inserted || o.ID != stored.ID {
		t.Fatalf("after commit: %+v, stored id %d", o, stored.ID)
	}

	// The other transaction rolls back: ours must store the row, never claim a duplicate.
	if err := g.Exec("DELETE FROM wxcallback_biz").Error; err != nil {
		t.Fatal(err)
	}
	o = contend(t, g, store, false)
	stored = model.BizCallbackRecord{}
	if err := g.Take(&stored, "dedupekey = ?", "k").Error; err != nil {
		t.Fatalf("after rollback the row was lost (outcome %+v): %v", o, err)
	}
	if !o.Inserted || o.ID != stored.ID {
		t.Fatalf("after rollback: %+v, stored id %d", o, stored.ID)
	}
}
