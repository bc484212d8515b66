package proxy_test

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"

	"wxcomponent/api/console"
	apiproxy "wxcomponent/api/proxy"
	"wxcomponent/comm/proxy"
	"wxcomponent/db/dao"
	"wxcomponent/db/dbtest"
	"wxcomponent/routers"
)

// seen is what the business service received.
type seen struct {
	Method, Path, Query, Body, Host string
	XFF, XFProto, XFHost, Cookie    string
}

// business starts a target that echoes what it received as JSON and counts requests.
func business(t *testing.T) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("X-Business", "yes")
		w.WriteHeader(http.StatusCreated)
		_ = json.NewEncoder(w).Encode(seen{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Body: string(body), Host: r.Host,
			XFF: r.Header.Get("X-Forwarded-For"), XFProto: r.Header.Get("X-Forwarded-Proto"), XFHost: r.Header.Get("X-Forwarded-Host"),
			Cookie: r.Header.Get("Cookie")})
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

// static is a fixed configuration.
type static struct{ cfg proxy.Config }

func (s *static) Current() proxy.Config { return s.cfg }
func (s *static) Generation() any       { return s.cfg }

// public serves the real public engine with the gateway as its fallback.
func public(t *testing.T, src apiproxy.Source) *httptest.Server {
	t.Helper()
	gin.SetMode(gin.TestMode)
	con := console.New(fstest.MapFS{"index.html": {Data: []byte("<html>console</html>")}, "wxcomponent/assets/app.js": {Data: []byte("js")}}, []byte("x"))
	e := routers.Public(&routers.Deps{Log: zap.NewNop(), Console: con, Fallback: apiproxy.New(src).Handle})
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	return srv
}

func send(t *testing.T, method, url, body string, hdr map[string]string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestUnmatchedRequestsReachTheBusinessServiceIntact(t *testing.T) {
	target, _ := business(t)
	src := &static{proxy.Config{Open: true, Port: 1, Path: "/biz", URL: target.URL}}
	srv := public(t, src)
	resp, body := send(t, "PUT", srv.URL+"/shop/cart?id=7&x=%20y", "hello", map[string]string{
		"Cookie": "wxc_session=our-jwt; theme=dark", "X-Forwarded-For": "6.6.6.6", "Content-Type": "text/plain",
	})
	if resp.StatusCode != http.StatusCreated || resp.Header.Get("X-Business") != "yes" {
		t.Fatalf("the target's status and headers come back: %d %v", resp.StatusCode, resp.Header)
	}
	if resp.Header.Get("Content-Security-Policy") != "" {
		t.Fatal("our security headers must not be put on the business service's answers")
	}
	var got seen
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(body)
	}
	want := seen{Method: "PUT", Path: "/biz/shop/cart", Query: "id=7&x=%20y", Body: "hello", Host: strings.TrimPrefix(target.URL, "http://"),
		XFF: "127.0.0.1", XFProto: "http", XFHost: strings.TrimPrefix(srv.URL, "http://"), Cookie: "theme=dark"}
	if got != want {
		t.Fatalf("business service saw\n %+v\nwant\n %+v", got, want)
	}
}

func TestOwnPathsNeverReachTheBusinessService(t *testing.T) {
	target, hits := business(t)
	srv := public(t, &static{proxy.Config{Open: true, Port: 1, URL: target.URL}})
	for _, mp := range [][2]string{
		{"GET", "/"}, {"GET", "/index.html"}, {"GET", "/wxcomponent/assets/app.js"}, {"GET", "/wxcomponent/assets/missing.js"},
		{"POST", "/"}, {"GET", "/healthz"}, {"POST", "/healthz"}, {"GET", "/readyz"},
		{"GET", "/wxcomponent/admin/secret"}, {"GET", "/wxcomponent/nope"}, {"GET", "/wxcomponent"},
		{"POST", "/wxcallback/component"}, {"GET", "/wxcallback/biz/wx1"}, {"GET", "/inner/component-access-token"}, {"GET", "/inner"},
	} {
		resp, body := send(t, mp[0], srv.URL+mp[1], "", nil)
		if resp.Header.Get("X-Business") != "" {
			t.Errorf("%s %s was proxied: %s", mp[0], mp[1], body)
		}
	}
	if n := hits.Load(); n != 0 {
		t.Fatalf("the business service got %d of our requests", n)
	}
	if _, body := send(t, "GET", srv.URL+"/", "", nil); body != "<html>console</html>" {
		t.Fatalf("console page: %q", body)
	}
}

func TestUnreachableTargetIs502WithoutInternalText(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := "http://" + ln.Addr().String()
	_ = ln.Close()
	srv := public(t, &static{proxy.Config{Open: true, Port: 1, URL: dead}})
	resp, body := send(t, "GET", srv.URL+"/shop", "", nil)
	if resp.StatusCode != http.StatusBadGateway || body != `{"code":1002,"errorMsg":"系统错误"}` {
		t.Fatalf("want 502 with the bare 1002 envelope, got %d %s", resp.StatusCode, body)
	}
}

func TestClosedProxyAnswers404(t *testing.T) {
	target, hits := business(t)
	srv := public(t, &static{proxy.Config{Open: false, Port: 1, URL: target.URL}})
	resp, body := send(t, "GET", srv.URL+"/shop", "", nil)
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(body, `"code":1001`) || hits.Load() != 0 {
		t.Fatalf("closed proxy: %d %s (hits %d)", resp.StatusCode, body, hits.Load())
	}
	if resp.Header.Get("Content-Security-Policy") == "" || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Fatalf("the closed proxy's 404 is ours and keeps our security headers: %v", resp.Header)
	}
}

// Two instances share one database: after the first saves a new target, the second's gateway
// sends requests there once it has reloaded (its poll), without a restart.
func TestSecondInstanceProxiesToTheNewTargetAfterReload(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		ctx := context.Background()
		g := dbtest.Open(t, dialect)
		rules := proxy.Rules{}
		a := proxy.New(dao.New(g, dialect, time.Now), rules, zap.NewNop())
		b := proxy.New(dao.New(g, dialect, time.Now), rules, zap.NewNop())
		srvB := public(t, b)
		if resp, _ := send(t, "GET", srvB.URL+"/shop", "", nil); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("nothing configured: 404, got %d", resp.StatusCode)
		}
		first, _ := business(t)
		if _, err := a.Save(ctx, proxy.Request{Open: true, URL: first.URL}); err != nil {
			t.Fatal(err)
		}
		if err := b.Reload(ctx); err != nil {
			t.Fatal(err)
		}
		if resp, _ := send(t, "GET", srvB.URL+"/shop", "", nil); resp.StatusCode != http.StatusCreated {
			t.Fatalf("second instance after reload: %d", resp.StatusCode)
		}
		second, hits := business(t)
		if _, err := a.Save(ctx, proxy.Request{Open: true, URL: second.URL, Path: "/v2"}); err != nil {
			t.Fatal(err)
		}
		if err := b.Reload(ctx); err != nil {
			t.Fatal(err)
		}
		_, body := send(t, "GET", srvB.URL+"/shop", "", nil)
		if hits.Load() != 1 || !strings.Contains(body, `"Path":"/v2/shop"`) {
			t.Fatalf("the changed target is used: hits %d, %s", hits.Load(), body)
		}
	})
}
