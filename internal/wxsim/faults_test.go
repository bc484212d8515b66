package wxsim

import (
	"net/http"
	"testing"
	"time"
)

func TestErrcodeFaultForNextCalls(t *testing.T) {
	e := newEnv(t, nil)
	ctok := e.componentToken()
	body := map[string]string{"component_appid": testAppID}
	e.sim.SetFault(Fault{API: "api_create_preauthcode", Errcode: 45009, Count: 2})
	wantErr(t, e.post(pathPreAuthCode, ctq(ctok), body), 45009)
	wantErr(t, e.post(pathPreAuthCode, ctq(ctok), body), 45009)
	wantErr(t, e.post(pathPreAuthCode, ctq(ctok), body), 0)
	if n := e.sim.CallCount("api_create_preauthcode"); n != 3 {
		t.Fatalf("CallCount = %d, want 3", n)
	}
	if n := e.sim.CallCount(pathPreAuthCode); n != 3 {
		t.Fatalf("CallCount by path = %d, want 3", n)
	}
}

func TestHTTPStatusAndDelayFaults(t *testing.T) {
	e := newEnv(t, nil)
	e.sim.SetFault(Fault{API: pathComponentToken, HTTPStatus: http.StatusBadGateway})
	resp, err := http.Post(e.srv.URL+pathComponentToken, "application/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadGateway {
		t.Fatalf("status = %d", resp.StatusCode)
	}
	e.sim.SetFault(Fault{API: pathComponentToken, Delay: 150 * time.Millisecond, Errcode: -1})
	start := time.Now()
	wantErr(t, e.post(pathComponentToken, nil, "{}"), -1)
	if time.Since(start) < 150*time.Millisecond {
		t.Fatal("delay fault did not delay")
	}
	// A fault queued behind another applies after it.
	e.sim.SetFault(Fault{API: pathComponentToken, Errcode: 40001})
	e.sim.SetFault(Fault{API: pathComponentToken, Errcode: 61023})
	wantErr(t, e.post(pathComponentToken, nil, "{}"), 40001)
	wantErr(t, e.post(pathComponentToken, nil, "{}"), 61023)
	e.sim.SetFault(Fault{API: pathComponentToken, Errcode: 42001, Count: 5})
	e.sim.ClearFaults()
	wantErr(t, e.post(pathComponentToken, nil, "{}"), 41018)
}

func TestDailyQuota(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.DailyQuota = map[string]int{"api_create_preauthcode": 2} })
	ctok := e.componentToken()
	body := map[string]string{"component_appid": testAppID}
	wantErr(t, e.post(pathPreAuthCode, ctq(ctok), body), 0)
	wantErr(t, e.post(pathPreAuthCode, ctq(ctok), body), 0)
	wantErr(t, e.post(pathPreAuthCode, ctq(ctok), body), 45009)
	// 10:00 UTC is 18:00 in Beijing; the quota resets at Beijing midnight, 6 h later.
	e.clock.Advance(6 * time.Hour)
	ctok = e.componentToken()
	wantErr(t, e.post(pathPreAuthCode, ctq(ctok), body), 0)
	e.sim.SetDailyQuota("api_create_preauthcode", 0)
	for i := 0; i < 3; i++ {
		wantErr(t, e.post(pathPreAuthCode, ctq(ctok), body), 0)
	}
}
