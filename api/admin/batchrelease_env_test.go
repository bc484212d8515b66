package admin_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"

	"wxcomponent/api/admin"
	"wxcomponent/comm/authz/authztest"
	"wxcomponent/comm/batchrelease"
	"wxcomponent/comm/wx/api"
	"wxcomponent/internal/wxsim"
	"wxcomponent/middleware"
	"wxcomponent/routers"
)

// batchApp is the batch release endpoints over a real engine against the simulator, with n
// authorized mini programs (permission set 18) and one code template.
type batchApp struct {
	authorizerAdmin
	mps   []string
	tplID int64
}

// newBatchApp builds the stack, mounts the handler methods as the route table will, and runs
// the engine with short intervals (the simulator's audits end by themselves after autoDelay;
// 0 waits for the test to decide them).
func newBatchApp(t *testing.T, dialect string, n int, autoDelay time.Duration) *batchApp {
	gin.SetMode(gin.TestMode)
	e := authztest.New(t, dialect, authztest.Options{Authorizers: 2*n + 1})
	a := &batchApp{authorizerAdmin: authorizerAdmin{e: e}}
	ids := e.AuthorizerIDs()
	for i := 1; i < len(ids) && len(a.mps) < n; i += 2 { // odd seeds are mini programs
		e.Authorize(ids[i])
		a.mps = append(a.mps, ids[i])
	}
	ctx := context.Background()
	d := e.Sim.AddDraft(wxsim.Draft{UserVersion: "1.0.0", UserDesc: "模板", SourceAppID: "wxdev000000000001",
		Pages: []string{"pages/index/index"}})
	if err := e.WX.AddToTemplate(ctx, d.DraftID, api.TemplateNormal); err != nil {
		t.Fatal(err)
	}
	list, err := e.WX.GetTemplateList(ctx, nil)
	if err != nil || len(list) == 0 {
		t.Fatalf("template list %v: %v", list, err)
	}
	a.tplID = int64(list[len(list)-1].TemplateID)
	if err := e.Sim.SetAuditPolicy(wxsim.AuditPolicy{AutoDelay: autoDelay}); err != nil {
		t.Fatal(err)
	}
	en := batchrelease.New(batchrelease.Options{Store: e.Store, WeChat: e.WX, Tick: 5 * time.Millisecond,
		AuditPoll: 5 * time.Millisecond, RetryDelay: 5 * time.Millisecond, LeaseTTL: 3 * time.Second})
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { en.Run(runCtx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })

	h := admin.NewBatchReleaseHandler(en)
	a.r = gin.New()
	a.r.Use(middleware.RequestID(zap.NewNop()))
	routers.AdminRoutes(a.r.Group("/wxcomponent/admin"), &routers.Handlers{BatchRelease: h})
	return a
}

// spec is a create/preview body over appids as the console sends it: audit items in camelCase,
// a shopId variable in CSV.
func (a *batchApp) spec(appids []string, autoRelease bool) map[string]any {
	csv := "appid,shopId\n"
	for i, id := range appids {
		csv += fmt.Sprintf("%s,shop-%d\n", id, i)
	}
	return map[string]any{"variables": csv, "spec": map[string]any{
		"name": "春季版", "templateId": a.tplID, "userVersion": "2.0.0", "userDesc": "批量发布",
		"extJson":  `{"extAppid":"{{appid}}","ext":{"name":"{{nickname}}","shop":"{{shopId}}"}}`,
		"accounts": map[string]any{"appids": appids},
		"audit": map[string]any{"itemList": []map[string]any{{"address": "pages/index/index", "tag": "工具",
			"title": "首页", "firstClass": "工具", "secondClass": "效率", "firstId": 287, "secondId": 616}}},
		"autoRelease": autoRelease, "concurrency": 4}}
}

// report reads a batch through GET /batch-release.
func (a *batchApp) report(t *testing.T, id int64) batchrelease.ReportView {
	t.Helper()
	status, env := a.call(t, http.MethodGet, fmt.Sprintf("/batch-release?id=%d", id), nil)
	var r batchrelease.ReportView
	if status != http.StatusOK || env.Code != 0 || json.Unmarshal(env.Data, &r) != nil {
		t.Fatalf("get batch %d: %d %+v", id, status, env)
	}
	return r
}

// waitReport polls the batch until cond holds; the generous limit only keeps a broken engine
// from hanging the test.
func (a *batchApp) waitReport(t *testing.T, id int64, what string, cond func(batchrelease.ReportView) bool) batchrelease.ReportView {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for {
		r := a.report(t, id)
		if cond(r) {
			return r
		}
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s: %+v", what, r)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// problems sends a request that must answer 1001/400 with a list of problems, and returns them.
func (a *batchApp) problems(t *testing.T, method, target string, body any) []string {
	t.Helper()
	status, env := a.call(t, method, target, body)
	var p []string
	if status != http.StatusBadRequest || env.Code != 1001 || json.Unmarshal(env.Data, &p) != nil || len(p) == 0 {
		t.Fatalf("want 1001/400 with a list of problems, got %d %d %s", status, env.Code, env.Data)
	}
	return p
}

// create PUTs body and returns the new batch id.
func (a *batchApp) create(t *testing.T, body any) int64 {
	t.Helper()
	status, env := a.call(t, http.MethodPut, "/batch-release", body)
	var out struct{ ID int64 }
	if status != http.StatusOK || env.Code != 0 || json.Unmarshal(env.Data, &out) != nil || out.ID <= 0 {
		t.Fatalf("create: %d %+v %s", status, env, env.Data)
	}
	return out.ID
}
