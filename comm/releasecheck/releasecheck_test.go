package releasecheck_test

import (
	"context"
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

func newResponder(t *testing.T, on bool) (*releasecheck.Responder, *wechat) {
	t.Helper()
	wx := &wechat{}
	r := releasecheck.New(memKV{}, wx, func() time.Time { return time.Unix(1700000000, 0) }, nil)
	if err := r.SetEnabled(context.Background(), on); err != nil {
		t.Fatal(err)
	}
	return r, wx
}

func text(to, content string) *msg.Message {
	return &msg.Message{ToUserName: to, FromUserName: "openid1", MsgType: "text", Content: content}
}

func TestAnswersTheTestAccountsWhenOn(t *testing.T) {
	r, _ := newResponder(t, true)
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
	off, wxOff := newResponder(t, false)
	on, wxOn := newResponder(t, true)
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
		if err := c.r.HandleQueryAuthCode(ctx, c.appid, c.m); err != nil {
			t.Errorf("%s %q: job failed: %v", c.appid, c.m.Content, err)
		}
	}
	if len(wxOff.sent)+len(wxOn.sent) != 0 {
		t.Fatalf("nothing may be sent: %q %q", wxOff.sent, wxOn.sent)
	}
}

// TestQueryAuthCodeIsAnsweredByTheJob: the push itself gets no passive reply (and queues
// nothing: comm/ingest stored its job with the record); the job exchanges the code and sends
// the customer-service message.
func TestQueryAuthCodeIsAnsweredByTheJob(t *testing.T) {
	ctx := context.Background()
	r, wx := newResponder(t, true)
	m := text(releasecheck.TestOAUserName, "QUERY_AUTH_CODE:queryauthcode@@@x")
	if got, err := r.Respond(ctx, releasecheck.TestOAAppID, m); got != nil || err != nil {
		t.Fatalf("want no passive reply, got %q %v", got, err)
	}
	if err := r.HandleQueryAuthCode(ctx, releasecheck.TestOAAppID, m); err != nil {
		t.Fatal(err)
	}
	want := "tok-queryauthcode@@@x||openid1|queryauthcode@@@x_from_api"
	if len(wx.sent) != 1 || wx.sent[0] != want {
		t.Fatalf("sent %q, want %q", wx.sent, want)
	}
	// A code the authorized push already exchanged: the managed token answers instead.
	wx.queryErr, wx.sent = &api.Error{Code: 61009, Msg: "code is invalid"}, nil
	if err := r.HandleQueryAuthCode(ctx, releasecheck.TestOAAppID, m); err != nil {
		t.Fatal(err)
	}
	if len(wx.sent) != 1 || wx.sent[0] != "|wx570bc396a51b8ff8|openid1|queryauthcode@@@x_from_api" {
		t.Fatalf("fallback sent %q", wx.sent)
	}
	// Anything else is retried by the queue.
	wx.queryErr = errors.New("network down")
	if err := r.HandleQueryAuthCode(ctx, releasecheck.TestOAAppID, m); err == nil || jobs.IsPermanent(err) {
		t.Fatalf("a transient failure must be retried, got %v", err)
	}
	// Switched off before the job ran: nothing is sent.
	wx.queryErr, wx.sent = nil, nil
	if err := r.SetEnabled(ctx, false); err != nil {
		t.Fatal(err)
	}
	if err := r.HandleQueryAuthCode(ctx, releasecheck.TestOAAppID, m); err != nil || len(wx.sent) != 0 {
		t.Fatalf("off at job time: sent %q %v", wx.sent, err)
	}
}

