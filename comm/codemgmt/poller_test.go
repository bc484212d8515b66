package codemgmt_test

import (
	"testing"
	"time"

	"wxcomponent/comm/codemgmt"
	"wxcomponent/comm/jobs"
	"wxcomponent/comm/wx/msg"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
	"wxcomponent/internal/wxsim"
)

// TestPollRoundRunsOncePerPeriodAcrossInstances: two instances on one database poll once per
// period between them.
func TestPollRoundRunsOncePerPeriodAcrossInstances(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect)
		other := codemgmt.New(codemgmt.Deps{Store: e.Store, WeChat: e.WX, Now: e.Clock.Now})
		e.commit("1.0.0")
		e.submit()
		e.Clock.Advance(2 * time.Hour)
		o := codemgmt.PollerOptions{Every: 10 * time.Minute, OlderThan: time.Hour}
		rep, ran, err := e.svc.PollRound(ctx, o)
		if err != nil || !ran || rep.Checked != 1 {
			t.Fatalf("first round: %+v %v %v", rep, ran, err)
		}
		if _, ran, err := other.PollRound(ctx, o); err != nil || ran {
			t.Fatalf("second instance polled in the same period: %v %v", ran, err)
		}
		e.Clock.Advance(11 * time.Minute)
		if _, ran, err := other.PollRound(ctx, o); err != nil || !ran {
			t.Fatalf("next period: %v %v", ran, err)
		}
	})
}

// TestAuditPushMovesTheAudit runs the audit push as its follow-up job does; a push without the
// account is a permanent failure and a user message changes nothing.
func TestAuditPushMovesTheAudit(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect)
		e.commit("1.0.0")
		id := e.submit()
		m := e.decide(wxsim.DecideReject)
		if err := e.svc.HandleAuditPush(ctx, mp, m); err != nil {
			t.Fatal(err)
		}
		if v := e.version(id); v.State != model.WeappRejected || v.ScreenShot != m.ScreenShot {
			t.Fatalf("after the job: %+v", v)
		}
		if err := e.svc.HandleAuditPush(ctx, "", m); !jobs.IsPermanent(err) {
			t.Fatalf("job without appid: %v", err)
		}
		if err := e.svc.HandleAuditPush(ctx, mp, &msg.Message{MsgType: "text"}); err != nil {
			t.Fatalf("a user message: %v", err)
		}
	})
}
