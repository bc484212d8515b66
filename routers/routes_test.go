package routers_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"

	"wxcomponent/api/admin"
	"wxcomponent/api/authpage"
	"wxcomponent/api/console"
	"wxcomponent/api/innerservice"
	"wxcomponent/api/wxcallback"
	"wxcomponent/db/model"
	"wxcomponent/routers"
)

// mustChange authenticates every token as a user who must still change the initial password.
type mustChange struct{}

func (mustChange) Authenticate(context.Context, string) (*model.User, error) {
	return &model.User{Username: "admin", MustChangePwd: true}, nil
}

// fullDeps has every handler (zero values: the routes are listed, not served).
func fullDeps() *routers.Deps {
	return &routers.Deps{Log: zap.NewNop(), Auth: mustChange{}, Console: console.New(fstest.MapFS{}, []byte("x")), Handlers: routers.Handlers{
		Push: &wxcallback.PushHandler{}, Login: &admin.AuthHandler{}, AuthPage: &authpage.AuthPageHandler{},
		System: &admin.SystemHandler{}, Tokens: &admin.TokenHandler{}, Secrets: &admin.SecretHandler{},
		Authorizers: &admin.AuthorizerHandler{}, ComponentInfo: &admin.ComponentInfoHandler{},
		CallbackRecords: &admin.CallbackRecordsHandler{}, CallbackConfig: &admin.CallbackConfigHandler{}, Inner: &innerservice.TokenHandler{},
		Forward: &admin.ForwardHandler{}, Proxy: &admin.ProxyHandler{}, ReleaseCheck: &admin.ReleaseCheckHandler{},
	}}
}

// routes lists an engine's routes as "METHOD path", sorted.
func routes(e *gin.Engine) []string {
	var out []string
	for _, r := range e.Routes() {
		out = append(out, r.Method+" "+r.Path)
	}
	slices.Sort(out)
	return out
}

// The route table is the contract's list of the paths we implement; a route added or lost
// shows here.
func TestEveryRoute(t *testing.T) {
	gin.SetMode(gin.TestMode)
	d := fullDeps()
	public := strings.Fields(`
DELETE /wxcomponent/auth PUT /wxcomponent/auth
GET / GET /healthz GET /index.html GET /readyz GET /wxcomponent/assets/*file HEAD / HEAD /wxcomponent/assets/*file
GET /wxcallback/biz/:appid GET /wxcallback/component POST /wxcallback/biz/:appid POST /wxcallback/component
GET /wxcomponent/admin/authorizer-access-token GET /wxcomponent/admin/authorizer-list GET /wxcomponent/admin/authorizer-sync
GET /wxcomponent/admin/callback-config GET /wxcomponent/admin/callback-secrets GET /wxcomponent/admin/cloudbase-access-token
GET /wxcomponent/admin/component-access-token GET /wxcomponent/admin/me GET /wxcomponent/admin/pull-authorizer-list
GET /wxcomponent/admin/proxy POST /wxcomponent/admin/proxy POST /wxcomponent/admin/proxy-test
GET /wxcomponent/admin/release-check POST /wxcomponent/admin/release-check
GET /wxcomponent/admin/refresh-auth GET /wxcomponent/admin/secret GET /wxcomponent/admin/system-info
GET /wxcomponent/admin/ticket GET /wxcomponent/admin/wx-biz-records GET /wxcomponent/admin/wx-component-records
GET /wxcomponent/admin/callback-records-stats
POST /wxcomponent/admin/authorizer-refresh POST /wxcomponent/admin/callback-secrets POST /wxcomponent/admin/componentinfo
POST /wxcomponent/admin/pull-authorizer-list POST /wxcomponent/admin/secret POST /wxcomponent/admin/username
POST /wxcomponent/admin/userpwd
GET /wxcomponent/admin/callback-proxy-rule-list PUT /wxcomponent/admin/callback-proxy-rule POST /wxcomponent/admin/callback-proxy-rule
DELETE /wxcomponent/admin/callback-proxy-rule POST /wxcomponent/admin/callback-test GET /wxcomponent/admin/callback-proxy-deliveries
POST /wxcomponent/admin/callback-proxy-replay GET /wxcomponent/admin/callback-proxy-rule-key POST /wxcomponent/admin/callback-proxy-rule-key
GET /wxcomponent/authpage/authurl GET /wxcomponent/authpage/componentinfo GET /wxcomponent/authpage/preauthcode
POST /wxcomponent/authpage/authcode`)
	inner := strings.Fields(`GET /healthz GET /readyz
GET /inner/authorizer-access-token GET /inner/component-access-token GET /inner/ticket`)
	for name, c := range map[string]struct {
		e    *gin.Engine
		want []string
	}{"public": {routers.Public(d), pairs(public)}, "inner": {routers.Inner(d), pairs(inner)}} {
		if got := routes(c.e); !slices.Equal(got, c.want) {
			t.Errorf("%s routes:\n got %q\nwant %q", name, got, c.want)
		}
	}
}

// pairs joins "METHOD", "path" fields back into sorted "METHOD path" entries.
func pairs(fields []string) []string {
	var out []string
	for i := 0; i+1 < len(fields); i += 2 {
		out = append(out, fields[i]+" "+fields[i+1])
	}
	slices.Sort(out)
	return out
}

// A user who must still change the initial password reaches only the account routes.
func TestPasswordChangeExemption(t *testing.T) {
	gin.SetMode(gin.TestMode)
	e := routers.Public(fullDeps())
	for path, blocked := range map[string]bool{
		"/wxcomponent/admin/secret": true, "/wxcomponent/admin/authorizer-list": true,
		"/wxcomponent/admin/me": false, "/wxcomponent/admin/system-info": false,
	} {
		r := httptest.NewRequest(http.MethodGet, path, nil)
		r.Header.Set("Authorization", "Bearer any")
		w := httptest.NewRecorder()
		func() {
			defer func() { _ = recover() }() // the zero-value handlers may panic once reached
			e.ServeHTTP(w, r)
		}()
		if got := w.Code == http.StatusForbidden; got != blocked {
			t.Errorf("%s: forbidden %v, want %v (status %d)", path, got, blocked, w.Code)
		}
	}
}
