package authpage_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"wxcomponent/api/authpage"
	"wxcomponent/comm/authz/authztest"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
	"wxcomponent/internal/wxsim"
	"wxcomponent/routers"
)

// page is the public API of one Env over HTTP.
type page struct {
	e      *authztest.Env
	engine *gin.Engine
}

func newPage(t *testing.T, dialect string, o authztest.Options) *page {
	return newLimitedPage(t, dialect, o, 10, 120)
}

// newLimitedPage is newPage with perIP requests per IP and minute and global pre-auth-code
// mints per minute in total.
func newLimitedPage(t *testing.T, dialect string, o authztest.Options, perIP, global int) *page {
	gin.SetMode(gin.TestMode)
	e := authztest.New(t, dialect, o)
	r := gin.New()
	h := authpage.NewAuthPageHandler(e.Svc, authpage.NewLimiter(perIP, global, e.Clock.Now))
	routers.AuthPageRoutes(r.Group("/wxcomponent/authpage"), &routers.Handlers{AuthPage: h})
	return &page{e: e, engine: r}
}

// envelope is the response body.
type envelope struct {
	Code     int             `json:"code"`
	ErrorMsg string          `json:"errorMsg"`
	Data     json.RawMessage `json:"data"`
}

// do sends a request from ip and decodes the envelope.
func (p *page) do(t *testing.T, method, target, ip string, body any) (*httptest.ResponseRecorder, envelope) {
	t.Helper()
	var rd *bytes.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	} else {
		rd = bytes.NewReader(nil)
	}
	req := httptest.NewRequest(method, target, rd)
	req.Host = "console.test"
	req.RemoteAddr = ip + ":40000"
	req.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	p.engine.ServeHTTP(w, req)
	var env envelope
	if err := json.Unmarshal(w.Body.Bytes(), &env); err != nil {
		t.Fatalf("%s %s: body %q: %v", method, target, w.Body.String(), err)
	}
	return w, env
}

// dataString decodes a string data field.
func dataString(env envelope) string {
	var s string
	_ = json.Unmarshal(env.Data, &s)
	return s
}

func TestComponentInfo(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		p := newPage(t, dialect, authztest.Options{})
		ctx := context.Background()
		get := func() map[string]string {
			_, env := p.do(t, http.MethodGet, "/wxcomponent/authpage/componentinfo", "192.0.2.1", nil)
			var m map[string]string
			if env.Code != 0 || json.Unmarshal(env.Data, &m) != nil {
				t.Fatalf("componentinfo = %+v", env)
			}
			return m
		}
		if m := get(); m["appid"] != authztest.AppID || m["redirectUrl"] != "" {
			t.Fatalf("default info = %v", m)
		}
		_ = p.e.Store.SetKV(ctx, model.KVAuthInfo, `{"name":"店铺助手","redirectUrl":"https://shop.test/done","extra":1,"appid":"wxforged"}`)
		if m := get(); m["name"] != "店铺助手" || m["redirectUrl"] != "https://shop.test/done" || m["appid"] != authztest.AppID {
			t.Fatalf("stored info = %v", m)
		}
		_ = p.e.Store.SetKV(ctx, model.KVAuthInfo, `{not json`)
		if m := get(); m["name"] != "" || m["appid"] != authztest.AppID {
			t.Fatalf("invalid stored info = %v", m)
		}
	})
}

func TestPreAuthCodeIsRateLimited(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		p := newPage(t, dialect, authztest.Options{})
		seen := map[string]bool{}
		for i := 0; i < 10; i++ {
			_, env := p.do(t, http.MethodGet, "/wxcomponent/authpage/preauthcode", "192.0.2.1", nil)
			var d struct{ PreAuthCode string }
			if env.Code != 0 || json.Unmarshal(env.Data, &d) != nil || !strings.HasPrefix(d.PreAuthCode, "preauthcode@@@") {
				t.Fatalf("request %d: %+v", i, env)
			}
			seen[d.PreAuthCode] = true
		}
		if len(seen) != 10 {
			t.Errorf("pre-auth codes reused: %d distinct of 10", len(seen))
		}
		w, env := p.do(t, http.MethodGet, "/wxcomponent/authpage/preauthcode", "192.0.2.1", nil)
		if w.Code != http.StatusTooManyRequests || env.Code != 1002 || w.Header().Get("Retry-After") != "6" ||
			dataString(env) != "请求过于频繁，请稍后再试" {
			t.Fatalf("11th request: %d %s %+v", w.Code, w.Header().Get("Retry-After"), env)
		}
		if n := p.e.Sim.CallCount("api_create_preauthcode"); n != 10 {
			t.Errorf("WeChat called %d times, want 10", n)
		}
		if _, env := p.do(t, http.MethodGet, "/wxcomponent/authpage/preauthcode", "192.0.2.2", nil); env.Code != 0 {
			t.Errorf("another IP was limited too: %+v", env)
		}
		p.e.Clock.Advance(6e9)
		if _, env := p.do(t, http.MethodGet, "/wxcomponent/authpage/preauthcode", "192.0.2.1", nil); env.Code != 0 {
			t.Errorf("no token regained after Retry-After: %+v", env)
		}
	})
}

func TestPlainWordsErrors(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		for _, c := range []struct {
			name string
			o    authztest.Options
			code int
			want string
		}{
			{"no ticket", authztest.Options{NoTicket: true}, 1007, "尚未收到 component_verify_ticket"},
			{"no appid", authztest.Options{NoAppID: true}, 1002, "尚未配置第三方平台 AppID"},
		} {
			p := newPage(t, dialect, c.o)
			for _, path := range []string{"preauthcode", "authurl?type=h5"} {
				w, env := p.do(t, http.MethodGet, "/wxcomponent/authpage/"+path, "192.0.2.1", nil)
				if env.Code != c.code || w.Code != http.StatusServiceUnavailable || !strings.Contains(dataString(env), c.want) {
					t.Errorf("%s, %s: %d %+v", c.name, path, w.Code, env)
				}
			}
		}
		p := newPage(t, dialect, authztest.Options{})
		p.e.Sim.SetFault(wxsim.Fault{API: "api_create_preauthcode", Errcode: 61004})
		_, env := p.do(t, http.MethodGet, "/wxcomponent/authpage/preauthcode", "192.0.2.1", nil)
		if env.Code != 1002 || !strings.Contains(dataString(env), "白名单") {
			t.Errorf("WeChat 61004: %+v", env)
		}
	})
}

// TestPreAuthCodeGlobalCap spreads pre-auth-code requests over many IPs: together they cannot
// mint more than the global cap, whichever minting endpoint they use; the redirect's exchange
// is only limited per IP.
func TestPreAuthCodeGlobalCap(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		p := newLimitedPage(t, dialect, authztest.Options{}, 10, 30) // one mint every 2 s in total
		minted := 0
		for ip := 1; ip <= 6; ip++ {
			for i := 0; i < 5; i++ {
				target := "/wxcomponent/authpage/preauthcode"
				if i%2 == 1 {
					target = "/wxcomponent/authpage/authurl?type=pc"
				}
				if _, env := p.do(t, http.MethodGet, target, fmt.Sprintf("198.51.100.%d", ip), nil); env.Code != 0 {
					t.Fatalf("ip %d request %d: %+v", ip, i, env)
				}
				minted++
			}
		}
		for _, target := range []string{"/wxcomponent/authpage/preauthcode", "/wxcomponent/authpage/authurl?type=pc"} {
			w, env := p.do(t, http.MethodGet, target, "198.51.100.99", nil)
			if w.Code != http.StatusTooManyRequests || env.Code != 1002 || w.Header().Get("Retry-After") != "2" ||
				dataString(env) != "请求过于频繁，请稍后再试" {
				t.Fatalf("%s from a fresh IP over the global cap: %d %q %+v", target, w.Code, w.Header().Get("Retry-After"), env)
			}
		}
		if n := p.e.Sim.CallCount("api_create_preauthcode"); n != minted {
			t.Errorf("WeChat called %d times, want %d", n, minted)
		}
		// The code exchange does not mint: still open to that IP (a malformed code → 1001).
		if _, env := p.do(t, http.MethodPost, "/wxcomponent/authpage/authcode", "198.51.100.99",
			map[string]string{"authCode": "bad code!"}); env.Code != 1001 {
			t.Errorf("authcode under the global cap: %+v", env)
		}
		p.e.Clock.Advance(2e9)
		if _, env := p.do(t, http.MethodGet, "/wxcomponent/authpage/preauthcode", "198.51.100.99", nil); env.Code != 0 {
			t.Errorf("no shared token regained after Retry-After: %+v", env)
		}
	})
}
