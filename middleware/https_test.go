package middleware_test

import (
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"

	"wxcomponent/middleware"
)

func TestIsHTTPS(t *testing.T) {
	cases := []struct {
		name  string
		tls   bool
		proto string
		want  bool
	}{
		{"plain", false, "", false},
		{"tls", true, "", true},
		{"tls wins over a proxy saying http", true, "http", true},
		{"proxy https", false, "https", true},
		{"proxy upper case", false, "HTTPS", true},
		{"proxy list, first https", false, " https , http", true},
		{"proxy list, first http", false, "http, https", false},
		{"proxy http", false, "http", false},
		{"proxy nonsense", false, "gopher", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, "http://wxc.example.com/", nil)
			if tc.tls {
				req.TLS = &tls.ConnectionState{}
			}
			if tc.proto != "" {
				req.Header.Set("X-Forwarded-Proto", tc.proto)
			}
			c, _ := gin.CreateTestContext(httptest.NewRecorder())
			c.Request = req
			if got := middleware.IsHTTPS(c); got != tc.want {
				t.Fatalf("IsHTTPS = %v, want %v", got, tc.want)
			}
		})
	}
}
