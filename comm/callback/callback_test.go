package callback_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"wxcomponent/comm/callback"
	"wxcomponent/comm/config"
	"wxcomponent/comm/wx/crypt"
	"wxcomponent/comm/wx/msg"
)

const (
	appID     = "wx0123456789abcdef"
	token     = "testtoken"
	aesKey    = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
	oldKey    = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	ticketXML = `<xml><AppId><![CDATA[wx0123456789abcdef]]></AppId><CreateTime>1700000000</CreateTime>` +
		`<InfoType><![CDATA[component_verify_ticket]]></InfoType><ComponentVerifyTicket><![CDATA[ticket@@@TESTTICKET]]></ComponentVerifyTicket></xml>`
)

var now = time.Unix(1700000100, 0)

func clock() time.Time { return now }

func newVerifier(mode string, keys callback.KeySource) *callback.Verifier {
	return callback.NewVerifier(keys, callback.Options{Mode: mode, AppID: appID, Now: clock})
}

func standard() *callback.Verifier {
	return newVerifier(config.ModeStandard, callback.StaticKeys{Token: token, EncodingAESKey: aesKey})
}

// seal builds the request WeChat would send for plain, sealed with the given crypter.
func seal(t *testing.T, c *crypt.Crypter, plain, toUser string, at time.Time) callback.Incoming {
	t.Helper()
	q, body, err := c.SealPush([]byte(plain), toUser, strconv.FormatInt(at.Unix(), 10), "123456789")
	if err != nil {
		t.Fatal(err)
	}
	return callback.Incoming{Query: q, Header: http.Header{}, Body: body}
}

func mustCrypter(t *testing.T, appid, key string) *crypt.Crypter {
	t.Helper()
	c, err := crypt.New(token, key, appid)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func wantRejection(t *testing.T, err error, status int, reason string) *callback.Rejection {
	t.Helper()
	r, ok := callback.AsRejection(err)
	if !ok {
		t.Fatalf("want a rejection (%s), got %v", reason, err)
	}
	if r.Status != status || !strings.Contains(r.Reason, reason) {
		t.Fatalf("want %d %q, got %d %q", status, reason, r.Status, r.Reason)
	}
	return r
}

func TestStandardAcceptsSealedTicket(t *testing.T) {
	in := seal(t, mustCrypter(t, appID, aesKey), ticketXML, "", now)
	p, err := standard().Open(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Encrypted || string(p.Plain) != ticketXML || p.Msg.ComponentVerifyTicket != "ticket@@@TESTTICKET" {
		t.Fatalf("unexpected push %+v", p)
	}
	if p.DedupeKey != msg.RawKey([]byte(ticketXML)) || p.Unparsed {
		t.Fatalf("dedupe key %q", p.DedupeKey)
	}
}

func TestStandardRejections(t *testing.T) {
	good := mustCrypter(t, appID, aesKey)
	cases := []struct {
		name, reason string
		in           func() callback.Incoming
	}{
		{"forged msg_signature", "msg_signature mismatch", func() callback.Incoming {
			in := seal(t, good, ticketXML, "", now)
			in.Query.Set("msg_signature", strings.Repeat("0", 40))
			return in
		}},
		{"forged signature", "signature mismatch", func() callback.Incoming {
			in := seal(t, good, ticketXML, "", now)
			in.Query.Set("signature", strings.Repeat("0", 40))
			return in
		}},
		{"wrong appid trailer", "appid trailer", func() callback.Incoming {
			return seal(t, mustCrypter(t, "wxffffffffffffffff", aesKey), ticketXML, "", now)
		}},
		{"wrong key", "decrypt failed", func() callback.Incoming {
			return seal(t, mustCrypter(t, appID, oldKey), ticketXML, "", now)
		}},
		{"stale timestamp", "timestamp", func() callback.Incoming {
			return seal(t, good, ticketXML, "", now.Add(-301*time.Second))
		}},
		{"future timestamp", "timestamp", func() callback.Incoming {
			return seal(t, good, ticketXML, "", now.Add(301*time.Second))
		}},
		{"bare x-wx-source", "missing msg_signature", func() callback.Incoming {
			return callback.Incoming{Query: url.Values{}, Header: http.Header{"X-Wx-Source": {"x"}}, Body: []byte(`{"InfoType":"unauthorized"}`)}
		}},
		{"no envelope", "malformed envelope", func() callback.Incoming {
			in := seal(t, good, ticketXML, "", now)
			in.Body = []byte("<xml><AppId>x</AppId></xml>")
			return in
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := standard().Open(context.Background(), tc.in())
			wantRejection(t, err, http.StatusUnauthorized, tc.reason)
		})
	}
}

func TestStandardWindowEdgeAccepted(t *testing.T) {
	in := seal(t, mustCrypter(t, appID, aesKey), ticketXML, "", now.Add(-300*time.Second))
	if _, err := standard().Open(context.Background(), in); err != nil {
		t.Fatal(err)
	}
}

// TestStandardUndecodableMessageIsKeptRaw: once the signature verifies, content that does not
// decode is handed on raw (to be stored and flagged), never refused.
func TestStandardUndecodableMessageIsKeptRaw(t *testing.T) {
	for _, plain := range []string{"not xml", "<xml><Content>a\x00b</Content></xml>", "<xml><Content>\xff\xfe</Content></xml>",
		"<xml><MsgType>text</MsgType><MsgId>99999999999999999999</MsgId></xml>"} {
		p, err := standard().Open(context.Background(), seal(t, mustCrypter(t, appID, aesKey), plain, "", now))
		if err != nil {
			t.Fatalf("%q: %v", plain, err)
		}
		if !p.Unparsed || p.ParseError == nil || string(p.Plain) != plain || p.DedupeKey != msg.RawKey([]byte(plain)) || p.Msg == nil {
			t.Fatalf("%q: push %+v", plain, p)
		}
	}
}

func TestMissingKeysAreMisconfigured(t *testing.T) {
	in := seal(t, mustCrypter(t, appID, aesKey), ticketXML, "", now)
	for _, keys := range []callback.KeySource{nil, callback.StaticKeys{}, callback.StaticKeys{Token: token}} {
		_, err := newVerifier(config.ModeStandard, keys).Open(context.Background(), in)
		if r := wantRejection(t, err, http.StatusUnauthorized, "configured"); !r.Misconfigured {
			t.Fatalf("want misconfigured, got %+v", r)
		}
	}
	noAppID := callback.NewVerifier(callback.StaticKeys{Token: token, EncodingAESKey: aesKey}, callback.Options{Now: clock})
	_, err := noAppID.Open(context.Background(), in)
	wantRejection(t, err, http.StatusUnauthorized, "WX_APPID")
}

type failingKeys struct{}

func (failingKeys) CallbackKeys(context.Context) (string, string, []string, error) {
	return "", "", nil, errors.New("database down")
}

func TestKeySourceFailureIsNotARejection(t *testing.T) {
	in := seal(t, mustCrypter(t, appID, aesKey), ticketXML, "", now)
	_, err := newVerifier(config.ModeStandard, failingKeys{}).Open(context.Background(), in)
	if _, ok := callback.AsRejection(err); ok || err == nil {
		t.Fatalf("want a plain error so the push is answered 500, got %v", err)
	}
}

func TestKeyRotationAndSealedReply(t *testing.T) {
	keys := callback.StaticKeys{Token: token, EncodingAESKey: aesKey, Previous: []string{oldKey}}
	v := newVerifier(config.ModeStandard, keys)
	msgXML := `<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o1]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content><MsgId>42</MsgId></xml>`
	old := mustCrypter(t, appID, oldKey)
	p, err := v.Open(context.Background(), seal(t, old, msgXML, "gh_1", now))
	if err != nil {
		t.Fatal(err)
	}
	if p.DedupeKey != "msg:42" {
		t.Fatalf("dedupe key %q", p.DedupeKey)
	}
	body, err := p.SealReply([]byte("<xml>reply</xml>"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := old.OpenReply(body) // the reply must use the key that opened the push
	if err != nil || string(got) != "<xml>reply</xml>" {
		t.Fatalf("reply %q, %v", got, err)
	}
}

func TestDedupeKeys(t *testing.T) {
	c := mustCrypter(t, appID, aesKey)
	anon := `<xml><ToUserName><![CDATA[gh_1]]></ToUserName><MsgType><![CDATA[text]]></MsgType></xml>`
	in := seal(t, c, anon, "gh_1", now)
	a, err := standard().Open(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	b, err := standard().Open(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.DedupeKey, "sha256:") || a.DedupeKey != b.DedupeKey {
		t.Fatalf("same ciphertext keys %q / %q", a.DedupeKey, b.DedupeKey)
	}
	resealed, err := standard().Open(context.Background(), seal(t, c, anon, "gh_1", now))
	if err != nil {
		t.Fatal(err)
	}
	if resealed.DedupeKey != a.DedupeKey {
		t.Fatal("a retry sealed afresh (same plaintext) must keep its key")
	}
	other, err := standard().Open(context.Background(), seal(t, c, strings.Replace(anon, "text", "image", 1), "gh_1", now))
	if err != nil {
		t.Fatal(err)
	}
	if other.DedupeKey == a.DedupeKey {
		t.Fatal("a different message must not collide")
	}
}
