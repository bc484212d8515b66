package codemgmt_test

import (
	"encoding/json"
	"testing"
	"time"

	"wxcomponent/comm/codemgmt"
	"wxcomponent/comm/ingest"
	"wxcomponent/comm/jobs"
	"wxcomponent/comm/wxsim"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
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

// TestBizPushJobMovesTheAudit runs the audit push as the biz_push job would, from the payload
// the callback enqueues; a payload without the account is a permanent failure.
func TestBizPushJobMovesTheAudit(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect)
		e.commit("1.0.0")
		id := e.submit()
		m := e.decide(wxsim.DecideReject)
		p := ingest.BizPush{AppID: mp, ToUserName: m.ToUserName, FromUserName: m.FromUserName, MsgType: m.MsgType,
			Event: m.Event, CreateTime: m.CreateTime, Reason: m.Reason, ScreenShot: m.ScreenShot, FailTime: m.FailTime}
		payload, _ := json.Marshal(p)
		if err := e.svc.HandleBizPushJob(ctx, jobs.Job{Kind: ingest.KindBizPush, Payload: payload}); err != nil {
			t.Fatal(err)
		}
		if v := e.version(id); v.State != model.WeappRejected || v.ScreenShot != m.ScreenShot {
			t.Fatalf("after the job: %+v", v)
		}
		p.AppID = ""
		payload, _ = json.Marshal(p)
		if err := e.svc.HandleBizPushJob(ctx, jobs.Job{Kind: ingest.KindBizPush, Payload: payload}); !jobs.IsPermanent(err) {
			t.Fatalf("job without appid: %v", err)
		}
		text, _ := json.Marshal(ingest.BizPush{AppID: mp, MsgType: "text"})
		if err := e.svc.HandleBizPushJob(ctx, jobs.Job{Kind: ingest.KindBizPush, Payload: text}); err != nil {
			t.Fatalf("a user message: %v", err)
		}
	})
}
