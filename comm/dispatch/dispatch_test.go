package dispatch_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"wxcomponent/comm/dispatch"
	"wxcomponent/comm/ingest"
	"wxcomponent/comm/jobs"
	"wxcomponent/comm/wx/msg"
)

var ctx = context.Background()

// fakes records what each service was handed.
type fakes struct {
	tickets  []string
	ticketAt time.Time
	authz    []*msg.Message
	audits   []string // appid/event
	golive   []string // appid/content
	err      error    // returned by every service
}

func (f *fakes) Receive(_ context.Context, ticket string, at time.Time) error {
	f.tickets, f.ticketAt = append(f.tickets, ticket), at
	return f.err
}

func (f *fakes) HandleAuthorizationPush(_ context.Context, m *msg.Message) error {
	f.authz = append(f.authz, m)
	return f.err
}

func (f *fakes) HandleAuditPush(_ context.Context, appid string, m *msg.Message) error {
	f.audits = append(f.audits, appid+"/"+m.Event)
	return f.err
}

func (f *fakes) HandleQueryAuthCode(_ context.Context, appid string, m *msg.Message) error {
	f.golive = append(f.golive, appid+"/"+m.ToUserName+"/"+m.FromUserName+"/"+m.Content)
	return f.err
}

func (f *fakes) calls() int { return len(f.tickets) + len(f.authz) + len(f.audits) + len(f.golive) }

func job(t *testing.T, kind string, payload any) jobs.Job {
	t.Helper()
	b, err := json.Marshal(payload)
	if err != nil {
		t.Fatal(err)
	}
	return jobs.Job{ID: 1, Kind: kind, Payload: b}
}

func TestTicketGoesToTheTicketStore(t *testing.T) {
	f := &fakes{}
	d := dispatch.New(f, f, f, f)
	at := time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
	p := ingest.ComponentPush{InfoType: msg.InfoTicket, ComponentVerifyTicket: "ticket@@@1", ReceivedAt: at.Unix()}
	if err := d.ComponentPush(ctx, job(t, ingest.KindComponentPush, p)); err != nil {
		t.Fatal(err)
	}
	if len(f.tickets) != 1 || f.tickets[0] != "ticket@@@1" || !f.ticketAt.Equal(at) || f.calls() != 1 {
		t.Fatalf("tickets %v at %v, %d calls", f.tickets, f.ticketAt, f.calls())
	}
	p.ComponentVerifyTicket = ""
	if err := d.ComponentPush(ctx, job(t, ingest.KindComponentPush, p)); !jobs.IsPermanent(err) {
		t.Fatalf("a ticket push without a ticket: %v, want a permanent error", err)
	}
}

func TestAuthorizationChangesGoToAuthz(t *testing.T) {
	for _, info := range []string{msg.InfoAuthorized, msg.InfoUpdateAuthorized, msg.InfoUnauthorized} {
		f := &fakes{}
		p := ingest.ComponentPush{InfoType: info, AppID: "wxc", CreateTime: 1700000000,
			AuthorizerAppid: "wxa", AuthorizationCode: "code", PreAuthCode: "pre"}
		if err := dispatch.New(f, f, f, f).ComponentPush(ctx, job(t, ingest.KindComponentPush, p)); err != nil {
			t.Fatal(err)
		}
		if len(f.authz) != 1 || f.calls() != 1 {
			t.Fatalf("%s: %d calls", info, f.calls())
		}
		m := f.authz[0]
		if m.InfoType != info || m.AuthorizerAppid != "wxa" || m.AuthorizationCode != "code" || m.PreAuthCode != "pre" || m.CreateTime != 1700000000 {
			t.Fatalf("%s: handed %+v", info, m)
		}
	}
}

func TestAuditResultsGoToCodeManagement(t *testing.T) {
	for _, ev := range []string{msg.EventWeappAuditSuccess, msg.EventWeappAuditFail, msg.EventWeappAuditDelay} {
		f := &fakes{}
		p := ingest.BizPush{AppID: "wxmp", MsgType: msg.MsgTypeEvent, Event: ev, Reason: "r"}
		if err := dispatch.New(f, f, f, f).BizPush(ctx, job(t, ingest.KindBizPush, p)); err != nil {
			t.Fatal(err)
		}
		if len(f.audits) != 1 || f.audits[0] != "wxmp/"+ev || f.calls() != 1 {
			t.Fatalf("%s: audits %v, %d calls", ev, f.audits, f.calls())
		}
	}
}

func TestQueryAuthCodeGoesToTheGoLiveResponder(t *testing.T) {
	f := &fakes{}
	p := ingest.BizPush{AppID: "wxoa", ToUserName: "gh_1", FromUserName: "o1", MsgType: "text", Content: "QUERY_AUTH_CODE:c1"}
	if err := dispatch.New(f, f, f, f).BizPush(ctx, job(t, ingest.KindBizPush, p)); err != nil {
		t.Fatal(err)
	}
	if len(f.golive) != 1 || f.golive[0] != "wxoa/gh_1/o1/QUERY_AUTH_CODE:c1" || f.calls() != 1 {
		t.Fatalf("go-live %v, %d calls", f.golive, f.calls())
	}
	f.err = errors.New("wechat away")
	if err := dispatch.New(f, f, f, f).BizPush(ctx, job(t, ingest.KindBizPush, p)); !errors.Is(err, f.err) || jobs.IsPermanent(err) {
		t.Fatalf("a failed answer: %v, want it retried", err)
	}
}

// TestOtherPushesAreRecordedOnly: pushes no service acts on, and audit results while code
// management is not wired, succeed without a call.
func TestOtherPushesAreRecordedOnly(t *testing.T) {
	f := &fakes{}
	d := dispatch.New(f, f, f, f)
	for _, info := range []string{"notify_third_fasteregister", ""} {
		if err := d.ComponentPush(ctx, job(t, ingest.KindComponentPush, ingest.ComponentPush{InfoType: info})); err != nil {
			t.Fatalf("%q: %v", info, err)
		}
	}
	for _, p := range []ingest.BizPush{{AppID: "wxmp", MsgType: "text"}, {AppID: "wxmp", MsgType: "text", Content: "hello"},
		{AppID: "wxmp", MsgType: msg.MsgTypeEvent, Event: "subscribe"}} {
		if err := d.BizPush(ctx, job(t, ingest.KindBizPush, p)); err != nil {
			t.Fatalf("%+v: %v", p, err)
		}
	}
	audit := ingest.BizPush{AppID: "wxmp", MsgType: msg.MsgTypeEvent, Event: msg.EventWeappAuditSuccess}
	qac := ingest.BizPush{AppID: "wxmp", MsgType: "text", Content: "QUERY_AUTH_CODE:c1"}
	for _, p := range []ingest.BizPush{audit, qac} {
		if err := dispatch.New(f, f, nil, nil).BizPush(ctx, job(t, ingest.KindBizPush, p)); err != nil {
			t.Fatal(err)
		}
	}
	if f.calls() != 0 {
		t.Fatalf("%d calls", f.calls())
	}
}

func TestFailuresReachTheQueue(t *testing.T) {
	f := &fakes{err: errors.New("database away")}
	d := dispatch.New(f, f, f, f)
	auth := ingest.ComponentPush{InfoType: msg.InfoUnauthorized, AuthorizerAppid: "wxa"}
	if err := d.ComponentPush(ctx, job(t, ingest.KindComponentPush, auth)); !errors.Is(err, f.err) || jobs.IsPermanent(err) {
		t.Fatalf("a service failure: %v, want it retried", err)
	}
	bad := jobs.Job{ID: 2, Kind: ingest.KindBizPush, Payload: []byte(`{"appid":`)}
	if err := d.BizPush(ctx, bad); !jobs.IsPermanent(err) {
		t.Fatalf("a payload that does not decode: %v, want a permanent error", err)
	}
	if err := d.ComponentPush(ctx, jobs.Job{ID: 3, Payload: []byte(`[]`)}); !jobs.IsPermanent(err) {
		t.Fatalf("a payload that does not decode: %v, want a permanent error", err)
	}
}

// registrar records the kinds registered.
type registrar map[string]jobs.Handler

func (r registrar) Register(kind string, h jobs.Handler) { r[kind] = h }

func TestRegisterInstallsBothKinds(t *testing.T) {
	r := registrar{}
	dispatch.New(&fakes{}, &fakes{}, nil, nil).Register(r)
	if len(r) != 2 || r[ingest.KindComponentPush] == nil || r[ingest.KindBizPush] == nil {
		t.Fatalf("registered %v", r)
	}
}
