package wxsim

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"testing"
	"time"
)

func TestComponentTokenIssuedAndExpires(t *testing.T) {
	e := newEnv(t, nil)
	m := e.post(pathComponentToken, nil, map[string]string{"component_appid": testAppID,
		"component_appsecret": testSecret, "component_verify_ticket": e.ticket()})
	if _, has := m["errcode"]; has {
		t.Fatalf("success must omit errcode: %v", m)
	}
	if m["expires_in"] != json.Number("7200") {
		t.Fatalf("expires_in = %v", m["expires_in"])
	}
	tok := m["component_access_token"].(string)
	body := map[string]string{"component_appid": testAppID}
	if got := e.post(pathPreAuthCode, ctq(tok), body); got["pre_auth_code"] == nil {
		t.Fatalf("fresh token rejected: %v", got)
	}
	e.clock.Advance(7199 * time.Second)
	wantErr(t, e.post(pathPreAuthCode, ctq(tok), body), 0)
	e.clock.Advance(time.Second)
	wantErr(t, e.post(pathPreAuthCode, ctq(tok), body), 42001)
}

func TestPreviousComponentTokenOverlap(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.TokenOverlap = 2 * time.Minute })
	old := e.componentToken()
	fresh := e.componentToken()
	body := map[string]string{"component_appid": testAppID}
	e.clock.Advance(119 * time.Second)
	wantErr(t, e.post(pathPreAuthCode, ctq(old), body), 0)
	e.clock.Advance(time.Second)
	wantErr(t, e.post(pathPreAuthCode, ctq(old), body), 40001)
	wantErr(t, e.post(pathPreAuthCode, ctq(fresh), body), 0)
}

func TestComponentTokenErrors(t *testing.T) {
	e := newEnv(t, nil)
	tk := e.ticket()
	req := func(appid, secret, ticket string) map[string]any {
		return e.post(pathComponentToken, nil, map[string]string{"component_appid": appid,
			"component_appsecret": secret, "component_verify_ticket": ticket})
	}
	wantErr(t, req("wxwrong", testSecret, tk), 40013)
	wantErr(t, req(testAppID, "", tk), 41004)
	wantErr(t, req(testAppID, "nope", tk), 40125)
	wantErr(t, req(testAppID, testSecret, "ticket@@@madeup"), 61006)
	wantErr(t, req(testAppID, testSecret, ""), 61006)
	e.clock.Advance(12 * time.Hour)
	wantErr(t, req(testAppID, testSecret, tk), 61005)
	wantErr(t, req(testAppID, testSecret, e.ticket()), 0)
}

func TestWireRules(t *testing.T) {
	e := newEnv(t, nil)
	tok := e.componentToken()
	body := map[string]string{"component_appid": testAppID}
	wantErr(t, e.call(http.MethodGet, pathComponentToken, nil, nil), 43002)
	wantErr(t, e.post(pathComponentToken, nil, ""), 44002)
	wantErr(t, e.post(pathComponentToken, nil, "{not json"), 47001)
	wantErr(t, e.post(pathPreAuthCode, nil, body), 41001)
	wantErr(t, e.post(pathPreAuthCode, ctq("bad token!"), body), 40014)
	wantErr(t, e.post(pathPreAuthCode, ctq("WellFormedButUnknownToken0123456789"), body), 40001)
	// The 2023+ docs name the same parameter access_token.
	wantErr(t, e.post(pathPreAuthCode, url.Values{"access_token": {tok}}, body), 0)
	m := e.post(pathPreAuthCode, ctq(tok), map[string]string{})
	wantErr(t, m, 41018)
	if msg, _ := m["errmsg"].(string); !regexp.MustCompile(` rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$`).MatchString(msg) {
		t.Fatalf("errmsg lacks rid suffix: %q", msg)
	}
}

func TestAuthorizerTokenChecks(t *testing.T) {
	e := newEnv(t, nil)
	ctok := e.componentToken()
	g := e.authorize(oaAppID)
	atok := e.queryAuth(ctok, g.AuthCode)["authorizer_access_token"].(string)
	send := map[string]any{"touser": "openid1", "msgtype": "text", "text": map[string]string{"content": "hi"}}
	wantErr(t, e.post(pathCustomSend, url.Values{"access_token": {atok}}, send), 0)
	if got := e.call(http.MethodGet, pathAPIDomainIP, url.Values{"access_token": {atok}}, nil); got["ip_list"] == nil {
		t.Fatalf("get_api_domain_ip: %v", got)
	}
	wantErr(t, e.post(pathCustomSend, url.Values{"access_token": {ctok}}, send), 61015)
	wantErr(t, e.post(pathPreAuthCode, url.Values{"access_token": {atok}}, map[string]string{"component_appid": testAppID}), 61014)
	if sent := e.sim.SentMessages(); len(sent) != 1 || sent[0].AppID != oaAppID {
		t.Fatalf("sent messages = %+v", sent)
	}
	e.clock.Advance(7200 * time.Second)
	wantErr(t, e.post(pathCustomSend, url.Values{"access_token": {atok}}, send), 42001)
}
