package callback_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"wxcomponent/comm/callback"
	"wxcomponent/comm/config"
	"wxcomponent/comm/wx/crypt"
)

const ticketJSON = `{"AppId":"wx0123456789abcdef","CreateTime":1700000000,"InfoType":"component_verify_ticket","ComponentVerifyTicket":"ticket@@@J"}`

func cloudRun() *callback.Verifier {
	return newVerifier(config.ModeCloudRun, callback.StaticKeys{Token: token, EncodingAESKey: aesKey})
}

func plain(header http.Header, body string) callback.Incoming {
	return callback.Incoming{Query: url.Values{}, Header: header, Body: []byte(body)}
}

func TestCloudRunAcceptsJSONWithHeader(t *testing.T) {
	for _, name := range []string{"X-Wx-Source", "X-Wx-Sources"} {
		h := http.Header{}
		h.Set(name, "wx")
		p, err := cloudRun().Open(context.Background(), plain(h, ticketJSON))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if p.Encrypted || p.Msg.ComponentVerifyTicket != "ticket@@@J" || string(p.Plain) != ticketJSON {
			t.Fatalf("%s: unexpected push %+v", name, p)
		}
	}
}

func TestCloudRunRejectsWithoutHeader(t *testing.T) {
	_, err := cloudRun().Open(context.Background(), plain(http.Header{}, ticketJSON))
	wantRejection(t, err, http.StatusUnauthorized, "X-Wx-Source")
}

func TestCloudRunMalformedBodyIsKeptRaw(t *testing.T) {
	p, err := cloudRun().Open(context.Background(), plain(http.Header{"X-Wx-Source": {"1"}}, "{nope"))
	if err != nil || !p.Unparsed || string(p.Plain) != "{nope" {
		t.Fatalf("push %+v, %v", p, err)
	}
}

func TestCloudRunProbe(t *testing.T) {
	for _, body := range []string{`{"action":"CheckContainerPath"}`, `<xml><action>CheckContainerPath</action></xml>`} {
		p, err := cloudRun().Open(context.Background(), plain(http.Header{}, body))
		if err != nil || !p.Probe {
			t.Fatalf("%s: %+v %v", body, p, err)
		}
	}
	// In standard mode the probe is just another unsigned request.
	_, err := standard().Open(context.Background(), plain(http.Header{}, `{"action":"CheckContainerPath"}`))
	wantRejection(t, err, http.StatusUnauthorized, "msg_signature")
}

func TestCloudRunVerifiesSignedPushes(t *testing.T) {
	c := mustCrypter(t, appID, aesKey)
	in := seal(t, c, ticketXML, "", now)
	in.Header.Set("X-Wx-Source", "wx")
	p, err := cloudRun().Open(context.Background(), in)
	if err != nil || !p.Encrypted || string(p.Plain) != ticketXML {
		t.Fatalf("signed push in cloudrun mode: %+v %v", p, err)
	}
	in.Query.Set("msg_signature", strings.Repeat("1", 40))
	_, err = cloudRun().Open(context.Background(), in)
	wantRejection(t, err, http.StatusUnauthorized, "msg_signature") // the header does not excuse a bad signature
}

func TestCloudRunRawDedupeKey(t *testing.T) {
	body := `{"ToUserName":"gh_1","MsgType":"text","Content":"no id"}`
	h := http.Header{"X-Wx-Source": {"1"}}
	a, err := cloudRun().Open(context.Background(), plain(h, body))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := cloudRun().Open(context.Background(), plain(h, body))
	if !strings.HasPrefix(a.DedupeKey, "sha256:") || a.DedupeKey != b.DedupeKey {
		t.Fatalf("keys %q %q", a.DedupeKey, b.DedupeKey)
	}
}

func TestVerifyEcho(t *testing.T) {
	ts := strconv.FormatInt(now.Unix(), 10)
	q := url.Values{"timestamp": {ts}, "nonce": {"1514711492"}, "echostr": {"4375120948345356249"},
		"signature": {crypt.Signature(token, ts, "1514711492")}}
	for _, v := range []*callback.Verifier{standard(), cloudRun()} {
		got, err := v.VerifyEcho(context.Background(), q)
		if err != nil || got != "4375120948345356249" {
			t.Fatalf("echo %q %v", got, err)
		}
	}
	q.Set("signature", strings.Repeat("a", 40))
	_, err := standard().VerifyEcho(context.Background(), q)
	wantRejection(t, err, http.StatusUnauthorized, "signature")
}

func TestMaskSecrets(t *testing.T) {
	cases := map[string]string{
		ticketXML: "<ComponentVerifyTicket><![CDATA[ti***ET]]></ComponentVerifyTicket>",
		`{"InfoType":"authorized","AuthorizationCode":"queryauthcode@@@abcdefghijkl"}`:   `"AuthorizationCode":"qu***kl"`,
		`<xml><AuthorizationCode>queryauthcode@@@abcdefghijkl</AuthorizationCode></xml>`: `<AuthorizationCode>qu***kl</AuthorizationCode>`,
	}
	for in, want := range cases {
		got := callback.MaskSecrets(in)
		if !strings.Contains(got, want) || strings.Contains(got, "TESTTICKET") || strings.Contains(got, "abcdefghijkl") {
			t.Fatalf("MaskSecrets(%s) = %s", in, got)
		}
	}
}
