package ingest_test

import (
	"strings"
	"testing"
	"time"

	"wxcomponent/comm/callback"
	"wxcomponent/comm/ingest"
	"wxcomponent/comm/wx/msg"
)

func TestComponentRecordMapping(t *testing.T) {
	for infoType, wantJob := range map[string]bool{
		"component_verify_ticket": true, "authorized": true, "updateauthorized": true, "unauthorized": true,
		"notify_third_fasteregister": false, "something_new": false,
	} {
		rec := ingest.ComponentRecord(push(t, `{"AppId":"wxc","InfoType":"`+infoType+`","CreateTime":0,"AuthorizerAppid":"wxa"}`))
		c := rec.Component
		if c == nil || c.InfoType != infoType || !c.CreateTime.Equal(time.Unix(0, 0)) || !c.ReceiveTime.Equal(t0) {
			t.Fatalf("%s: %+v", infoType, c)
		}
		if (rec.Jobs != nil) != wantJob {
			t.Fatalf("%s: job wanted %v", infoType, wantJob)
		}
	}
}

func TestBizRecordMapping(t *testing.T) {
	long := strings.Repeat("é", 70)
	body := `{"ToUserName":"gh_1","FromUserName":"o1","CreateTime":1700000000,"MsgType":"event","Event":"weapp_audit_fail","Reason":"` + long + `"}`
	rec := ingest.BizRecord("wxa", push(t, body))
	b := rec.Biz
	if b.AppID != "wxa" || b.ToUserName != "gh_1" || b.MsgType != "event" || b.Event != "weapp_audit_fail" || b.PostBody != body {
		t.Fatalf("%+v", b)
	}
	if rec.Jobs == nil {
		t.Fatal("audit events need a biz_push job")
	}
	if key := *b.DedupeKey; key != "biz:gh_1:"+msg.RawKey([]byte(body)) {
		t.Fatalf("dedupe key %q", key)
	}
	j := rec.Jobs(9)[0]
	if p := j.Payload.(ingest.BizPush); j.Kind != ingest.KindBizPush || p.RecordID != 9 || p.Reason != long {
		t.Fatalf("job %+v", j)
	}
	text := ingest.BizRecord("wxa", push(t, `{"ToUserName":"gh_1","MsgType":"text","Event":"`+long+`","MsgId":5}`))
	if text.Jobs != nil || len([]rune(text.Biz.Event)) != 64 {
		t.Fatalf("text message: jobs %v, event %d runes", text.Jobs != nil, len([]rune(text.Biz.Event)))
	}
}

// TestQueryAuthCodeTextGetsAJob: the go-live check's QUERY_AUTH_CODE text is followed up by a
// biz_push job keyed like its record (a retry adds nothing) that carries the text; other text
// messages get no job, so their content never reaches the queue.
func TestQueryAuthCodeTextGetsAJob(t *testing.T) {
	body := `{"ToUserName":"gh_1","FromUserName":"o1","MsgType":"text","Content":"QUERY_AUTH_CODE:c@@@1","MsgId":7}`
	rec := ingest.BizRecord("wxa", push(t, body))
	if rec.Jobs == nil {
		t.Fatal("QUERY_AUTH_CODE needs a biz_push job")
	}
	j := rec.Jobs(3)[0]
	p := j.Payload.(ingest.BizPush)
	if j.Kind != ingest.KindBizPush || j.DedupeKey != *rec.Biz.DedupeKey || p.RecordID != 3 || p.AppID != "wxa" ||
		p.FromUserName != "o1" || p.Content != "QUERY_AUTH_CODE:c@@@1" || p.Message().Content != p.Content {
		t.Fatalf("job %+v", j)
	}
	for _, other := range []string{
		`{"ToUserName":"gh_1","MsgType":"text","Content":"hello QUERY_AUTH_CODE:c","MsgId":8}`,
		`{"ToUserName":"gh_1","MsgType":"event","Event":"subscribe","Content":"QUERY_AUTH_CODE:c"}`,
	} {
		if ingest.BizRecord("wxa", push(t, other)).Jobs != nil {
			t.Fatalf("%s: no job wanted", other)
		}
	}
	audit := ingest.BizRecord("wxa", push(t, `{"ToUserName":"gh_1","MsgType":"event","Event":"weapp_audit_success","Content":"x"}`))
	if p := audit.Jobs(1)[0].Payload.(ingest.BizPush); p.Content != "" {
		t.Fatalf("an audit job carries content %q", p.Content)
	}
}

// TestUnparsedPushIsStoredRawAndFlagged: an authentic push that does not decode is kept byte for
// byte (base64 when the bytes are not UTF-8), flagged, keyed by its bytes and never processed.
func TestUnparsedPushIsStoredRawAndFlagged(t *testing.T) {
	cases := map[string]struct{ body, flags string }{
		"<xml><Content>\xff</Content></xml>":             {"PHhtbD48Q29udGVudD7/PC9Db250ZW50PjwveG1sPg==", "unparsed,base64"},
		"<xml><Content>a\x00b</Content></xml>":           {"<xml><Content>a\x00b</Content></xml>", "unparsed"},
		"<xml><MsgId>99999999999999999999</MsgId></xml>": {"<xml><MsgId>99999999999999999999</MsgId></xml>", "unparsed"},
	}
	for plain, want := range cases {
		p := &callback.Push{Plain: []byte(plain), Msg: &msg.Message{}, Unparsed: true, DedupeKey: msg.RawKey([]byte(plain)), ReceivedAt: t0}
		rec := ingest.BizRecord("wxa", p)
		if rec.Biz.PostBody != want.body || rec.Biz.Flags != want.flags || rec.Jobs != nil || *rec.Biz.DedupeKey != "biz:wxa:"+p.DedupeKey {
			t.Fatalf("%q: %+v", plain, rec.Biz)
		}
		c := ingest.ComponentRecord(p)
		if c.Component.PostBody != want.body || c.Component.Flags != want.flags || c.Jobs != nil {
			t.Fatalf("%q: %+v", plain, c.Component)
		}
	}
}
