package codemgmt_test

import (
	"testing"
	"time"

	"wxcomponent/comm/wx/api"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
	"wxcomponent/internal/wxsim"
)

// TestPollingRecordsALostPush: a delay arrives as a push, the final approval's push is lost;
// polling finds it, and the push arriving late changes nothing.
func TestPollingRecordsALostPush(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect)
		e.commit("1.0.0")
		id := e.submit()
		if err := e.svc.HandleAuditEvent(ctx, mp, e.decide(wxsim.DecideDelay)); err != nil {
			t.Fatal(err)
		}
		if v := e.version(id); v.State != model.WeappDelayed || v.Reason == "" {
			t.Fatalf("after delay push: %+v", v)
		}
		lost := e.decide(wxsim.DecideApprove) // received by nobody, for now

		if rep, err := e.svc.PollStuck(ctx, time.Hour, 0); err != nil || rep.Checked != 0 {
			t.Fatalf("poll before an hour passed: %+v, %v", rep, err)
		}
		e.Clock.Advance(61 * time.Minute)
		rep, err := e.svc.PollStuck(ctx, time.Hour, 0)
		if err != nil || rep.Checked != 1 || rep.Changed != 1 || rep.Failed != 0 {
			t.Fatalf("poll: %+v, %v", rep, err)
		}
		if v := e.version(id); v.State != model.WeappApproved || v.Reason != "" {
			t.Fatalf("after poll: %+v", v)
		}
		if err := e.svc.HandleAuditEvent(ctx, mp, lost); err != nil {
			t.Fatal(err)
		}
		if rep, err := e.svc.PollStuck(ctx, time.Hour, 0); err != nil || rep.Checked != 0 {
			t.Fatalf("second poll: %+v, %v", rep, err)
		}
		e.wantEvents(">committed/operator", "committed>auditing/operator", "auditing>delayed/push", "delayed>approved/poll")
	})
}

// TestPollingAsksOncePerPeriod: an audit still in progress is asked about once per period, and
// get_auditstatus is called with the real audit id.
func TestPollingAsksOncePerPeriod(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect)
		e.commit("1.0.0")
		id := e.submit()
		e.Clock.Advance(2 * time.Hour)
		for i, want := range []int{1, 0} {
			rep, err := e.svc.PollStuck(ctx, time.Hour, 0)
			if err != nil || rep.Checked != want || rep.Changed != 0 {
				t.Fatalf("poll %d: %+v, %v", i, rep, err)
			}
		}
		if n := e.Sim.AppCallCount(mp, "get_auditstatus"); n != 1 {
			t.Fatalf("get_auditstatus called %d times", n)
		}
		if v := e.version(id); v.State != model.WeappAuditing {
			t.Fatalf("state %s", v.State)
		}
		// A rejection nobody pushed is also found by asking about the audit directly.
		e.decide(wxsim.DecideReject)
		info, err := e.svc.AuditStatus(ctx, mp, id)
		if err != nil || info.State != model.WeappRejected || info.Status != api.AuditRejected || len(info.Screenshots) != 2 {
			t.Fatalf("audit status %s, %v", js(info), err)
		}
	})
}

// TestAuditSubmittedElsewhereIsLearnt: an audit submitted without the service (another tool)
// is recorded from its push, by asking WeChat for the newest audit.
func TestAuditSubmittedElsewhereIsLearnt(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect)
		if err := e.WX.Commit(ctx, mp, api.CommitRequest{TemplateID: api.FlexInt(e.tpl), UserVersion: "9.9.9"}); err != nil {
			t.Fatal(err)
		}
		id, err := e.WX.SubmitAudit(ctx, mp, api.SubmitAuditRequest{})
		if err != nil {
			t.Fatal(err)
		}
		push := e.decide(wxsim.DecideApprove)
		for i := 0; i < 2; i++ {
			if err := e.svc.HandleAuditEvent(ctx, mp, push); err != nil {
				t.Fatal(err)
			}
		}
		if v := e.version(id); v.State != model.WeappApproved || v.UserVersion != "9.9.9" {
			t.Fatalf("learnt version %+v", v)
		}
		if n := e.Sim.AppCallCount(mp, "get_latest_auditstatus"); n != 1 {
			t.Fatalf("get_latest_auditstatus called %d times for one push and its repeat", n)
		}
		e.wantEvents(">auditing/push", "auditing>approved/push")
	})
}

// TestRefreshNoticesAReleaseMadeElsewhere: a version released outside the service is marked
// released when the account is read from WeChat.
func TestRefreshNoticesAReleaseMadeElsewhere(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect)
		e.commit("2.0.0")
		id := e.submit()
		if err := e.svc.HandleAuditEvent(ctx, mp, e.decide(wxsim.DecideApprove)); err != nil {
			t.Fatal(err)
		}
		if err := e.WX.Release(ctx, mp); err != nil { // behind the service's back
			t.Fatal(err)
		}
		vs, err := e.svc.DevVersions(ctx, mp, true)
		if err != nil || vs.ReleaseInfo == nil || vs.ReleaseInfo.ReleaseVersion != "2.0.0" {
			t.Fatalf("versions %s, %v", js(vs), err)
		}
		if v := e.version(id); v.State != model.WeappReleased || v.ReleasedAt == nil {
			t.Fatalf("version %+v", v)
		}
		if _, err := e.svc.DevVersions(ctx, mp, true); err != nil {
			t.Fatal(err)
		}
		e.wantEvents(">committed/operator", "committed>auditing/operator", "auditing>approved/push", "approved>released/poll")
	})
}
