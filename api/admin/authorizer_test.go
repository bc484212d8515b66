package admin_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest/observer"

	"wxcomponent/api/admin"
	"wxcomponent/comm/authz"
	"wxcomponent/comm/authz/authztest"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
	"wxcomponent/internal/wxsim"
	"wxcomponent/middleware"
	"wxcomponent/routers"
)

// authorizerAdmin is the account endpoints of one Env, behind the request-id middleware whose
// logger is observed for audit lines.
type authorizerAdmin struct {
	e    *authztest.Env
	r    *gin.Engine
	logs *observer.ObservedLogs
}

func newAuthorizerAdmin(t *testing.T, dialect string, o authztest.Options) *authorizerAdmin {
	gin.SetMode(gin.TestMode)
	core, logs := observer.New(zap.InfoLevel)
	e := authztest.New(t, dialect, o)
	r := gin.New()
	r.Use(middleware.RequestID(zap.New(core)))
	routers.AdminRoutes(r.Group("/wxcomponent/admin"), &routers.Handlers{
		Authorizers: admin.NewAuthorizerHandler(e.Svc, e.Syncer), ComponentInfo: admin.NewComponentInfoHandler(e.Svc)})
	return &authorizerAdmin{e: e, r: r, logs: logs}
}

// authorizerEnvelope is the response body.
type authorizerEnvelope struct {
	Code int             `json:"code"`
	Data json.RawMessage `json:"data"`
}

func (a *authorizerAdmin) call(t *testing.T, method, target string, body any) (int, authorizerEnvelope) {
	t.Helper()
	b, _ := json.Marshal(body)
	req := httptest.NewRequest(method, "/wxcomponent/admin"+target, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	a.r.ServeHTTP(w, req)
	var env authorizerEnvelope
	if err := json.Unmarshal(w.Body.Bytes(), &env); err != nil {
		t.Fatalf("%s %s: %q", method, target, w.Body.String())
	}
	return w.Code, env
}

// list calls authorizer-list and decodes the page.
func (a *authorizerAdmin) list(t *testing.T, query string) (int64, []authz.Authorizer) {
	t.Helper()
	_, env := a.call(t, http.MethodGet, "/authorizer-list?"+query, nil)
	var page struct {
		Total   int64              `json:"total"`
		Records []authz.Authorizer `json:"records"`
	}
	if env.Code != 0 || json.Unmarshal(env.Data, &page) != nil {
		t.Fatalf("authorizer-list?%s = %+v", query, env)
	}
	return page.Total, page.Records
}

func TestAuthorizerListFiltersAndMasks(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		a := newAuthorizerAdmin(t, dialect, authztest.Options{Authorizers: 5})
		grants := map[string]wxsim.Grant{}
		for _, id := range a.e.AuthorizerIDs() {
			grants[id] = a.e.Authorize(id)
		}
		a.e.Revoke(a.e.AuthorizerIDs()[4])
		total, recs := a.list(t, "")
		if total != 5 || len(recs) != 5 || recs[0].ID == 0 || recs[0].ID == recs[1].ID {
			t.Fatalf("list: total %d, %d records, ids %d %d", total, len(recs), recs[0].ID, recs[1].ID)
		}
		for _, r := range recs {
			if g := grants[r.AppID]; r.Status == authz.StatusAuthorized &&
				(strings.Contains(r.RefreshToken, g.RefreshToken[5:len(g.RefreshToken)-4]) || !strings.Contains(r.RefreshToken, "***")) {
				t.Errorf("%s: refresh token not masked: %q", r.AppID, r.RefreshToken)
			}
		}
		if total, _ := a.list(t, "appType=0"); total != 2 {
			t.Errorf("mini programs: %d", total)
		}
		if total, recs := a.list(t, "status=revoked"); total != 1 || recs[0].AppID != a.e.AuthorizerIDs()[4] {
			t.Errorf("revoked: %d", total)
		}
		if total, recs := a.list(t, "name=%E5%85%AC%E4%BC%97%E5%8F%B7&funcInfo=24"); total != 3 || recs[0].AppType != 1 {
			t.Errorf("OA by name and func 24: %d", total)
		}
		if _, recs := a.list(t, "offset=4&limit=1"); len(recs) != 1 {
			t.Errorf("last page: %d records", len(recs))
		}
		_, recs = a.list(t, "appid="+authztest.OA+"&reveal=true")
		if len(recs) != 1 || recs[0].RefreshToken != grants[authztest.OA].RefreshToken {
			t.Fatalf("revealed: %+v", recs)
		}
		if n := a.logs.FilterMessage("audit: refresh tokens revealed").Len(); n != 1 {
			t.Errorf("%d audit lines for the reveal", n)
		}
		for _, bad := range []string{"limit=101", "limit=0", "offset=-1", "offset=x", "appType=2", "status=gone", "funcInfo=0"} {
			if code, env := a.call(t, http.MethodGet, "/authorizer-list?"+bad, nil); code != 400 || env.Code != 1001 {
				t.Errorf("authorizer-list?%s = %d %+v", bad, code, env)
			}
		}
	})
}

func TestAuthorizerRefresh(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		a := newAuthorizerAdmin(t, dialect, authztest.Options{})
		a.e.Authorize(authztest.OA)
		before := a.e.Row(authztest.OA)
		a.e.Sim.SetFault(wxsim.Fault{API: "api_get_authorizer_info", Errcode: -1})
		if code, env := a.call(t, http.MethodPost, "/authorizer-refresh?appid="+authztest.OA, nil); code != 502 || env.Code != 1002 {
			t.Fatalf("refresh with WeChat failing = %d %+v", code, env)
		}
		if after := a.e.Row(authztest.OA); after.NickName != before.NickName || after.FuncInfo != before.FuncInfo {
			t.Fatal("a failed refresh changed the row")
		}
		code, env := a.call(t, http.MethodPost, "/authorizer-refresh?appid="+authztest.OA, nil)
		var acc authz.Authorizer
		if code != 200 || json.Unmarshal(env.Data, &acc) != nil || acc.NickName != before.NickName {
			t.Fatalf("refresh = %d %+v", code, env)
		}
		if code, env := a.call(t, http.MethodPost, "/authorizer-refresh?appid=wxunknown", nil); code != 404 || env.Code != 1001 {
			t.Errorf("unknown appid = %d %+v", code, env)
		}
	})
}

func TestPullAuthorizerList(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		a := newAuthorizerAdmin(t, dialect, authztest.Options{})
		if _, env := a.call(t, http.MethodGet, "/pull-authorizer-list", nil); env.Code != 0 || len(env.Data) != 0 {
			t.Fatalf("status before any job = %+v", env)
		}
		a.e.Hold()
		a.e.Authorize(authztest.OA)
		a.e.Release()
		code, env := a.call(t, http.MethodPost, "/pull-authorizer-list", nil)
		if code != 200 || env.Code != 0 {
			t.Fatalf("start = %d %+v", code, env)
		}
		a.e.Syncer.Wait()
		_, env = a.call(t, http.MethodGet, "/authorizer-sync", nil)
		var st authz.SyncStatus
		if json.Unmarshal(env.Data, &st) != nil || st.Status != model.SyncDone || st.Done != 1 || st.FinishedAt == 0 {
			t.Fatalf("status = %s", env.Data)
		}
		if _, err := a.e.Store.StartSyncJob(context.Background(), model.SyncKindAuthorizers, a.e.Clock.Now()); err != nil {
			t.Fatal(err)
		}
		if code, env := a.call(t, http.MethodPost, "/pull-authorizer-list", nil); code != 409 || env.Code != 1008 {
			t.Errorf("start while running = %d %+v", code, env)
		}
	})
}

func TestComponentInfoValidation(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		a := newAuthorizerAdmin(t, dialect, authztest.Options{})
		ok := map[string]string{"name": "授权助手", "desc": "说明", "redirectUrl": "https://shop.test/after?x=1", "appid": "ignored"}
		if code, env := a.call(t, http.MethodPost, "/componentinfo", ok); code != 200 || env.Code != 0 {
			t.Fatalf("valid info = %d %+v", code, env)
		}
		info, err := a.e.Svc.ComponentInfo(context.Background())
		if err != nil || info.RedirectURL != ok["redirectUrl"] || info.AppID != authztest.AppID {
			t.Fatalf("stored = %+v, %v", info, err)
		}
		for _, bad := range []map[string]string{
			{"name": strings.Repeat("名", 65)},
			{"desc": strings.Repeat("d", 257)},
			{"redirectUrl": "javascript:alert(1)"},
			{"redirectUrl": "/relative"},
			{"redirectUrl": "https://" + strings.Repeat("a", 510)},
		} {
			if code, env := a.call(t, http.MethodPost, "/componentinfo", bad); code != 400 || env.Code != 1001 {
				t.Errorf("%v = %d %+v", bad, code, env)
			}
		}
		if code, _ := a.call(t, http.MethodPost, "/componentinfo", map[string]string{"redirectUrl": ""}); code != 200 {
			t.Errorf("clearing the redirect = %d", code)
		}
	})
}
