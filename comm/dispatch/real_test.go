package dispatch_test

import (
	"context"
	"testing"
	"time"

	"go.uber.org/zap/zaptest"

	"wxcomponent/comm/callback"
	"wxcomponent/comm/dispatch"
	"wxcomponent/comm/ingest"
	"wxcomponent/comm/jobs"
	"wxcomponent/comm/releasecheck"
	"wxcomponent/comm/wx/api"
	"wxcomponent/comm/wx/msg"
	"wxcomponent/comm/wx/token"
	"wxcomponent/db/dao"
	"wxcomponent/db/dbtest"
)

// TestTicketPushReachesTheTicketStore runs the real path: the writer stores a ticket push and
// its job, the queue runs the job through the dispatcher, and the token stack reads the ticket.
func TestTicketPushReachesTheTicketStore(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		t0 := time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
		now := func() time.Time { return t0 }
		store := dao.New(dbtest.Open(t, dialect), dialect, now)
		q := jobs.New(store, jobs.Options{Now: now})
		tickets := token.NewTickets(store, nil, nil, "wxc", token.TicketOptions{Now: now})
		dispatch.New(tickets, &fakes{}, nil, nil).Register(q)
		w := ingest.New(store, q, ingest.Options{Logger: zaptest.NewLogger(t)})
		w.Start()
		t.Cleanup(w.Close)

		body := `{"AppId":"wxc","CreateTime":1700000000,"InfoType":"component_verify_ticket","ComponentVerifyTicket":"ticket@@@real"}`
		m, err := msg.Parse([]byte(body))
		if err != nil {
			t.Fatal(err)
		}
		p := &callback.Push{Plain: []byte(body), Msg: m, DedupeKey: m.DedupeKey(), ReceivedAt: t0}
		if _, err := w.StoreComponent(ctx, p); err != nil {
			t.Fatal(err)
		}
		if n, err := q.ProcessOnce(ctx, 10); err != nil || n != 1 {
			t.Fatalf("ran %d jobs: %v", n, err)
		}
		got, at, err := tickets.Latest(ctx)
		if err != nil || got != "ticket@@@real" || !at.Equal(t0) {
			t.Fatalf("latest ticket %q at %v: %v", got, at, err)
		}
	})
}

// goLiveWeChat is the WeChat the go-live responder calls.
type goLiveWeChat struct{ sent []string }

func (w *goLiveWeChat) QueryAuth(_ context.Context, code string) (api.AuthorizationInfo, error) {
	return api.AuthorizationInfo{AuthorizerAppID: releasecheck.TestOAAppID, AccessToken: "tok-" + code}, nil
}
func (w *goLiveWeChat) SendCustomTextWith(_ context.Context, tok, to, content string) error {
	w.sent = append(w.sent, tok+"|"+to+"|"+content)
	return nil
}
func (w *goLiveWeChat) SendCustomText(_ context.Context, appid, to, content string) error {
	w.sent = append(w.sent, appid+"|"+to+"|"+content)
	return nil
}

// TestQueryAuthCodeIsStoredWithThePush runs the go-live answer's real path: the job is in the
// database as soon as StoreBiz returns (it was written in the record's transaction, so a push
// answered "success" cannot lose it), WeChat's retry of the same push adds nothing, and the
// queue runs it through the dispatcher into the responder, which sends the answer once.
func TestQueryAuthCodeIsStoredWithThePush(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		t0 := time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
		now := func() time.Time { return t0 }
		store := dao.New(dbtest.Open(t, dialect), dialect, now)
		q := jobs.New(store, jobs.Options{Now: now})
		wx := &goLiveWeChat{}
		golive := releasecheck.New(store, wx, now, zaptest.NewLogger(t))
		if err := golive.SetEnabled(ctx, true); err != nil {
			t.Fatal(err)
		}
		dispatch.New(&fakes{}, &fakes{}, nil, golive).Register(q)
		w := ingest.New(store, q, ingest.Options{Logger: zaptest.NewLogger(t)})
		w.Start()
		t.Cleanup(w.Close)

		body := `{"ToUserName":"gh_3c884a361561","FromUserName":"openid1","CreateTime":1700000000,"MsgType":"text","Content":"QUERY_AUTH_CODE:code@@@1","MsgId":42}`
		m, err := msg.Parse([]byte(body))
		if err != nil {
			t.Fatal(err)
		}
		p := &callback.Push{Plain: []byte(body), Msg: m, DedupeKey: m.DedupeKey(), ReceivedAt: t0}
		for i := 0; i < 2; i++ { // the push, then WeChat's retry of it
			res, err := w.StoreBiz(ctx, releasecheck.TestOAAppID, p)
			if err != nil || res.Duplicate != (i == 1) {
				t.Fatalf("store #%d: %+v %v", i, res, err)
			}
			queued, err := store.ListJobs(ctx, ingest.KindBizPush, 10)
			if err != nil || len(queued) != 1 {
				t.Fatalf("after store #%d: %d biz_push jobs (%v), want exactly 1", i, len(queued), err)
			}
		}
		if n, err := q.ProcessOnce(ctx, 10); err != nil || n != 1 {
			t.Fatalf("ran %d jobs: %v", n, err)
		}
		if len(wx.sent) != 1 || wx.sent[0] != "tok-code@@@1|openid1|code@@@1_from_api" {
			t.Fatalf("sent %q", wx.sent)
		}
	})
}
