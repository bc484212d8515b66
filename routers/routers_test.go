package routers_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"

	"wxcomponent/routers"
)

func TestUnknownPathsAndHealth(t *testing.T) {
	gin.SetMode(gin.TestMode)
	d := &routers.Deps{Log: zap.NewNop(), Fallback: func(c *gin.Context) { c.String(http.StatusTeapot, "proxied") }}
	notFound := `{"code":1001,"errorMsg":"参数格式有误","data":"no such endpoint"}`
	cases := []struct {
		engine *gin.Engine
		path   string
		status int
		body   string
	}{
		{routers.Public(d), "/healthz", 200, `{"status":"ok"}`},
		{routers.Public(d), "/wxcomponent/nope", 404, notFound},
		{routers.Public(d), "/wxcallback/nope", 404, notFound},
		{routers.Public(d), "/somewhere/else", http.StatusTeapot, "proxied"},
		{routers.Inner(d), "/healthz", 200, `{"status":"ok"}`},
		{routers.Inner(d), "/inner/nope", 404, notFound},
		{routers.Inner(d), "/somewhere/else", 404, notFound},
	}
	for _, tc := range cases {
		w := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodGet, tc.path, nil)
		req.Host = "127.0.0.1:8081" // the token service answers loopback names only
		tc.engine.ServeHTTP(w, req)
		if w.Code != tc.status || w.Body.String() != tc.body {
			t.Errorf("GET %s: %d %s, want %d %s", tc.path, w.Code, w.Body.String(), tc.status, tc.body)
		}
	}
}

// The proxy configurator's fallback never sees the service's own paths, whatever the method:
// the console, the API, the callbacks, the token service's prefix and the health probes.
func TestOwnPathsAreNeverHandedToTheFallback(t *testing.T) {
	gin.SetMode(gin.TestMode)
	proxied := 0
	d := &routers.Deps{Log: zap.NewNop(), Fallback: func(c *gin.Context) { proxied++; c.String(http.StatusTeapot, "proxied") }}
	e := routers.Public(d)
	for _, mp := range [][2]string{
		{"POST", "/"}, {"PUT", "/index.html"}, {"POST", "/healthz"}, {"HEAD", "/healthz"}, {"DELETE", "/readyz"},
		{"GET", "/wxcomponent"}, {"GET", "/wxcomponent/assets/app.js"}, {"POST", "/wxcomponent/admin/proxy"},
		{"GET", "/wxcallback"}, {"POST", "/wxcallback/biz/wx1"}, {"GET", "/inner"}, {"GET", "/inner/component-access-token"},
	} {
		w := httptest.NewRecorder()
		e.ServeHTTP(w, httptest.NewRequest(mp[0], mp[1], nil))
		if w.Code == http.StatusTeapot {
			t.Errorf("%s %s was handed to the proxy", mp[0], mp[1])
		}
	}
	if proxied != 0 {
		t.Fatalf("%d own requests proxied", proxied)
	}
	for _, p := range []string{"/wxcomponentx", "/api/wxcallback/x", "/innerx", "/index.htm"} {
		w := httptest.NewRecorder()
		e.ServeHTTP(w, httptest.NewRequest("GET", p, nil))
		if w.Code != http.StatusTeapot {
			t.Errorf("GET %s is not ours and should reach the proxy, got %d", p, w.Code)
		}
	}
}
