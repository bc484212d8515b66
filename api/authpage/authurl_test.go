package authpage_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"wxcomponent/comm/authz/authztest"
	"wxcomponent/db/dbtest"
)

// authURL asks for a link and parses it.
func (p *page) authURL(t *testing.T, query string) *url.URL {
	t.Helper()
	_, env := p.do(t, http.MethodGet, "/wxcomponent/authpage/authurl?"+query, "192.0.2.1", nil)
	var d struct{ URL string }
	if env.Code != 0 || json.Unmarshal(env.Data, &d) != nil {
		t.Fatalf("authurl?%s = %+v", query, env)
	}
	u, err := url.Parse(d.URL)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestAuthURLPC(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		p := newPage(t, dialect, authztest.Options{})
		state := "tenant 7&x=y/店"
		u := p.authURL(t, "type=pc&authType=2&bizAppid="+authztest.MiniProgram+"&state="+url.QueryEscape(state))
		q := u.Query()
		switch {
		case u.Path != "/cgi-bin/componentloginpage" || u.Fragment != "":
			t.Errorf("PC link %s", u)
		case q.Get("component_appid") != authztest.AppID || q.Get("auth_type") != "2" || q.Get("biz_appid") != authztest.MiniProgram:
			t.Errorf("PC link query %v", q)
		case !strings.HasPrefix(q.Get("pre_auth_code"), "preauthcode@@@"):
			t.Errorf("pre_auth_code %q", q.Get("pre_auth_code"))
		case q.Has("action") || q.Has("no_scan"):
			t.Errorf("PC link has H5 parameters: %v", q)
		}
		redirect, err := url.Parse(q.Get("redirect_uri"))
		if err != nil || redirect.Host != "console.test" || !strings.HasPrefix(redirect.Fragment, "/redirectPage?") {
			t.Fatalf("redirect_uri %q", q.Get("redirect_uri"))
		}
		rq, _ := url.ParseQuery(strings.SplitN(redirect.EscapedFragment(), "?", 2)[1])
		if rq.Get("state") != state {
			t.Errorf("state through redirect_uri = %q, want %q", rq.Get("state"), state)
		}
	})
}

func TestAuthURLH5(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		p := newPage(t, dialect, authztest.Options{})
		raw := p.authURL(t, "type=h5").String()
		u, _ := url.Parse(raw)
		q := u.Query()
		if u.Path != "/wxaopen/safe/bindcomponent" || u.Fragment != "wechat_redirect" ||
			!strings.HasPrefix(u.RawQuery, "action=bindcomponent&no_scan=1&") || q.Get("auth_type") != "6" ||
			q.Has("biz_appid") || q.Get("redirect_uri") != "http://console.test/#/redirectPage" {
			t.Fatalf("H5 link %s", raw)
		}
		for _, bad := range []string{"type=app", "authType=7", "authType=x", "bizAppid=wx%20bad", "state=" + strings.Repeat("s", 129)} {
			if _, env := p.do(t, http.MethodGet, "/wxcomponent/authpage/authurl?"+bad, "192.0.2.3", nil); env.Code != 1001 {
				t.Errorf("authurl?%s = %+v, want 1001", bad, env)
			}
		}
	})
}

// TestAuthorizationRoundTrip follows a merchant through the simulator's authorization page:
// link → confirm → redirect back with auth_code → exchange, while the push arrives as well.
func TestAuthorizationRoundTrip(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		p := newPage(t, dialect, authztest.Options{})
		link := p.authURL(t, "type=pc&state=shop-9")
		back := confirm(t, link, authztest.OA)
		p.e.Sim.Wait() // the authorized push, sent while the browser is redirected
		rq, _ := url.ParseQuery(strings.SplitN(back.EscapedFragment(), "?", 2)[1])
		if rq.Get("state") != "shop-9" || rq.Get("auth_code") == "" {
			t.Fatalf("redirected to %s", back)
		}
		_, env := p.do(t, http.MethodPost, "/wxcomponent/authpage/authcode", "192.0.2.1",
			map[string]string{"authCode": rq.Get("auth_code"), "state": rq.Get("state")})
		var d struct{ Appid, NickName string }
		if env.Code != 0 || json.Unmarshal(env.Data, &d) != nil || d.Appid != authztest.OA || d.NickName == "" {
			t.Fatalf("authcode = %+v", env)
		}
		if a := p.e.Row(authztest.OA); a.AuthState != "shop-9" {
			t.Errorf("authstate = %q", a.AuthState)
		}
		// Whoever else holds the (exchanged) code cannot rewrite the state.
		if _, env := p.do(t, http.MethodPost, "/wxcomponent/authpage/authcode", "203.0.113.66",
			map[string]string{"authCode": rq.Get("auth_code"), "state": "attacker"}); env.Code != 0 {
			t.Fatalf("replayed authcode = %+v", env)
		}
		if a := p.e.Row(authztest.OA); a.AuthState != "shop-9" {
			t.Errorf("authstate after a replay = %q, want shop-9", a.AuthState)
		}
		if _, env := p.do(t, http.MethodPost, "/wxcomponent/authpage/authcode", "192.0.2.1",
			map[string]string{"authCode": "bad code!"}); env.Code != 1001 {
			t.Errorf("malformed code: %+v", env)
		}
	})
}

// TestPushRecordsLinkState checks the push alone (no redirect) records the link's state,
// through the pre-auth code it echoes.
func TestPushRecordsLinkState(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		p := newPage(t, dialect, authztest.Options{})
		confirm(t, p.authURL(t, "type=h5&state=only-push"), authztest.MiniProgram)
		p.e.Sim.Wait()
		if a := p.e.Row(authztest.MiniProgram); a.AuthState != "only-push" || a.NickName == "" {
			t.Fatalf("row after push = %+v", a)
		}
	})
}

// TestAuthCodeReplayCannotRewriteState is the audit's case: a link without a bound state, the
// push late, the same code posted twice — first by the merchant with customerA, then by someone
// else with attacker. Only the call that exchanged the code records its state.
func TestAuthCodeReplayCannotRewriteState(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		p := newPage(t, dialect, authztest.Options{})
		p.e.Hold()
		back := confirm(t, p.authURL(t, "type=pc"), authztest.OA)
		p.e.Sim.Wait()
		held := p.e.Release()
		code := redirectCode(t, back)
		for _, state := range []string{"customerA", "attacker", ""} {
			_, env := p.do(t, http.MethodPost, "/wxcomponent/authpage/authcode", "192.0.2.1",
				map[string]string{"authCode": code, "state": state})
			if env.Code != 0 {
				t.Fatalf("authcode with state %q = %+v", state, env)
			}
			if a := p.e.Row(authztest.OA); a.AuthState != "customerA" {
				t.Fatalf("after posting state %q: authstate = %q, want customerA", state, a.AuthState)
			}
		}
		for _, m := range held { // the late push binds no state: nothing changes
			if err := p.e.Svc.HandleComponentPush(context.Background(), m.InfoType, m); err != nil {
				t.Fatal(err)
			}
		}
		if a := p.e.Row(authztest.OA); a.AuthState != "customerA" {
			t.Errorf("after the push: authstate = %q", a.AuthState)
		}
		if n := p.e.Sim.CallCount("api_query_auth"); n != 1 {
			t.Errorf("api_query_auth called %d times, want 1", n)
		}
	})
}

// TestLinkStateBeatsForgedRedirectState: the merchant's browser exchanges the code first but
// posts another state than the link carried; the push, which names the link's pre-auth code,
// restores the link's state, and later posts change nothing.
func TestLinkStateBeatsForgedRedirectState(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		p := newPage(t, dialect, authztest.Options{})
		p.e.Hold()
		back := confirm(t, p.authURL(t, "type=h5&state=shop-9"), authztest.MiniProgram)
		p.e.Sim.Wait()
		held := p.e.Release()
		code := redirectCode(t, back)
		if _, env := p.do(t, http.MethodPost, "/wxcomponent/authpage/authcode", "192.0.2.1",
			map[string]string{"authCode": code, "state": "forged"}); env.Code != 0 {
			t.Fatalf("authcode = %+v", env)
		}
		for _, m := range held {
			if err := p.e.Svc.HandleComponentPush(context.Background(), m.InfoType, m); err != nil {
				t.Fatal(err)
			}
		}
		if a := p.e.Row(authztest.MiniProgram); a.AuthState != "shop-9" {
			t.Fatalf("after the push: authstate = %q, want the link's shop-9", a.AuthState)
		}
		if _, env := p.do(t, http.MethodPost, "/wxcomponent/authpage/authcode", "192.0.2.1",
			map[string]string{"authCode": code, "state": "forged-again"}); env.Code != 0 {
			t.Fatalf("replayed authcode = %+v", env)
		}
		if a := p.e.Row(authztest.MiniProgram); a.AuthState != "shop-9" {
			t.Errorf("after a replay: authstate = %q", a.AuthState)
		}
	})
}

// redirectCode is the auth_code WeChat redirected the browser with.
func redirectCode(t *testing.T, back *url.URL) string {
	t.Helper()
	rq, _ := url.ParseQuery(strings.SplitN(back.EscapedFragment(), "?", 2)[1])
	if rq.Get("auth_code") == "" {
		t.Fatalf("redirected to %s", back)
	}
	return rq.Get("auth_code")
}

// confirm submits the simulator's authorization page for appid and returns the redirect.
func confirm(t *testing.T, link *url.URL, appid string) *url.URL {
	t.Helper()
	form := link.Query()
	form.Set("appid", appid)
	target := *link
	target.RawQuery, target.Fragment = "", ""
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.PostForm(target.String(), form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusFound || err != nil {
		t.Fatalf("confirm: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	return loc
}
