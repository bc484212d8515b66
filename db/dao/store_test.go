package dao_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"wxcomponent/db/dao"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

// pushAndJob stores a biz record and a job through tx, as the push writer does.
func pushAndJob(ctx context.Context, tx *dao.Store, key string) error {
	if _, err := tx.InsertBizRecords(ctx, []model.BizCallbackRecord{bizRow(key)}, dao.RecordInsert{}); err != nil {
		return err
	}
	now := time.Now().UTC()
	_, err := tx.InsertJobs(ctx, []model.Job{{Kind: "k", DedupeKey: &key, Payload: "{}", Status: model.JobPending, RunAt: now, CreatedAt: now, UpdatedAt: now}})
	return err
}

// stored counts the biz records and jobs that were committed.
func stored(t *testing.T, s *dao.Store) (records, jobs int64) {
	t.Helper()
	if err := s.DB().Model(&model.BizCallbackRecord{}).Count(&records).Error; err != nil {
		t.Fatal(err)
	}
	if err := s.DB().Model(&model.Job{}).Count(&jobs).Error; err != nil {
		t.Fatal(err)
	}
	return records, jobs
}

func TestInTxCommitsOrRollsBackTogether(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		s := dao.New(dbtest.Open(t, dialect), dialect, nil)
		ctx := context.Background()
		boom := errors.New("boom")

		err := s.InTx(ctx, func(tx *dao.Store) error {
			if err := pushAndJob(ctx, tx, "a"); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("InTx = %v, want fn's error", err)
		}
		if r, j := stored(t, s); r != 0 || j != 0 {
			t.Fatalf("after rollback: %d records, %d jobs stored", r, j)
		}

		// A nested InTx joins the outer transaction: its writes roll back with it.
		err = s.InTx(ctx, func(tx *dao.Store) error {
			if err := tx.InTx(ctx, func(inner *dao.Store) error { return pushAndJob(ctx, inner, "b") }); err != nil {
				return err
			}
			return boom
		})
		if r, j := stored(t, s); !errors.Is(err, boom) || r != 0 || j != 0 {
			t.Fatalf("nested: %v, %d records, %d jobs stored", err, r, j)
		}

		if err := s.InTx(ctx, func(tx *dao.Store) error { return pushAndJob(ctx, tx, "c") }); err != nil {
			t.Fatal(err)
		}
		if r, j := stored(t, s); r != 1 || j != 1 {
			t.Fatalf("after commit: %d records, %d jobs stored, want 1 and 1", r, j)
		}
	})
}
