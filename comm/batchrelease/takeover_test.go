package batchrelease_test

import (
	"testing"
	"time"

	"wxcomponent/comm/batchrelease"
	"wxcomponent/comm/wx/api"
	"wxcomponent/db/dao"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

// TestTakeOverFromDeadInstance: an instance died holding the batch lease, right after its
// commit reached WeChat and before it could record it. Another instance waits for the lease to
// expire, takes the batch over, finds the commit at WeChat and does not repeat it.
func TestTakeOverFromDeadInstance(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect, 2)
		e.decider(t, nil, nil)
		en := e.engine(nil)
		b, err := en.Create(ctx, e.spec(e.mps))
		if err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		if ok, err := e.Store.ClaimCodeBatch(ctx, b.ID, "dead-instance", now, now.Add(300*time.Millisecond)); !ok || err != nil {
			t.Fatalf("dead instance claims: %v %v", ok, err)
		}
		first := report(t, en, b.ID).Accounts[0]
		fence := dao.CodeBatchFence{Batch: b.ID, Owner: "dead-instance", Now: now}
		if ok, err := e.Store.UpdateCodeBatchAccountFenced(ctx, fence, first.ID, map[string]any{"intent": batchrelease.StepCommit, "state": model.CodeAccountActive}); !ok || err != nil {
			t.Fatalf("dead instance records its intent: %v %v", ok, err)
		}
		req := api.CommitRequest{TemplateID: api.FlexInt(e.tplID), ExtJSON: first.ExtJSON, UserVersion: "2.0.0", UserDesc: b.CommitDesc}
		if err := e.WX.Commit(ctx, first.AppID, req); err != nil {
			t.Fatal(err)
		}
		run(t, en)
		r := waitStatus(t, en, b.ID, model.CodeBatchDone)
		if r.Counts[model.CodeAccountDone] != 2 {
			t.Fatalf("counts = %v", r.Counts)
		}
		for _, id := range e.mps {
			if n := e.Sim.AppCallCount(id, "commit"); n != 1 {
				t.Errorf("%s committed %d times", id, n)
			}
		}
		if n := e.Sim.AppCallCount(first.AppID, "getversioninfo"); n != 1 {
			t.Errorf("the dead instance's commit was checked %d times, want 1", n)
		}
	})
}

// TestAuditPushNudges: with a poll interval far beyond the test, audits still finish because the
// push handler tells the engine (AuditResult) that a verdict arrived.
func TestAuditPushNudges(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect, 3)
		en := e.engine(nil, func(o *batchrelease.Options) { o.AuditPoll = time.Hour })
		b, err := en.Create(ctx, e.spec(e.mps))
		if err != nil {
			t.Fatal(err)
		}
		run(t, en)
		// Decide each audit once the engine has recorded it (on WeChat the verdict comes hours
		// later), then deliver the "push".
		waitFor(t, "batch done", func() bool {
			r := report(t, en, b.ID)
			for _, a := range r.Accounts {
				if a.State == model.CodeAccountAuditing {
					e.decide(ctx, a.AppID, false, func() *batchrelease.Engine { return en })
				}
			}
			return r.Batch.Status == model.CodeBatchDone
		})
		if n := e.Sim.AppCallCount(e.mps[0], "get_auditstatus"); n != 1 {
			t.Errorf("get_auditstatus called %d times, want 1 (after the push)", n)
		}
	})
}
