package batchrelease_test

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"wxcomponent/comm/batchrelease"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
	"wxcomponent/internal/wxsim"
)

// TestBatchOf50SurvivesCrashes runs 50 accounts with a canary wave of 5: five accounts are
// rejected, the audit quota runs out for four, and two instances are killed mid-call (one right
// after a commit took effect, one right after a submit did). The batch ends with the right
// per-account results and WeChat saw every commit and every submit exactly once.
func TestBatchOf50SurvivesCrashes(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect, 50)
		reject := map[string]bool{}
		for _, id := range e.mps[10:15] {
			reject[id] = true
		}
		e.Sim.SetAuditQuota(wxsim.AuditQuota{Rest: 46, Limit: 100, SpeedupRest: 10, SpeedupLimit: 10})
		spec := e.spec(e.mps)
		spec.CanarySize = 5
		start := time.Now()
		var current atomic.Pointer[batchrelease.Engine]
		e.decider(t, reject, current.Load)

		// Instance A dies right after its 20th commit reached WeChat.
		a := &crashingWX{WeChat: e.WX, method: "commit", n: 20}
		enA := e.engine(a)
		b, err := enA.Create(ctx, spec)
		if err != nil {
			t.Fatal(err)
		}
		stopA, killA := run(t, enA)
		a.setKill(killA)
		waitFor(t, "instance A killed", func() bool { _, dead := a.hit(""); return dead })
		stopA()

		// Instance B (the restarted one) dies right after its 15th submit reached WeChat.
		bw := &crashingWX{WeChat: e.WX, method: "submit", n: 15}
		enB := e.engine(bw)
		stopB, killB := run(t, enB)
		bw.setKill(killB)
		waitFor(t, "instance B killed", func() bool { _, dead := bw.hit(""); return dead })
		stopB()

		// Two healthy instances share the rest; one runs the batch at a time.
		enC, enD := e.engine(nil), e.engine(nil)
		current.Store(enC)
		run(t, enC)
		run(t, enD)
		quota := waitQuotaSettled(t, enC, b.ID, 4)
		elapsed := time.Since(start)
		checkQuotaWait(t, e, quota)

		e.Sim.SetAuditQuota(wxsim.AuditQuota{Rest: 10, Limit: 100})
		if n, err := enD.Retry(ctx, b.ID, quota...); err != nil || n != 4 {
			t.Fatalf("retry quota accounts: %d, %v", n, err)
		}
		r := waitStatus(t, enC, b.ID, model.CodeBatchDone)
		checkOutcome(t, e, r, reject)
		checkReconciled(t, e)
		t.Logf("%s: 50 accounts (2 instances killed) reached audit-or-quota in %v; %.1f WeChat calls per account",
			dialect, elapsed, callsPerAccount(e))
	})
}

// waitQuotaSettled waits until every account is settled or waits for quota, and returns the
// appids of the latter (want of them).
func waitQuotaSettled(t *testing.T, en *batchrelease.Engine, id int64, want int) []string {
	t.Helper()
	var quota []string
	waitFor(t, "accounts settled or waiting for quota", func() bool {
		r := report(t, en, id)
		quota = quota[:0]
		for _, a := range r.Accounts {
			switch a.State {
			case model.CodeAccountQuota:
				quota = append(quota, a.AppID)
			case model.CodeAccountDone, model.CodeAccountRejected:
			default:
				return false
			}
		}
		return len(quota) == want
	})
	return quota
}

// checkQuotaWait: accounts waiting for quota say so in words and never called submit_audit.
func checkQuotaWait(t *testing.T, e *env, quota []string) {
	t.Helper()
	for _, id := range quota {
		if n := e.Sim.AppCallCount(id, "submit_audit"); n != 0 {
			t.Errorf("%s waits for quota but called submit_audit %d times", id, n)
		}
	}
}

// checkOutcome: rejected accounts carry the reason, the rest are released, and WeChat saw one
// commit and one submit per account and one release per released account.
func checkOutcome(t *testing.T, e *env, r batchrelease.Report, reject map[string]bool) {
	t.Helper()
	if r.Counts[model.CodeAccountDone] != 45 || r.Counts[model.CodeAccountRejected] != 5 {
		t.Errorf("counts = %v, want 45 done and 5 rejected", r.Counts)
	}
	for _, a := range r.Accounts {
		if reject[a.AppID] != (a.State == model.CodeAccountRejected) {
			t.Errorf("%s: state %s (%s)", a.AppID, a.State, a.Error)
		}
		if reject[a.AppID] && !strings.Contains(a.Error, "页面存在空白内容") {
			t.Errorf("%s: rejection not in words: %q", a.AppID, a.Error)
		}
		for api, want := range map[string]int{"commit": 1, "submit_audit": 1, "release": 1} {
			if api == "release" && reject[a.AppID] {
				want = 0
			}
			if n := e.Sim.AppCallCount(a.AppID, api); n != want {
				t.Errorf("%s: %s called %d times, want %d", a.AppID, api, n, want)
			}
		}
		st := e.Sim.CodeState(a.AppID)
		if st.Commit == nil || !strings.Contains(st.Commit.ExtJSON, `"extAppid":"`+a.AppID+`"`) {
			t.Errorf("%s: committed ext_json %+v", a.AppID, st.Commit)
		}
		if !reject[a.AppID] && (st.Online == nil || st.Online.UserVersion != "2.0.0") {
			t.Errorf("%s: online version %+v", a.AppID, st.Online)
		}
	}
}

// callsPerAccount averages the code-management calls the simulator counted per account.
func callsPerAccount(e *env) float64 {
	total := 0
	for _, id := range e.mps {
		for _, n := range e.Sim.CodeState(id).Calls {
			total += n
		}
	}
	return float64(total) / float64(len(e.mps))
}

// checkReconciled: the instances that resumed asked WeChat about the calls the killed ones had
// made (getversioninfo for the commit, get_latest_auditstatus for the submit).
func checkReconciled(t *testing.T, e *env) {
	t.Helper()
	var versionInfo, latestAudit int
	for _, id := range e.mps {
		versionInfo += e.Sim.AppCallCount(id, "getversioninfo")
		latestAudit += e.Sim.AppCallCount(id, "get_latest_auditstatus")
	}
	if versionInfo < 1 || latestAudit < 1 {
		t.Errorf("reconciliation calls: getversioninfo %d, get_latest_auditstatus %d; want both", versionInfo, latestAudit)
	}
}
