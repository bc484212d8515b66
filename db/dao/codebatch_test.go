package dao_test

import (
	"context"
	"testing"
	"time"

	"wxcomponent/db/dao"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

// TestCodeBatchLeaseFencesStaleWriters: a batch lease is exclusive until it expires; after a
// take-over the previous holder's writes are refused, and a pause refuses the holder's too.
func TestCodeBatchLeaseFencesStaleWriters(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		ctx := context.Background()
		s, _ := credStore(t, dialect)
		now := time.Date(2025, 1, 2, 3, 4, 5, 600_000_000, time.UTC)
		b := &model.CodeBatch{Status: model.CodeBatchRunning, Wave: 1, Spec: "{}", CreatedAt: now, UpdatedAt: now}
		acc := []model.CodeBatchAccount{{AppID: "wx1", Step: "commit", State: model.CodeAccountPending, NextAt: now, UpdatedAt: now}}
		if err := s.CreateCodeBatch(ctx, b, acc); err != nil {
			t.Fatal(err)
		}
		accs, _ := s.ListCodeBatchAccounts(ctx, b.ID)
		id := accs[0].ID
		claim := func(owner string, at time.Time, want bool) {
			t.Helper()
			if ok, err := s.ClaimCodeBatch(ctx, b.ID, owner, at, at.Add(30*time.Second)); err != nil || ok != want {
				t.Fatalf("%s claims at %v: %v, %v; want %v", owner, at, ok, err, want)
			}
		}
		write := func(owner string, at time.Time, want bool) {
			t.Helper()
			f := dao.CodeBatchFence{Batch: b.ID, Owner: owner, Now: at}
			if ok, err := s.UpdateCodeBatchAccountFenced(ctx, f, id, map[string]any{"intent": "commit"}); err != nil || ok != want {
				t.Fatalf("%s writes at %v: %v, %v; want %v", owner, at, ok, err, want)
			}
		}
		claim("A", now, true)
		claim("B", now.Add(10*time.Second), false)
		claim("A", now.Add(10*time.Second), true) // renewal
		claim("A", now.Add(10*time.Second), true) // the same expiry again (MySQL reports 0 changed rows)
		write("A", now.Add(20*time.Second), true)
		write("A", now.Add(20*time.Second), true) // identical values still count as written
		write("B", now.Add(20*time.Second), false)
		if ids, _ := s.ListClaimableCodeBatches(ctx, now.Add(20*time.Second)); len(ids) != 0 {
			t.Errorf("claimable while held: %v", ids)
		}
		later := now.Add(41 * time.Second) // A's lease (until +40 s) expired
		if ids, _ := s.ListClaimableCodeBatches(ctx, later); len(ids) != 1 {
			t.Errorf("claimable after expiry: %v", ids)
		}
		write("A", later, false)
		claim("B", later, true)
		write("A", later, false)
		write("B", later, true)
		if ok, err := s.SetCodeBatchStatus(ctx, b.ID, []string{model.CodeBatchRunning}, model.CodeBatchPaused, nil); err != nil || !ok {
			t.Fatalf("pause: %v %v", ok, err)
		}
		write("B", later, false)
		claim("B", later, false)
		if err := s.ReleaseCodeBatch(ctx, b.ID, "B"); err != nil {
			t.Fatal(err)
		}
		got, _ := s.GetCodeBatch(ctx, b.ID)
		if got.Owner != "" || got.LeaseUntil != nil {
			t.Errorf("after release: owner %q until %v", got.Owner, got.LeaseUntil)
		}
	})
}

// TestDueCodeBatchAudits: an audit push makes only the auditing accounts of running batches due.
func TestDueCodeBatchAudits(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		ctx := context.Background()
		s, _ := credStore(t, dialect)
		now := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
		later := now.Add(time.Hour)
		for _, status := range []string{model.CodeBatchRunning, model.CodeBatchPaused} {
			b := &model.CodeBatch{Status: status, Spec: "{}", CreatedAt: now, UpdatedAt: now}
			acc := []model.CodeBatchAccount{
				{AppID: "wx1", Seq: 0, State: model.CodeAccountAuditing, NextAt: later, UpdatedAt: now},
				{AppID: "wx2", Seq: 1, State: model.CodeAccountAuditing, NextAt: later, UpdatedAt: now}}
			if err := s.CreateCodeBatch(ctx, b, acc); err != nil {
				t.Fatal(err)
			}
		}
		if n, err := s.DueCodeBatchAudits(ctx, "wx1", now); err != nil || n != 1 {
			t.Fatalf("due: %d, %v", n, err)
		}
	})
}
