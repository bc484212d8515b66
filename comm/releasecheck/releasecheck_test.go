package releasecheck_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"wxcomponent/comm/jobs"
	"wxcomponent/comm/releasecheck"
	"wxcomponent/comm/wx/api"
	"wxcomponent/comm/wx/msg"
	"wxcomponent/db/dao"
)

type memKV map[string]string

func (m memKV) GetKV(_ context.Context, k string) (string, error) {
	v, ok := m[k]
	if !ok {
		return "", dao.ErrNotFound
	}
	return v, nil
}
func (m memKV) SetKV(_ context.Context, k, v string) error { m[k] = v; return nil }

type queue struct{ jobs []jobs.NewJob }

func (q *queue) Enqueue(_ context.Context, j ...jobs.NewJob) error {
	q.jobs = append(q.jobs, j...)
	return nil
}

type wechat struct {
	queryErr error
	sent     []string // "token|appid|touser|content"
}

func (w *wechat) QueryAuth(_ context.Context, code string) (api.AuthorizationInfo, error) {
	if w.queryErr != nil {
		return api.AuthorizationInfo{}, w.queryErr
	}
	return api.AuthorizationInfo{AuthorizerAppID: releasecheck.TestOAAppID, AccessToken: "tok-" + code}, nil
}
func (w *wechat) SendCustomTextWith(_ context.Context, tok, to, content string) error {
	w.sent = append(w.sent, tok+"||"+to+"|"+content)
	return nil
}
func (w *wechat) SendCustomText(_ context.Context, appid, to, content string) error {
	w.sent = append(w.sent, "|"+appid+"|"+to+"|"+content)
	return nil
}

func newResponder(t *testing.T, on bool) (*releasecheck.Responder, *queue, *wechat) {
	t.Helper()
	q, wx := &queue{}, &wechat{}
	r := releasecheck.New(memKV{}, wx, q, func() time.Time { return time.Unix(1700000000, 0) }, nil)
	if err := r.SetEnabled(context.Background(), on); err != nil {
		t.Fatal(err)
	}
	return r, q, wx
}

func text(to, content string) *msg.Message {
	return &msg.Message{ToUserName: to, FromUserName: "openid1", MsgType: "text", Content: content}
}

func TestAnswersTheTestAccountsWhenOn(t *testing.T) {
	r, _, _ := newResponder(t, true)
	ctx := context.Background()
	got, err := r.Respond(ctx, releasecheck.TestOAAppID, text(releasecheck.TestOAUserName, "TESTCOMPONENT_MSG_TYPE_TEXT"))
	want := "<xml><ToUserName><![CDATA[openid1]]></ToUserName><FromUserName><![CDATA[gh_3c884a361561]]></FromUserName>" +
		"<CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[TESTCOMPONENT_MSG_TYPE_TEXT_callback]]></Content></xml>"
	if err != nil || string(got) != want {
		t.Fatalf("text probe reply:\n%s\nwant\n%s (%v)", got, want, err)
	}
	ev := &msg.Message{ToUserName: releasecheck.TestMPUserName, FromUserName: "openid1", MsgType: "event", Event: "LOCATION"}
	got, _ = r.Respond(ctx, releasecheck.TestMPAppID, ev)
	if !strings.Contains(string(got), "<![CDATA[LOCATIONfrom_callback]]>") {
		t.Fatalf("event reply: %s", got)
	}
}

func TestSilentWhenOffOrForOtherAccounts(t *testing.T) {
	ctx := context.Background()
	off, q, _ := newResponder(t, false)
	on, q2, _ := newResponder(t, true)
	for _, c := range []struct {
		r     *releasecheck.Responder
		appid string
		m     *msg.Message
	}{
		{off, releasecheck.TestOAAppID, text(releasecheck.TestOAUserName, "TESTCOMPONENT_MSG_TYPE_TEXT")},
		{off, releasecheck.TestOAAppID, text(releasecheck.TestOAUserName, "QUERY_AUTH_CODE:abc")},
		{on, "wx0000000000000001", text("gh_000000000001", "TESTCOMPONENT_MSG_TYPE_TEXT")},
		{on, "wx0000000000000001", text("gh_000000000001", "QUERY_AUTH_CODE:abc")},
		{on, releasecheck.TestOAAppID, text(releasecheck.TestOAUserName, "hello")},
	} {
		if got, err := c.r.Respond(ctx, c.appid, c.m); got != nil || err != nil {
			t.Errorf("%s %q: replied %s %v", c.appid, c.m.Content, got, err)
		}
	}
	if len(q.jobs)+len(q2.jobs) != 0 {
		t.Fatalf("no job may be queued: %+v %+v", q.jobs, q2.jobs)
	}
}

func TestQueryAuthCodeIsAnsweredByAJob(t *testing.T) {
	ctx := context.Background()
	r, q, wx := newResponder(t, true)
	got, err := r.Respond(ctx, releasecheck.TestOAAppID, text(releasecheck.TestOAUserName, "QUERY_AUTH_CODE:queryauthcode@@@x"))
	if got != nil || err != nil || len(q.jobs) != 1 || q.jobs[0].Kind != releasecheck.KindSend || q.jobs[0].DedupeKey == "" {
		t.Fatalf("want an empty answer and one deduplicated job, got %q %v %+v", got, err, q.jobs)
	}
	payload, _ := json.Marshal(q.jobs[0].Payload)
	if err := r.Send(ctx, jobs.Job{ID: 1, Kind: releasecheck.KindSend, Payload: payload}); err != nil {
		t.Fatal(err)
	}
	want := "tok-queryauthcode@@@x||openid1|queryauthcode@@@x_from_api"
	if len(wx.sent) != 1 || wx.sent[0] != want {
		t.Fatalf("sent %q, want %q", wx.sent, want)
	}
	// A code the authorized push already exchanged: the managed token answers instead.
	wx.queryErr, wx.sent = &api.Error{Code: 61009, Msg: "code is invalid"}, nil
	if err := r.Send(ctx, jobs.Job{ID: 2, Kind: releasecheck.KindSend, Payload: payload}); err != nil {
		t.Fatal(err)
	}
	if len(wx.sent) != 1 || wx.sent[0] != "|wx570bc396a51b8ff8|openid1|queryauthcode@@@x_from_api" {
		t.Fatalf("fallback sent %q", wx.sent)
	}
	// Anything else is retried by the queue.
	wx.queryErr = errors.New("network down")
	if err := r.Send(ctx, jobs.Job{ID: 3, Kind: releasecheck.KindSend, Payload: payload}); err == nil || jobs.IsPermanent(err) {
		t.Fatalf("a transient failure must be retried, got %v", err)
	}
}
