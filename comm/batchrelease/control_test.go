package batchrelease_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"wxcomponent/comm/batchrelease"
	"wxcomponent/comm/wx/api"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

// TestCanaryRejectedStopsTheRest: one canary account is rejected, so the batch halts and the
// other accounts never reach WeChat; the operator then continues with the rest.
func TestCanaryRejectedStopsTheRest(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect, 8)
		e.decider(t, map[string]bool{e.mps[1]: true}, nil)
		en := e.engine(nil)
		spec := e.spec(e.mps)
		spec.CanarySize = 3
		b, err := en.Create(ctx, spec)
		if err != nil {
			t.Fatal(err)
		}
		run(t, en)
		r := waitStatus(t, en, b.ID, model.CodeBatchHalted)
		if !strings.Contains(r.Batch.Note, "灰度批次 3 个帐号中 1 个未通过") {
			t.Errorf("note = %q", r.Batch.Note)
		}
		for _, id := range e.mps[3:] {
			if a := byApp(r)[id]; a.State != model.CodeAccountPending || e.Sim.AppCallCount(id, "commit") != 0 {
				t.Errorf("%s after a failed canary: state %s, %d commits", id, a.State, e.Sim.AppCallCount(id, "commit"))
			}
		}
		if err := en.Resume(ctx, b.ID); err != nil {
			t.Fatal(err)
		}
		r = waitStatus(t, en, b.ID, model.CodeBatchDone)
		if r.Counts[model.CodeAccountDone] != 7 || r.Counts[model.CodeAccountRejected] != 1 {
			t.Errorf("counts after resuming = %v", r.Counts)
		}
	})
}

// TestPauseResumeAndOperatorRelease: a paused batch gives up its lease and resumes where it
// was; without AutoRelease approved accounts wait until the operator releases them.
func TestPauseResumeAndOperatorRelease(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect, 4)
		en := e.engine(nil)
		spec := e.spec(e.mps)
		spec.AutoRelease = false
		b, err := en.Create(ctx, spec)
		if err != nil {
			t.Fatal(err)
		}
		run(t, en)
		waitFor(t, "all under audit", func() bool { return report(t, en, b.ID).Counts[model.CodeAccountAuditing] == 4 })
		if err := en.Pause(ctx, b.ID); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "lease given up", func() bool { return report(t, en, b.ID).Batch.Owner == "" })
		if err := en.Pause(ctx, b.ID); !errors.Is(err, batchrelease.ErrWrongStatus) {
			t.Errorf("pausing twice: %v", err)
		}
		e.decider(t, nil, nil)
		if err := en.Resume(ctx, b.ID); err != nil {
			t.Fatal(err)
		}
		r := waitStatus(t, en, b.ID, model.CodeBatchDone)
		if r.Counts[model.CodeAccountApproved] != 4 || e.Sim.AppCallCount(e.mps[0], "release") != 0 {
			t.Fatalf("without AutoRelease: %v, releases %d", r.Counts, e.Sim.AppCallCount(e.mps[0], "release"))
		}
		if n, err := en.Release(ctx, b.ID, e.mps[0], e.mps[1]); err != nil || n != 2 {
			t.Fatalf("release two: %d, %v", n, err)
		}
		r = waitStatus(t, en, b.ID, model.CodeBatchDone)
		if r.Counts[model.CodeAccountDone] != 2 || r.Counts[model.CodeAccountApproved] != 2 {
			t.Errorf("after releasing two: %v", r.Counts)
		}
	})
}

// TestCancel: a cancelled batch stops; its open accounts say why.
func TestCancel(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect, 3)
		en := e.engine(nil)
		b, err := en.Create(ctx, e.spec(e.mps))
		if err != nil {
			t.Fatal(err)
		}
		run(t, en)
		waitFor(t, "all under audit", func() bool { return report(t, en, b.ID).Counts[model.CodeAccountAuditing] == 3 })
		if err := en.Cancel(ctx, b.ID); err != nil {
			t.Fatal(err)
		}
		r := report(t, en, b.ID)
		if r.Batch.Status != model.CodeBatchCanceled || r.Counts[model.CodeAccountCanceled] != 3 {
			t.Fatalf("after cancel: %s %v", r.Batch.Status, r.Counts)
		}
		if !strings.Contains(r.Accounts[0].Error, "已取消") {
			t.Errorf("account error = %q", r.Accounts[0].Error)
		}
		if err := en.Resume(ctx, b.ID); !errors.Is(err, batchrelease.ErrWrongStatus) {
			t.Errorf("resume a cancelled batch: %v", err)
		}
	})
}

// TestRetryFailed: an account whose audit items name a category it lacks fails with the reason
// in words; once the category is set, Retry finishes it without committing again.
func TestRetryFailed(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect, 3)
		bad := e.mps[2]
		e.setCategories(t, bad, `[{"first_class":"教育","second_class":"在线教育","first_id":8,"second_id":1089}]`)
		e.decider(t, nil, nil)
		en := e.engine(nil)
		b, err := en.Create(ctx, e.spec(e.mps))
		if err != nil {
			t.Fatal(err)
		}
		run(t, en)
		r := waitStatus(t, en, b.ID, model.CodeBatchDone)
		a := byApp(r)[bad]
		if a.State != model.CodeAccountFailed || !strings.Contains(a.Error, "提交审核失败：类目填写错误") {
			t.Fatalf("bad account: %s %q", a.State, a.Error)
		}
		e.setCategories(t, bad, `[{"first_class":"工具","second_class":"效率","first_id":287,"second_id":616}]`)
		if n, err := en.Retry(ctx, b.ID); err != nil || n != 1 {
			t.Fatalf("retry: %d, %v", n, err)
		}
		r = waitStatus(t, en, b.ID, model.CodeBatchDone)
		if r.Counts[model.CodeAccountDone] != 3 || e.Sim.AppCallCount(bad, "commit") != 1 {
			t.Errorf("after retry: %v, %d commits", r.Counts, e.Sim.AppCallCount(bad, "commit"))
		}
	})
}

// setCategories replaces the categories of appid through the simulator's control API.
func (e *env) setCategories(t *testing.T, appid, list string) {
	t.Helper()
	body := `{"appid":"` + appid + `","categories":` + list + `}`
	res, err := http.Post(e.SimURL+"/sim/code/categories", "application/json", bytes.NewBufferString(body))
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("set categories: %v %v", res, err)
	}
	res.Body.Close()
}

// pausingWX pauses the batch while the first commit is at WeChat, so its success cannot be
// recorded (the write is fenced off by the pause).
type pausingWX struct {
	batchrelease.WeChat
	pause func()
	once  sync.Once
}

// Commit pauses the batch after the first commit reached WeChat.
func (p *pausingWX) Commit(ctx context.Context, appid string, req api.CommitRequest) error {
	err := p.WeChat.Commit(ctx, appid, req)
	p.once.Do(p.pause)
	return err
}

// TestPauseDuringCommitIsReconciled: the commit in flight when the batch was paused stays an
// intent; after Resume the engine finds it at WeChat and does not commit again.
func TestPauseDuringCommitIsReconciled(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect, 2)
		e.decider(t, nil, nil)
		wx := &pausingWX{WeChat: e.WX}
		en := e.engine(wx)
		spec := e.spec(e.mps)
		spec.Concurrency = 1
		b, err := en.Create(ctx, spec)
		if err != nil {
			t.Fatal(err)
		}
		wx.pause = func() {
			if err := en.Pause(ctx, b.ID); err != nil {
				t.Error(err)
			}
		}
		run(t, en)
		waitFor(t, "lease given up", func() bool {
			r := report(t, en, b.ID)
			return r.Batch.Status == model.CodeBatchPaused && r.Batch.Owner == ""
		})
		if a := report(t, en, b.ID).Accounts[0]; a.Intent != batchrelease.StepCommit {
			t.Fatalf("first account after the pause: intent %q, step %s", a.Intent, a.Step)
		}
		if err := en.Resume(ctx, b.ID); err != nil {
			t.Fatal(err)
		}
		waitStatus(t, en, b.ID, model.CodeBatchDone)
		for _, id := range e.mps {
			if n := e.Sim.AppCallCount(id, "commit"); n != 1 {
				t.Errorf("%s committed %d times", id, n)
			}
		}
	})
}

// TestRetryRejected: a rejected account is resubmitted by Retry with the code it already has
// (one commit, two audits) and the new audit is the one followed.
func TestRetryRejected(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect, 2)
		var fixed atomic.Bool
		e.deciderFunc(t, func(id string) bool { return id == e.mps[1] && !fixed.Load() }, nil)
		en := e.engine(nil)
		b, err := en.Create(ctx, e.spec(e.mps))
		if err != nil {
			t.Fatal(err)
		}
		run(t, en)
		r := waitStatus(t, en, b.ID, model.CodeBatchDone)
		first := byApp(r)[e.mps[1]]
		if first.State != model.CodeAccountRejected || first.Reason == "" {
			t.Fatalf("rejected account: %+v", first)
		}
		fixed.Store(true)
		if n, err := en.Retry(ctx, b.ID); err != nil || n != 1 {
			t.Fatalf("retry: %d, %v", n, err)
		}
		r = waitStatus(t, en, b.ID, model.CodeBatchDone)
		again := byApp(r)[e.mps[1]]
		if again.State != model.CodeAccountDone || again.PrevAuditID != first.AuditID || again.AuditID == first.AuditID {
			t.Errorf("after retry: %+v (first audit %d)", again, first.AuditID)
		}
		if c, s := e.Sim.AppCallCount(e.mps[1], "commit"), e.Sim.AppCallCount(e.mps[1], "submit_audit"); c != 1 || s != 2 {
			t.Errorf("commits %d, submits %d; want 1 and 2", c, s)
		}
	})
}
