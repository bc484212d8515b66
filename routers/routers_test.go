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
