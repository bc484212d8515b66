package app

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"wxcomponent/internal/wxsim"
)

const (
	simAppID  = "wx0123456789abcdef"
	simSecret = "0123456789abcdef0123456789abcdef"
	simToken  = "sandboxtoken"
	simAESKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
)

// simulated is the service and the WeChat simulator wired to each other.
type simulated struct {
	*testApp
	sim    *wxsim.Sim
	simURL string
}

// startWithSim starts the simulator behind a late-bound handler (it needs the
// service's address, the service needs its own), then the service against it.
func startWithSim(t *testing.T, env map[string]string) *simulated {
	t.Helper()
	var handler atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		handler.Load().(http.Handler).ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	full := map[string]string{
		"WX_APPID": simAppID, "WX_APPSECRET": simSecret, "WX_TOKEN": simToken, "WX_ENCODING_AES_KEY": simAESKey,
		"WX_API_BASE": srv.URL, "WX_MP_BASE": srv.URL, "WX_OPEN_BASE": srv.URL,
		"ADMIN_USERNAME": "admin", "ADMIN_PASSWORD": "Start1234",
	}
	for k, v := range env {
		full[k] = v
	}
	ta := startApp(t, full)
	mode := wxsim.ModeStandard
	if full["WX_CALLBACK_MODE"] == "cloudrun" {
		mode = wxsim.ModeCloudRun
	}
	sim, err := wxsim.New(wxsim.Config{
		ComponentAppID: simAppID, ComponentSecret: simSecret, Token: simToken, EncodingAESKey: simAESKey,
		CallbackBase: ta.base, Mode: mode,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Close)
	handler.Store(sim.Handler())
	return &simulated{testApp: ta, sim: sim, simURL: srv.URL}
}

func TestTicketPushTokensAndRecords(t *testing.T) {
	s := startWithSim(t, nil)
	ctx := context.Background()
	ticket, res, err := s.sim.PushTicket(ctx)
	if err != nil {
		t.Fatalf("ticket push not accepted: %v %+v", err, res)
	}
	s.login(t, "admin", "Start1234")
	waitFor(t, "ticket stored", func() bool {
		_, env := s.call(t, "GET", s.base+"/wxcomponent/admin/ticket", nil)
		return env.Code == 0 && strings.Contains(string(env.Data), ticket)
	})
	_, env := s.call(t, "GET", s.base+"/wxcomponent/admin/wx-component-records?limit=10", nil)
	if !strings.Contains(string(env.Data), "component_verify_ticket") || !strings.Contains(string(env.Data), ticket[:5]+"***") {
		t.Fatalf("the decrypted push should be visible in the records, its ticket masked: %s", env.Data)
	}
	if strings.Contains(string(env.Data), ticket) {
		t.Fatalf("the records view must not show the ticket in clear: %s", env.Data)
	}
	_, tok := s.call(t, "GET", s.inner+"/inner/component-access-token", nil)
	if tok.Code != 0 || !strings.Contains(string(tok.Data), "expiresAt") {
		t.Fatalf("inner token service: %+v", tok)
	}
	if n := s.sim.CallCount("api_component_token"); n != 1 {
		t.Fatalf("want 1 upstream token call, got %d", n)
	}
}

func TestForgedPushesAreRejectedAndNothingStored(t *testing.T) {
	s := startWithSim(t, nil)
	s.sim.SetTamper(wxsim.TamperSignature)
	if _, _, err := s.sim.PushTicket(context.Background()); err == nil {
		t.Fatal("a push with a forged signature must not be accepted")
	}
	s.sim.SetTamper(wxsim.TamperAppID)
	if _, _, err := s.sim.PushTicket(context.Background()); err == nil {
		t.Fatal("a push sealed for another appid must not be accepted")
	}
	req, _ := http.NewRequest("POST", s.base+"/wxcallback/component", strings.NewReader(`{"InfoType":"component_verify_ticket","ComponentVerifyTicket":"forged","CreateTime":1}`))
	req.Header.Set("X-Wx-Source", "anyone")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Fatalf("a bare x-wx-source header must be rejected in standard mode, got %d", resp.StatusCode)
	}
	s.login(t, "admin", "Start1234")
	_, env := s.call(t, "GET", s.base+"/wxcomponent/admin/wx-component-records?limit=10", nil)
	if !strings.Contains(string(env.Data), `"total":0`) {
		t.Fatalf("nothing may be stored from rejected pushes: %s", env.Data)
	}
}

func TestTokensSurviveARestartWithoutUpstreamCalls(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "shared.db")
	dataDir := t.TempDir()
	env := map[string]string{"SQLITE_PATH": dbPath, "DATA_DIR": dataDir}
	first := startWithSim(t, env)
	if _, _, err := first.sim.PushTicket(context.Background()); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "token served", func() bool {
		_, tok := first.call(t, "GET", first.inner+"/inner/component-access-token", nil)
		return tok.Code == 0
	})
	first.shutdown(t)
	first.app.Close()

	second := startApp(t, map[string]string{
		"SQLITE_PATH": dbPath, "DATA_DIR": dataDir, "WX_APPID": simAppID, "WX_APPSECRET": simSecret,
		"WX_TOKEN": simToken, "WX_ENCODING_AES_KEY": simAESKey, "WX_API_BASE": first.simURL,
	})
	_, tok := second.call(t, "GET", second.inner+"/inner/component-access-token", nil)
	if tok.Code != 0 {
		t.Fatalf("restarted service should serve the stored token: %+v", tok)
	}
	if n := first.sim.CallCount("api_component_token"); n != 1 {
		t.Fatalf("a restart must not call WeChat again, got %d calls", n)
	}
}
