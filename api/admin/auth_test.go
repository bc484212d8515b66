package admin_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"
	"golang.org/x/crypto/bcrypt"

	"wxcomponent/api/admin"
	"wxcomponent/app/wire"
	"wxcomponent/comm/adminauth"
	"wxcomponent/comm/secretbox"
	"wxcomponent/db/dao"
	"wxcomponent/db/dbtest"
	"wxcomponent/middleware"
	"wxcomponent/routers"
)

const site = "http://console.example.com"

// loginApp is the public engine with the real login and account endpoints.
type loginApp struct{ r *gin.Engine }

func newLoginApp(t *testing.T, dialect string) *loginApp {
	t.Helper()
	gin.SetMode(gin.TestMode)
	store := dao.New(dbtest.Open(t, dialect), dialect, time.Now)
	box, _ := secretbox.New(make([]byte, 32))
	svc, err := wire.NewAdminAuth(context.Background(), store, box, wire.AdminAuthConfig{
		HashConcurrency: 2, HashWait: 2 * time.Second, HashCost: bcrypt.MinCost, SessionTTL: time.Hour,
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.EnsureAdmin(context.Background(), adminauth.Initial{AdminUsername: "admin", AdminPassword: "Owner-pass-42"}); err != nil {
		t.Fatal(err)
	}
	h := admin.NewAuthHandler(svc)
	h.SecureCookie = func(*gin.Context) bool { return false }
	return &loginApp{r: routers.Public(&routers.Deps{Log: zap.NewNop(), Auth: svc, Handlers: routers.Handlers{Login: h}})}
}

// req describes one request as a browser or script would send it.
type req struct {
	method, path, from, body string
	header                   map[string]string
	cookie                   *http.Cookie
}

type reply struct {
	status int
	header http.Header
	env    struct {
		Code int             `json:"code"`
		Data json.RawMessage `json:"data"`
	}
	cookies []*http.Cookie
}

func (a *loginApp) do(t *testing.T, q req) reply {
	t.Helper()
	r := httptest.NewRequest(q.method, site+q.path, strings.NewReader(q.body))
	r.RemoteAddr = q.from + ":40000"
	if q.from == "" {
		r.RemoteAddr = "192.0.2.1:40000"
	}
	if q.cookie != nil {
		r.AddCookie(q.cookie)
	}
	for k, v := range q.header {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	a.r.ServeHTTP(w, r)
	var out reply
	out.status, out.header, out.cookies = w.Code, w.Header(), w.Result().Cookies()
	if err := json.Unmarshal(w.Body.Bytes(), &out.env); err != nil {
		t.Fatalf("%s %s: not an envelope (%d): %q", q.method, q.path, w.Code, w.Body.String())
	}
	return out
}

// browser is the console's headers: JSON from its own origin.
var browser = map[string]string{"Content-Type": "application/json", "Origin": site}

func (a *loginApp) login(t *testing.T, from, password string) reply {
	return a.do(t, req{method: "PUT", path: "/wxcomponent/auth", from: from, header: browser,
		body: fmt.Sprintf(`{"username":"admin","password":%q}`, password)})
}

func session(t *testing.T, r reply) *http.Cookie {
	t.Helper()
	for _, c := range r.cookies {
		if c.Name == middleware.SessionCookie && c.Value != "" {
			return c
		}
	}
	t.Fatalf("no session cookie (%d %+v)", r.status, r.env)
	return nil
}

func TestOwnerLogsInWhileStrangersGuess(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		a := newLoginApp(t, dialect)
		var last reply
		for ip := 1; ip <= 19; ip++ {
			for i := 0; i < 6; i++ {
				last = a.login(t, fmt.Sprintf("127.0.0.%d", ip), "wrong-guess-1")
			}
		}
		if last.status != http.StatusTooManyRequests || last.env.Code != 1011 || last.header.Get("Retry-After") == "" {
			t.Fatalf("a guessing address must get 429, 1011 and Retry-After; got %d %+v", last.status, last.env)
		}
		if r := a.login(t, "127.0.0.99", "Owner-pass-42"); r.status != http.StatusOK || r.env.Code != 0 {
			t.Fatalf("the owner from a fresh address must log in: %d %+v", r.status, r.env)
		}
	})
}

func TestLogoutRevokesTheSessionCookie(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		a := newLoginApp(t, dialect)
		cookie := session(t, a.login(t, "198.51.100.1", "Owner-pass-42"))
		if r := a.do(t, req{method: "GET", path: "/wxcomponent/admin/me", cookie: cookie}); r.status != http.StatusOK {
			t.Fatalf("session must work before logout: %d", r.status)
		}
		if r := a.do(t, req{method: "DELETE", path: "/wxcomponent/auth", cookie: cookie, header: browser}); r.status != http.StatusOK {
			t.Fatalf("logout: %d %+v", r.status, r.env)
		}
		// A copy of the cookie kept by someone else stops working too.
		if r := a.do(t, req{method: "GET", path: "/wxcomponent/admin/me", cookie: cookie}); r.status != http.StatusUnauthorized || r.env.Code != 1004 {
			t.Fatalf("a logged-out cookie must be refused with 401/1004, got %d %+v", r.status, r.env)
		}
	})
}

func TestCookieWritesMustBeSameOriginJSON(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		a := newLoginApp(t, dialect)
		r := a.login(t, "198.51.100.2", "Owner-pass-42")
		cookie := session(t, r)
		var jwt struct {
			JWT string `json:"jwt"`
		}
		_ = json.Unmarshal(r.env.Data, &jwt)
		body := `{"oldPassword":"Owner-pass-42","password":"admin123"}`
		for name, c := range map[string]struct {
			header map[string]string
			status int
		}{
			"text/plain from a foreign form":  {map[string]string{"Content-Type": "text/plain", "Origin": site}, 415},
			"form-urlencoded":                 {map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Origin": site}, 415},
			"JSON from another site":          {map[string]string{"Content-Type": "application/json", "Origin": "https://evil.example"}, 403},
			"JSON with no Origin nor Referer": {map[string]string{"Content-Type": "application/json"}, 403},
			"Origin null":                     {map[string]string{"Content-Type": "application/json", "Origin": "null"}, 403},
			// Reaching the handler shows as the policy's 400 for admin123.
			"same-origin JSON":         {browser, 400},
			"same-origin Referer":      {map[string]string{"Content-Type": "application/json; charset=utf-8", "Referer": site + "/#/system"}, 400},
			"Bearer API client, plain": {map[string]string{"Content-Type": "text/plain", "Authorization": "Bearer " + jwt.JWT}, 400},
		} {
			var ck *http.Cookie
			if c.header["Authorization"] == "" {
				ck = cookie
			}
			got := a.do(t, req{method: "POST", path: "/wxcomponent/admin/userpwd", cookie: ck, header: c.header, body: body})
			if got.status != c.status {
				t.Errorf("%s: got %d %+v, want %d", name, got.status, got.env, c.status)
			}
		}
		// The policy's reason reaches the console in Chinese.
		got := a.do(t, req{method: "POST", path: "/wxcomponent/admin/userpwd", cookie: cookie, header: browser, body: body})
		var reason string
		_ = json.Unmarshal(got.env.Data, &reason)
		if got.env.Code != 1001 || reason != adminauth.ErrCommonPassword.Error() {
			t.Fatalf("want 1001 with the common-password reason, got %+v %q", got.env, reason)
		}
	})
}
