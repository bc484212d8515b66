package wxsim

import (
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// noRedirect returns a client that reports redirects instead of following them.
func noRedirect() *http.Client {
	return &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// preAuthCode obtains a pre_auth_code the way the service does.
func (e *env) preAuthCode() string {
	e.t.Helper()
	m := e.post(pathPreAuthCode, ctq(e.componentToken()), map[string]string{"component_appid": testAppID})
	return m["pre_auth_code"].(string)
}

// page GETs an authorization page and returns its HTML.
func (e *env) page(path string, q url.Values) string {
	e.t.Helper()
	resp, err := http.Get(e.srv.URL + path + "?" + q.Encode())
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return string(body)
}

func linkQuery(code, redirect, authType string) url.Values {
	return url.Values{"component_appid": {testAppID}, "pre_auth_code": {code}, "redirect_uri": {redirect}, "auth_type": {authType}}
}

func TestAuthPageFiltersAccounts(t *testing.T) {
	e := newEnv(t, nil)
	code := e.preAuthCode()
	cases := []struct {
		authType, biz string
		oa, mp        bool
	}{{"1", "", true, false}, {"2", "", false, true}, {"3", "", true, true}, {"6", "", true, true},
		{"", "", true, true}, {"1", mpAppID, false, true}, {"5", "", false, false}}
	for _, c := range cases {
		q := linkQuery(code, "http://svc.example/cb", c.authType)
		q.Set("biz_appid", c.biz)
		html := e.page("/cgi-bin/componentloginpage", q)
		if !strings.Contains(html, "授权给第三方平台") ||
			strings.Contains(html, `data-testid="sim-authorize-`+oaAppID+`"`) != c.oa ||
			strings.Contains(html, `data-testid="sim-authorize-`+mpAppID+`"`) != c.mp {
			t.Fatalf("auth_type %q biz %q: page\n%s", c.authType, c.biz, html)
		}
	}
}

func TestAuthPageRejectsBadLinks(t *testing.T) {
	e := newEnv(t, nil)
	code := e.preAuthCode()
	errOf := func(html string) string {
		m := regexp.MustCompile(`data-errcode="(-?\d+)"`).FindStringSubmatch(html)
		if m == nil {
			return ""
		}
		return m[1]
	}
	bad := linkQuery(code, "http://svc.example/cb", "3")
	bad.Set("component_appid", "wxother")
	if got := errOf(e.page("/cgi-bin/componentloginpage", bad)); got != "40013" {
		t.Fatalf("wrong appid: errcode %q", got)
	}
	if got := errOf(e.page("/wxaopen/safe/bindcomponent", linkQuery("preauthcode@@@nope", "http://svc.example/cb", "3"))); got != "61009" {
		t.Fatalf("unknown pre_auth_code: errcode %q", got)
	}
}

func TestAuthPageRedirectWithFragment(t *testing.T) {
	e := newEnv(t, nil)
	code := e.preAuthCode()
	redirect := "http://svc.example/#/redirectPage?state=x"
	form := linkQuery(code, redirect, "3")
	form.Set("appid", oaAppID)
	resp, err := noRedirect().PostForm(e.srv.URL+"/wxaopen/safe/bindcomponent", form)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	m := regexp.MustCompile(`^` + regexp.QuoteMeta(redirect) + `&auth_code=(queryauthcode@@@[\w-]+)&expires_in=600$`).FindStringSubmatch(loc)
	if resp.StatusCode != http.StatusFound || m == nil {
		t.Fatalf("status %d Location %q", resp.StatusCode, loc)
	}
	e.sim.Wait()
	pushes := e.recv.requests()
	if len(pushes) != 2 { // the ticket behind the component token, then authorized
		t.Fatalf("pushes = %d", len(pushes))
	}
	_, plain := openPush(t, pushes[1])
	var ev struct{ InfoType, AuthorizerAppid, AuthorizationCode, PreAuthCode string }
	if err := xml.Unmarshal([]byte(plain), &ev); err != nil {
		t.Fatal(err)
	}
	if ev.InfoType != "authorized" || ev.AuthorizerAppid != oaAppID || ev.AuthorizationCode != m[1] || ev.PreAuthCode != code {
		t.Fatalf("authorized push = %+v", ev)
	}
	// The pre_auth_code is spent: the page and a second confirmation both refuse it.
	if html := e.page("/cgi-bin/componentloginpage", linkQuery(code, redirect, "3")); !strings.Contains(html, `data-errcode="61009"`) {
		t.Fatalf("used code page:\n%s", html)
	}
	resp, _ = noRedirect().PostForm(e.srv.URL+"/wxaopen/safe/bindcomponent", form)
	resp.Body.Close()
	if resp.StatusCode == http.StatusFound {
		t.Fatal("used pre_auth_code authorized twice")
	}
}

func TestAuthPageRedirectWithoutQuery(t *testing.T) {
	e := newEnv(t, nil)
	form := linkQuery(e.preAuthCode(), "http://svc.example/#/redirectPage", "2")
	form.Set("appid", mpAppID)
	form["func"] = []string{"18", "17", "999"}
	resp, err := noRedirect().PostForm(e.srv.URL+"/cgi-bin/componentloginpage", form)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); !strings.HasPrefix(loc, "http://svc.example/#/redirectPage?auth_code=queryauthcode@@@") {
		t.Fatalf("Location %q", loc)
	}
	e.sim.Wait()
	acc, _ := e.sim.account(mpAppID)
	if !acc.Authorized || len(acc.Granted) != 2 {
		t.Fatalf("account after page = %+v", acc)
	}
	// An account the link does not offer cannot be authorized through it.
	form = linkQuery(e.preAuthCode(), "http://svc.example/cb", "2")
	form.Set("appid", oaAppID)
	resp, _ = noRedirect().PostForm(e.srv.URL+"/cgi-bin/componentloginpage", form)
	resp.Body.Close()
	if resp.StatusCode == http.StatusFound {
		t.Fatal("OA authorized through a mini-program-only link")
	}
}
