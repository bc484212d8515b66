package middleware_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"

	"wxcomponent/comm/adminauth"
	"wxcomponent/db/model"
	"wxcomponent/middleware"
)

// users authenticates "good" as a user who must still change the initial password.
type users struct{}

func (users) Authenticate(_ context.Context, token string) (*model.User, error) {
	if token == "good" {
		return &model.User{Username: "admin", MustChangePwd: true}, nil
	}
	return nil, fmt.Errorf("%w: bad token", adminauth.ErrBadToken)
}

// serve runs one request through an engine built like routers/ builds the public one.
func serve(t *testing.T, req *http.Request) *httptest.ResponseRecorder {
	t.Helper()
	gin.SetMode(gin.TestMode)
	e := gin.New()
	e.Use(middleware.RequestID(zap.NewNop()), middleware.Recovery(), middleware.BodyLimit(8, nil))
	e.GET("/panic", func(*gin.Context) { panic("boom") })
	e.POST("/echo", func(c *gin.Context) { c.String(http.StatusOK, "ok") })
	account := e.Group("/admin", middleware.JWT(users{}))
	account.GET("/me", func(c *gin.Context) { c.String(http.StatusOK, middleware.User(c).Username) })
	admin := e.Group("/admin", middleware.JWT(users{}), middleware.PasswordChanged())
	admin.GET("/other", func(c *gin.Context) { c.String(http.StatusOK, "other") })
	w := httptest.NewRecorder()
	e.ServeHTTP(w, req)
	return w
}

func TestEnvelopesOfTheMiddleware(t *testing.T) {
	get := func(path, bearer string) *http.Request {
		r := httptest.NewRequest(http.MethodGet, path, nil)
		if bearer != "" {
			r.Header.Set("Authorization", "Bearer "+bearer)
		}
		return r
	}
	cases := []struct {
		name   string
		req    *http.Request
		status int
		body   string
	}{
		{"panic", get("/panic", ""), 500, `{"code":1002,"errorMsg":"系统错误"}`},
		{"body too large", httptest.NewRequest(http.MethodPost, "/echo", strings.NewReader("123456789")), 413,
			`{"code":1001,"errorMsg":"参数格式有误","data":"request body too large"}`},
		{"body within limit", httptest.NewRequest(http.MethodPost, "/echo", strings.NewReader("12345678")), 200, "ok"},
		{"no token", get("/admin/me", ""), 401, `{"code":1000,"errorMsg":"访问未授权"}`},
		{"bad token", get("/admin/me", "bad"), 401, `{"code":1004,"errorMsg":"Token错误"}`},
		{"allowed before the password change", get("/admin/me", "good"), 200, "admin"},
		{"blocked until the password change", get("/admin/other", "good"), 403, `{"code":1000,"errorMsg":"请先修改初始密码"}`},
	}
	for _, tc := range cases {
		w := serve(t, tc.req)
		if w.Code != tc.status || w.Body.String() != tc.body {
			t.Errorf("%s: %d %s, want %d %s", tc.name, w.Code, w.Body.String(), tc.status, tc.body)
		}
		if w.Header().Get(middleware.HeaderRequestID) == "" {
			t.Errorf("%s: no request id", tc.name)
		}
	}
}

func TestRequestIDKeptOnlyWhenSane(t *testing.T) {
	for id, kept := range map[string]bool{"abcdef12-3456": true, "short": false, "bad id with spaces": false} {
		r := httptest.NewRequest(http.MethodPost, "/echo", nil)
		r.Header.Set(middleware.HeaderRequestID, id)
		got := serve(t, r).Header().Get(middleware.HeaderRequestID)
		if (got == id) != kept || len(got) < 8 {
			t.Errorf("incoming %q: answered %q", id, got)
		}
	}
}

// A response the reverse proxy aborts mid-body reaches the client as a cut connection, never as
// a complete-looking answer with a 500 envelope glued to it.
func TestRecoveryLetsAnAbortedResponseBreakOff(t *testing.T) {
	gin.SetMode(gin.TestMode)
	e := gin.New()
	e.Use(middleware.RequestID(zap.NewNop()), middleware.Recovery())
	e.GET("/cut", func(c *gin.Context) {
		c.Header("Content-Length", "100")
		c.String(http.StatusOK, "partial")
		c.Writer.Flush()
		panic(http.ErrAbortHandler)
	})
	srv := httptest.NewServer(e)
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/cut")
	if err != nil {
		t.Fatalf("get: %v", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err == nil {
		t.Fatalf("body read completely (%q); want the connection cut", body)
	}
	if strings.Contains(string(body), "errorMsg") {
		t.Fatalf("envelope appended to a sent body: %q", body)
	}
}
