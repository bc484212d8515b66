package middleware_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"

	"wxcomponent/middleware"
)

// csrfStatus sends one cookie-authenticated POST through CSRF and returns the status.
func csrfStatus(t *testing.T, path, peer, host string, header map[string]string) int {
	t.Helper()
	gin.SetMode(gin.TestMode)
	e := gin.New()
	proxies := []string{"10.0.0.0/8"}
	g := e.Group("/", middleware.CSRF(middleware.CSRFOptions{TrustedProxies: proxies}))
	uploads := e.Group("/", middleware.CSRF(middleware.CSRFOptions{TrustedProxies: proxies, AllowMultipart: true}))
	ok := func(c *gin.Context) { c.String(http.StatusOK, "ok") }
	g.POST("/write", ok)
	uploads.POST("/upload", ok)
	g.GET("/read", ok)
	r := httptest.NewRequest(http.MethodPost, path, nil)
	r.RemoteAddr, r.Host = peer+":5000", host
	r.AddCookie(&http.Cookie{Name: middleware.SessionCookie, Value: "x"})
	for k, v := range header {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	e.ServeHTTP(w, r)
	return w.Code
}

func TestCSRFHostsBehindProxies(t *testing.T) {
	json := "application/json"
	cases := []struct {
		name, path, peer, host string
		header                 map[string]string
		want                   int
	}{
		{"direct, same host", "/write", "203.0.113.9", "wx.example.com", map[string]string{"Content-Type": json, "Origin": "https://wx.example.com"}, 200},
		{"direct, explicit default port", "/write", "203.0.113.9", "wx.example.com:443", map[string]string{"Content-Type": json, "Origin": "https://wx.example.com"}, 200},
		{"direct, other port", "/write", "203.0.113.9", "wx.example.com:8080", map[string]string{"Content-Type": json, "Origin": "http://wx.example.com"}, 403},
		{"trusted proxy names the public host", "/write", "10.1.2.3", "127.0.0.1:8080", map[string]string{"Content-Type": json, "Origin": "https://wx.example.com", "X-Forwarded-Host": "wx.example.com"}, 200},
		{"untrusted peer cannot name the host", "/write", "203.0.113.9", "127.0.0.1:8080", map[string]string{"Content-Type": json, "Origin": "https://evil.example", "X-Forwarded-Host": "evil.example"}, 403},
		{"multipart only where allowed", "/write", "203.0.113.9", "wx.example.com", map[string]string{"Content-Type": "multipart/form-data; boundary=x", "Origin": "http://wx.example.com"}, 415},
		{"multipart upload route", "/upload", "203.0.113.9", "wx.example.com", map[string]string{"Content-Type": "multipart/form-data; boundary=x", "Origin": "http://wx.example.com"}, 200},
		{"no content type", "/write", "203.0.113.9", "wx.example.com", map[string]string{"Origin": "http://wx.example.com"}, 415},
	}
	for _, c := range cases {
		if got := csrfStatus(t, c.path, c.peer, c.host, c.header); got != c.want {
			t.Errorf("%s: got %d, want %d", c.name, got, c.want)
		}
	}
}
