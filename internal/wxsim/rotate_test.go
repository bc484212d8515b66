package wxsim

import (
	"strings"
	"testing"
)

// refresher calls api_authorizer_token for appid with a component token.
func (e *env) refresher(ctok, appid string) func(rt string) map[string]any {
	return func(rt string) map[string]any {
		e.t.Helper()
		return e.post(pathAuthorizerToken, ctq(ctok), map[string]string{"component_appid": testAppID,
			"authorizer_appid": appid, "authorizer_refresh_token": rt})
	}
}

// currentRefreshToken is the refresh token the simulator holds for appid.
func (e *env) currentRefreshToken(appid string) string {
	e.t.Helper()
	for _, a := range e.sim.State().Authorizers {
		if a.AppID == appid {
			return a.RefreshToken
		}
	}
	e.t.Fatalf("no authorizer %s in state", appid)
	return ""
}

func TestRotateRefreshTokens(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.RotateRefreshTokens = true })
	ctok := e.componentToken()
	g := e.authorize(mpAppID)
	refresh := e.refresher(ctok, mpAppID)

	m := refresh(g.RefreshToken)
	rt1, _ := m["authorizer_refresh_token"].(string)
	if m["authorizer_access_token"] == nil || !strings.HasPrefix(rt1, refreshTokenPrefix) || rt1 == g.RefreshToken {
		t.Fatalf("first refresh must hand out a new refresh token: %v", m)
	}
	if cur := e.currentRefreshToken(mpAppID); cur != rt1 {
		t.Fatalf("state holds %q, the answer gave %q", cur, rt1)
	}
	wantErr(t, refresh(g.RefreshToken), 61023) // the superseded one is dead at once

	m = refresh(rt1)
	rt2, _ := m["authorizer_refresh_token"].(string)
	atok, _ := m["authorizer_access_token"].(string)
	if atok == "" || rt2 == "" || rt2 == rt1 {
		t.Fatalf("second refresh: %v", m)
	}
	wantErr(t, refresh(rt1), 61023)
	// The access token of a rotating refresh works, and the other APIs report the current token.
	wantErr(t, e.post(pathCustomSend, ctqAccess(atok),
		map[string]any{"touser": "o1", "msgtype": "text", "text": map[string]string{"content": "hi"}}), 0)
	info := e.post(pathAuthorizerInfo, ctq(ctok), map[string]string{"component_appid": testAppID, "authorizer_appid": mpAppID})
	if got := info["authorization_info"].(map[string]any)["authorizer_refresh_token"]; got != rt2 {
		t.Fatalf("api_get_authorizer_info refresh token = %v, want %q", got, rt2)
	}
	// A failed refresh rotates nothing.
	if cur := e.currentRefreshToken(mpAppID); cur != rt2 {
		t.Fatalf("after the rejected refresh the state holds %q, want %q", cur, rt2)
	}
}

func TestControlRotateSwitch(t *testing.T) {
	e := newEnv(t, nil)
	ctok := e.componentToken()
	g := e.authorize(oaAppID)
	refresh := e.refresher(ctok, oaAppID)
	for range 2 { // off by default: the grant's refresh token keeps working and comes back
		if m := refresh(g.RefreshToken); m["authorizer_refresh_token"] != g.RefreshToken {
			t.Fatalf("rotation off: %v", m)
		}
	}
	if m := e.post("/sim/rotate", nil, map[string]bool{"enabled": true}); m["enabled"] != true {
		t.Fatalf("rotate on = %v", m)
	}
	rt, _ := refresh(g.RefreshToken)["authorizer_refresh_token"].(string)
	if rt == "" || rt == g.RefreshToken {
		t.Fatalf("rotation on: refresh token %q not replaced", rt)
	}
	wantErr(t, refresh(g.RefreshToken), 61023)
	if m := e.post("/sim/rotate", nil, map[string]bool{"enabled": false}); m["enabled"] != false {
		t.Fatalf("rotate off = %v", m)
	}
	if m := refresh(rt); m["authorizer_refresh_token"] != rt {
		t.Fatalf("rotation off again: %v", m)
	}
	if m := e.post("/sim/rotate", nil, "{bad"); m["error"] == nil {
		t.Fatalf("malformed body accepted: %v", m)
	}
}
