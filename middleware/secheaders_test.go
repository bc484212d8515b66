package middleware_test

import (
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"

	"wxcomponent/middleware"
)

func TestSecurityHeaders(t *testing.T) {
	gin.SetMode(gin.TestMode)
	e := gin.New()
	e.Use(middleware.SecurityHeaders())
	e.GET("/x", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{}) })
	cases := []struct {
		name      string
		tls       bool
		proto     string
		wantHSTS  bool
		wantNoSnf string
	}{
		{"plain http", false, "", false, "nosniff"},
		{"tls", true, "", true, "nosniff"},
		{"behind a TLS proxy", false, "https", true, "nosniff"},
	}
	for _, tc := range cases {
		req := httptest.NewRequest(http.MethodGet, "/x", nil)
		if tc.tls {
			req.TLS = &tls.ConnectionState{}
		}
		if tc.proto != "" {
			req.Header.Set("X-Forwarded-Proto", tc.proto)
		}
		w := httptest.NewRecorder()
		e.ServeHTTP(w, req)
		h := w.Header()
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "strict-origin-when-cross-origin" ||
			h.Get("Content-Security-Policy") != "default-src 'none'; frame-ancestors 'none'" {
			t.Errorf("%s: headers %v", tc.name, h)
		}
		if got := h.Get("Strict-Transport-Security") != ""; got != tc.wantHSTS {
			t.Errorf("%s: HSTS sent = %v, want %v", tc.name, got, tc.wantHSTS)
		}
	}
}

func TestLoopbackHost(t *testing.T) {
	gin.SetMode(gin.TestMode)
	e := gin.New()
	e.Use(middleware.LoopbackHost([]string{"Sidecar.internal"}))
	e.GET("/inner/ticket", func(c *gin.Context) { c.String(http.StatusOK, "secret") })
	cases := []struct {
		host string
		want int
	}{
		{"127.0.0.1:8081", 200},
		{"127.0.0.1", 200},
		{"127.5.6.7:80", 200},
		{"localhost:8081", 200},
		{"LOCALHOST", 200},
		{"localhost.:8081", 200},
		{"[::1]:8081", 200},
		{"sidecar.internal:8081", 200},
		{"attacker.example:8081", 403}, // DNS rebinding: a name that resolves to 127.0.0.1
		{"localhost.attacker.example", 403},
		{"127.0.0.1.nip.io:8081", 403},
		{"10.0.0.5:8081", 403},
		{"", 403},
	}
	for _, tc := range cases {
		req := httptest.NewRequest(http.MethodGet, "/inner/ticket", nil)
		req.Host = tc.host
		w := httptest.NewRecorder()
		e.ServeHTTP(w, req)
		if w.Code != tc.want {
			t.Errorf("Host %q: %d, want %d", tc.host, w.Code, tc.want)
		}
		if tc.want == 403 && w.Body.String() != `{"code":1000,"errorMsg":"访问未授权","data":"host not allowed"}` {
			t.Errorf("Host %q: body %s", tc.host, w.Body.String())
		}
	}
}
