package wxsim

import (
	"context"
	"encoding/xml"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"wxcomponent/comm/wx/crypt"
)

// openPush verifies and decrypts a standard-mode push exactly as our service must.
func openPush(t *testing.T, r received) (envelope map[string]string, plain string) {
	t.Helper()
	c, err := crypt.New(testToken, testAESKey, testAppID)
	if err != nil {
		t.Fatal(err)
	}
	var env struct {
		AppID      string `xml:"AppId"`
		ToUserName string `xml:"ToUserName"`
		Encrypt    string `xml:"Encrypt"`
	}
	if err := xml.Unmarshal(r.Body, &env); err != nil {
		t.Fatalf("envelope: %v (%s)", err, r.Body)
	}
	q := r.Query
	if q.Get("encrypt_type") != "aes" || q.Get("signature") != crypt.Signature(testToken, q.Get("timestamp"), q.Get("nonce")) {
		t.Fatalf("bad query %v", q)
	}
	if !c.VerifyMsgSignature(q.Get("timestamp"), q.Get("nonce"), env.Encrypt, q.Get("msg_signature")) {
		t.Fatal("msg_signature does not verify")
	}
	msg, err := c.Decrypt(env.Encrypt)
	if err != nil {
		t.Fatalf("decrypt: %v", err)
	}
	return map[string]string{"AppId": env.AppID, "ToUserName": env.ToUserName}, string(msg)
}

func TestTicketPushIsEncryptedAndSigned(t *testing.T) {
	e := newEnv(t, nil)
	ticket, res, err := e.sim.PushTicket(context.Background())
	if err != nil || !res.Delivered || len(res.Attempts) != 1 {
		t.Fatalf("PushTicket: %+v, %v", res, err)
	}
	got := e.recv.requests()
	if len(got) != 1 || got[0].Path != "/wxcallback/component" {
		t.Fatalf("requests = %+v", got)
	}
	if got[0].Header.Get("Content-Type") != "text/xml" || got[0].Query.Get("timestamp") != strconv.FormatInt(e.clock.Now().Unix(), 10) {
		t.Fatalf("headers/query: %v %v", got[0].Header, got[0].Query)
	}
	envl, plain := openPush(t, got[0])
	if envl["AppId"] != testAppID || envl["ToUserName"] != "" {
		t.Fatalf("component envelope = %v", envl)
	}
	var msg struct {
		AppID, InfoType, ComponentVerifyTicket string
		CreateTime                             int64
	}
	if err := xml.Unmarshal([]byte(plain), &msg); err != nil {
		t.Fatal(err)
	}
	if msg.InfoType != "component_verify_ticket" || msg.ComponentVerifyTicket != ticket ||
		!strings.HasPrefix(ticket, "ticket@@@") || msg.CreateTime != e.clock.Now().Unix() {
		t.Fatalf("ticket push = %+v", msg)
	}
}

func TestPushRetriesUntilSuccess(t *testing.T) {
	e := newEnv(t, nil)
	e.recv.setReply(func(n int, _ received) (int, string) {
		switch n {
		case 1:
			return http.StatusInternalServerError, "oops"
		case 2:
			return http.StatusOK, "fail"
		}
		return http.StatusOK, "success"
	})
	_, res, err := e.sim.PushTicket(context.Background())
	if err != nil || !res.Delivered || len(res.Attempts) != 3 {
		t.Fatalf("push: %+v, %v", res, err)
	}
	if a := res.Attempts; a[0].Status != 500 || a[1].Body != "fail" || a[1].OK || !a[2].OK {
		t.Fatalf("attempts = %+v", a)
	}
	got := e.recv.requests()
	if string(got[0].Body) != string(got[2].Body) || got[0].Query.Encode() != got[2].Query.Encode() {
		t.Fatal("retries must resend the same push")
	}
	if all := e.sim.Pushes(); len(all) != 1 || all[0].ID != res.ID {
		t.Fatalf("Pushes = %+v", all)
	}
}

func TestPushGivesUpAfterThreeAttempts(t *testing.T) {
	e := newEnv(t, nil)
	e.recv.setReply(func(int, received) (int, string) { return http.StatusOK, `{"code":1001}` })
	ticket, res, err := e.sim.PushTicket(context.Background())
	if !errors.Is(err, ErrNotDelivered) || res.Delivered || len(res.Attempts) != 3 {
		t.Fatalf("push: %+v, %v", res, err)
	}
	// An undelivered ticket is still a real ticket.
	wantErr(t, e.post(pathComponentToken, nil, map[string]string{"component_appid": testAppID,
		"component_appsecret": testSecret, "component_verify_ticket": ticket}), 0)
}

func TestMessagePushAcceptsEncryptedReply(t *testing.T) {
	e := newEnv(t, nil)
	c, _ := crypt.New(testToken, testAESKey, testAppID)
	e.recv.setReply(func(_ int, r received) (int, string) {
		enc, _ := c.Encrypt([]byte("<xml><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[pong]]></Content></xml>"))
		nonce := r.Query.Get("nonce")
		return http.StatusOK, "<xml><Encrypt><![CDATA[" + enc + "]]></Encrypt><MsgSignature><![CDATA[" +
			crypt.Signature(testToken, "1713424427", nonce, enc) + "]]></MsgSignature><TimeStamp>1713424427</TimeStamp><Nonce><![CDATA[" +
			nonce + "]]></Nonce></xml>"
	})
	res, err := e.sim.PushText(context.Background(), oaAppID, "o9AgO5Kd5ggOC-bXrbNODIiE3bGY", "ping")
	if err != nil || !res.Delivered || !strings.Contains(res.Reply, "pong") || res.Kind != "text" {
		t.Fatalf("PushText: %+v, %v", res, err)
	}
	got := e.recv.requests()[0]
	if got.Path != "/wxcallback/biz/"+oaAppID || got.Query.Get("openid") != "o9AgO5Kd5ggOC-bXrbNODIiE3bGY" {
		t.Fatalf("message push target %s ? %v", got.Path, got.Query)
	}
	envl, plain := openPush(t, got)
	if envl["ToUserName"] != "gh_3c884a361561" || !strings.Contains(plain, "<MsgId>") ||
		!strings.Contains(plain, "<Content><![CDATA[ping]]></Content>") {
		t.Fatalf("message push %v %s", envl, plain)
	}
	// A reply signed with the wrong token is not a valid reply.
	e.recv.setReply(func(int, received) (int, string) {
		return http.StatusOK, "<xml><Encrypt><![CDATA[abc]]></Encrypt><MsgSignature>x</MsgSignature><TimeStamp>1</TimeStamp><Nonce>1</Nonce></xml>"
	})
	if res, err := e.sim.PushText(context.Background(), oaAppID, "o1", "ping"); err == nil || len(res.Attempts) != 3 {
		t.Fatalf("forged reply accepted: %+v", res)
	}
}

func TestTamperedPushes(t *testing.T) {
	e := newEnv(t, nil)
	c, _ := crypt.New(testToken, testAESKey, testAppID)
	if err := e.sim.SetTamper(TamperAppID); err != nil {
		t.Fatal(err)
	}
	e.sim.PushTicket(context.Background())
	got := e.recv.requests()[0]
	var env struct {
		AppID   string `xml:"AppId"`
		Encrypt string
	}
	_ = xml.Unmarshal(got.Body, &env)
	q := got.Query
	if env.AppID != testAppID || !c.VerifyMsgSignature(q.Get("timestamp"), q.Get("nonce"), env.Encrypt, q.Get("msg_signature")) {
		t.Fatalf("appid tamper must keep envelope and signature valid: %s", got.Body)
	}
	if _, err := c.Decrypt(env.Encrypt); !errors.Is(err, crypt.ErrAppIDMismatch) {
		t.Fatalf("decrypt with wrong trailer: %v", err)
	}
	_ = e.sim.SetTamper(TamperSignature)
	e.sim.PushTicket(context.Background())
	got = e.recv.requests()[1]
	_ = xml.Unmarshal(got.Body, &env)
	if c.VerifyMsgSignature(got.Query.Get("timestamp"), got.Query.Get("nonce"), env.Encrypt, got.Query.Get("msg_signature")) {
		t.Fatal("signature tamper left a valid msg_signature")
	}
	if err := e.sim.SetTamper("bogus"); err == nil {
		t.Fatal("unknown tamper accepted")
	}
}
