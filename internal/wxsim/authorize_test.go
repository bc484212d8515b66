package wxsim

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestAuthCodeSingleUseAndExpiry(t *testing.T) {
	e := newEnv(t, nil)
	ctok := e.componentToken()
	g := e.authorize(oaAppID)
	if !strings.HasPrefix(g.AuthCode, "queryauthcode@@@") || g.ExpiresIn != 600 {
		t.Fatalf("grant = %+v", g)
	}
	info := e.queryAuth(ctok, g.AuthCode)
	if info["authorizer_appid"] != oaAppID || info["expires_in"] != json.Number("7200") ||
		!strings.HasPrefix(info["authorizer_refresh_token"].(string), "refreshtoken@@@") {
		t.Fatalf("authorization_info = %v", info)
	}
	if funcs := info["func_info"].([]any); len(funcs) != len(DefaultFuncInfo(KindOA)) {
		t.Fatalf("func_info = %v", funcs)
	}
	body := map[string]string{"component_appid": testAppID, "authorization_code": g.AuthCode}
	wantErr(t, e.post(pathQueryAuth, ctq(ctok), body), 61009)
	body["authorization_code"] = "queryauthcode@@@neverissued"
	wantErr(t, e.post(pathQueryAuth, ctq(ctok), body), 61009)

	g2 := e.authorize(oaAppID)
	e.clock.Advance(600 * time.Second)
	ctok = e.componentToken()
	body["authorization_code"] = g2.AuthCode
	wantErr(t, e.post(pathQueryAuth, ctq(ctok), body), 61010)
}

func TestReauthorizationInvalidatesRefreshToken(t *testing.T) {
	e := newEnv(t, nil)
	ctok := e.componentToken()
	first := e.queryAuth(ctok, e.authorize(mpAppID).AuthCode)["authorizer_refresh_token"].(string)
	refresh := func(rt string) map[string]any {
		return e.post(pathAuthorizerToken, ctq(ctok), map[string]string{"component_appid": testAppID,
			"authorizer_appid": mpAppID, "authorizer_refresh_token": rt})
	}
	m := refresh(first)
	if m["authorizer_access_token"] == nil || m["authorizer_refresh_token"] != first {
		t.Fatalf("refresh: %v", m)
	}
	g := e.authorize(mpAppID, 17, 18)
	if g.InfoType != "updateauthorized" {
		t.Fatalf("changed func_info must give updateauthorized, got %s", g.InfoType)
	}
	wantErr(t, refresh(first), 61023)
	wantErr(t, refresh(g.RefreshToken), 0)
	wantErr(t, refresh(""), 61023)
	if again := e.authorize(mpAppID, 18, 17); again.InfoType != "authorized" {
		t.Fatalf("unchanged func_info must give authorized, got %s", again.InfoType)
	}
}

func TestRevoke(t *testing.T) {
	e := newEnv(t, nil)
	ctok := e.componentToken()
	info := e.queryAuth(ctok, e.authorize(oaAppID).AuthCode)
	rt := info["authorizer_refresh_token"].(string)
	res, err := e.sim.Revoke(context.Background(), oaAppID)
	if err != nil || !res.Delivered || res.Kind != "unauthorized" {
		t.Fatalf("Revoke: %+v, %v", res, err)
	}
	if !strings.Contains(res.Payload, "<AuthorizerAppid><![CDATA["+oaAppID+"]]></AuthorizerAppid>") {
		t.Fatalf("unauthorized payload = %s", res.Payload)
	}
	wantErr(t, e.post(pathAuthorizerToken, ctq(ctok), map[string]string{"component_appid": testAppID,
		"authorizer_appid": oaAppID, "authorizer_refresh_token": rt}), 61003)
	wantErr(t, e.post(pathCustomSend, ctqAccess(info["authorizer_access_token"].(string)),
		map[string]any{"touser": "o1", "msgtype": "text"}), 40001)
	wantErr(t, e.post(pathAuthorizerInfo, ctq(ctok), map[string]string{"component_appid": testAppID,
		"authorizer_appid": oaAppID}), 61003)
	if _, err := e.sim.Revoke(context.Background(), oaAppID); err == nil {
		t.Fatal("revoking twice must fail")
	}
}

func TestAuthorizerInfoShape(t *testing.T) {
	e := newEnv(t, nil)
	ctok := e.componentToken()
	e.authorize(oaAppID)
	e.authorize(mpAppID)
	get := func(appid string) map[string]any {
		return e.post(pathAuthorizerInfo, ctq(ctok), map[string]string{"component_appid": testAppID, "authorizer_appid": appid})
	}
	oa, mp := get(oaAppID), get(mpAppID)
	oaInfo, mpInfo := oa["authorizer_info"].(map[string]any), mp["authorizer_info"].(map[string]any)
	if _, has := oaInfo["MiniProgramInfo"]; has {
		t.Fatal("OA must not carry MiniProgramInfo")
	}
	mpi, ok := mpInfo["MiniProgramInfo"].(map[string]any)
	if !ok || mpi["network"].(map[string]any)["NewTCPDomain"] == nil {
		t.Fatalf("mini program info = %v", mpInfo)
	}
	if oaInfo["user_name"] != "gh_3c884a361561" || oaInfo["service_type_info"].(map[string]any)["id"] == nil {
		t.Fatalf("OA info = %v", oaInfo)
	}
	auth := mp["authorization_info"].(map[string]any)
	scope := auth["func_info"].([]any)[0].(map[string]any)["funcscope_category"].(map[string]any)
	if auth["authorizer_appid"] != mpAppID || scope["id"] != json.Number("17") {
		t.Fatalf("authorization_info = %v", auth)
	}
	wantErr(t, get("wxunknown"), 40013)
}

func TestAuthorizerList(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.Authorizers = SeedAuthorizers(5) })
	ctok := e.componentToken()
	for _, a := range SeedAuthorizers(5) {
		e.authorize(a.AppID)
		e.clock.Advance(time.Second)
	}
	list := func(offset, count int) map[string]any {
		return e.post(pathAuthorizerList, ctq(ctok), map[string]any{"component_appid": testAppID, "offset": offset, "count": count})
	}
	m := list(1, 2)
	items := m["list"].([]any)
	if m["total_count"] != json.Number("5") || len(items) != 2 {
		t.Fatalf("list = %v", m)
	}
	first := items[0].(map[string]any)
	if first["authorizer_appid"] != mpAppID || first["refresh_token"] == "" || first["auth_time"] == nil {
		t.Fatalf("item = %v", first)
	}
	if got := list(10, 100)["list"].([]any); len(got) != 0 {
		t.Fatalf("offset past the end: %v", got)
	}
	wantErr(t, list(0, 501), 40170)
	wantErr(t, list(0, 500), 0)
}
