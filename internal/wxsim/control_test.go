package wxsim

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestControlAuthorizeAndState(t *testing.T) {
	e := newEnv(t, nil)
	m := e.post("/sim/push-ticket", nil, nil)
	if tk, _ := m["ticket"].(string); !strings.HasPrefix(tk, "ticket@@@") || m["push"].(map[string]any)["delivered"] != true {
		t.Fatalf("push-ticket = %v", m)
	}
	m = e.post("/sim/authorize", nil, map[string]any{"appid": mpAppID, "funcInfo": []int{18}})
	code, _ := m["auth_code"].(string)
	if !strings.HasPrefix(code, "queryauthcode@@@") || m["info_type"] != "authorized" {
		t.Fatalf("authorize = %v", m)
	}
	info := e.queryAuth(e.componentToken(), code)
	if info["authorizer_appid"] != mpAppID {
		t.Fatalf("query_auth after /sim/authorize = %v", info)
	}
	st := e.call(http.MethodGet, "/sim/state", nil, nil)
	if len(st["tickets"].([]any)) != 2 || len(st["authorizer_tokens"].([]any)) != 1 {
		t.Fatalf("state = %v", st)
	}
	m = e.post("/sim/revoke", nil, map[string]string{"appid": mpAppID})
	if m["push"].(map[string]any)["kind"] != "unauthorized" {
		t.Fatalf("revoke = %v", m)
	}
	if m = e.post("/sim/revoke", nil, map[string]string{"appid": mpAppID}); m["error"] == nil {
		t.Fatalf("second revoke = %v", m)
	}
}

func TestControlFaultsCallsPushesClock(t *testing.T) {
	e := newEnv(t, nil)
	e.post("/sim/fault", nil, map[string]any{"api": "api_component_token", "errcode": 61004, "count": 1})
	wantErr(t, e.post(pathComponentToken, nil, "{}"), 61004)
	calls := e.call(http.MethodGet, "/sim/calls", nil, nil)
	if calls[pathComponentToken] != json.Number("1") {
		t.Fatalf("calls = %v", calls)
	}
	e.post("/sim/push-message", nil, map[string]string{"appid": oaAppID, "openid": "o1", "content": "hi"})
	resp, err := http.Get(e.srv.URL + "/sim/pushes")
	if err != nil {
		t.Fatal(err)
	}
	var pushes []PushResult
	if err := json.NewDecoder(resp.Body).Decode(&pushes); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if len(pushes) != 1 || pushes[0].Kind != "text" || pushes[0].Attempts[0].Status != 200 {
		t.Fatalf("pushes = %+v", pushes)
	}
	before := e.sim.Now()
	m := e.post("/sim/clock", nil, map[string]float64{"advanceSeconds": 3600})
	if m["now"] == nil || e.sim.Now().Sub(before) != time.Hour {
		t.Fatalf("clock = %v", m)
	}
}

func TestControlAsyncAuthorize(t *testing.T) {
	e := newEnv(t, nil)
	m := e.post("/sim/authorize", nil, map[string]any{"appid": oaAppID, "async": true})
	if m["queued"] != true {
		t.Fatalf("async authorize = %v", m)
	}
	e.sim.Wait()
	if got := e.sim.Pushes(); len(got) != 1 || got[0].Kind != "authorized" || !got[0].Delivered {
		t.Fatalf("pushes = %+v", got)
	}
}

func TestStartPushTicketAPI(t *testing.T) {
	e := newEnv(t, nil)
	wantErr(t, e.post(pathStartPushTicket, nil, map[string]string{"component_appid": testAppID, "component_secret": "x"}), 40125)
	wantErr(t, e.post(pathStartPushTicket, nil, map[string]string{"component_appid": testAppID, "component_secret": testSecret}), 0)
	e.sim.Wait()
	if st := e.sim.State(); len(st.Tickets) != 1 || len(e.recv.requests()) != 1 {
		t.Fatalf("tickets = %+v", st.Tickets)
	}
}

func TestTicketLoop(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.TicketInterval = 20 * time.Millisecond })
	e.sim.Start(t.Context())
	deadline := time.Now().Add(2 * time.Second)
	for len(e.sim.State().Tickets) < 2 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if n := len(e.sim.State().Tickets); n < 2 {
		t.Fatalf("tickets after loop = %d", n)
	}
}

func TestHealthz(t *testing.T) {
	e := newEnv(t, nil)
	for _, method := range []string{http.MethodGet, http.MethodHead} {
		req, _ := http.NewRequest(method, e.srv.URL+"/healthz", nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
			t.Fatalf("%s /healthz: %d %s", method, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		if method == http.MethodGet && string(body) != `{"status":"ok"}` {
			t.Fatalf("GET /healthz body = %q", body)
		}
	}
	if n := len(e.sim.CallCounts()); n != 0 {
		t.Fatalf("/healthz counted as an API call: %v", e.sim.CallCounts())
	}
}
