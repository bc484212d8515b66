package admin_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"wxcomponent/comm/batchrelease"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

// TestBatchReleasePreview: preview renders one account's ext_json with its nickname and its
// variable; a missing variable, unreadable variables or an unknown account come back as 1001
// with the problems listed; bad input is refused before the engine.
func TestBatchReleasePreview(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		a := newBatchApp(t, dialect, 2, 0)
		body := a.spec(a.mps, true)
		body["appid"] = a.mps[1]
		status, env := a.call(t, http.MethodPost, "/batch-release/preview", body)
		var out struct {
			ExtJSON string `json:"extJson"`
		}
		if status != http.StatusOK || env.Code != 0 || json.Unmarshal(env.Data, &out) != nil {
			t.Fatalf("preview: %d %+v", status, env)
		}
		nick := a.e.Row(a.mps[1]).NickName
		if !strings.Contains(out.ExtJSON, `"name":"`+nick+`"`) || !strings.Contains(out.ExtJSON, `"shop":"shop-1"`) ||
			!strings.Contains(out.ExtJSON, `"extAppid":"`+a.mps[1]+`"`) {
			t.Errorf("extJson = %s", out.ExtJSON)
		}

		body["variables"] = "appid,other\n" + a.mps[1] + ",x\n"
		p := a.problems(t, http.MethodPost, "/batch-release/preview", body)
		if len(p) != 1 || !strings.Contains(p[0], a.mps[1]) || !strings.Contains(p[0], "缺少变量：shopId") {
			t.Errorf("missing variable: %q", p)
		}
		body["variables"] = "shopId\nx\n"
		if p := a.problems(t, http.MethodPost, "/batch-release/preview", body); !strings.Contains(p[0], "appid 列") {
			t.Errorf("variables without appid: %q", p)
		}
		body["variables"], body["appid"] = "", "wxnosuchaccount00"
		if p := a.problems(t, http.MethodPost, "/batch-release/preview", body); !strings.Contains(p[0], "不存在") {
			t.Errorf("unknown account: %q", p)
		}
		delete(body, "appid")
		if status, env := a.call(t, http.MethodPost, "/batch-release/preview", body); status != 400 || env.Code != 1001 {
			t.Errorf("no appid: %d %+v", status, env)
		}
		for _, target := range []string{"/batch-release?id=0", "/batch-release?id=x", "/batch-release-list?limit=101",
			"/batch-release-list?offset=-1"} {
			if status, env := a.call(t, http.MethodGet, target, nil); status != 400 || env.Code != 1001 {
				t.Errorf("%s: %d %+v", target, status, env)
			}
		}
	})
}

// TestBatchReleaseLifecycle: a batch created over HTTP is listed, reports every account with
// its nickname, goes through audit (the simulator approves) and, released by the operator,
// ends with every account released; an invalid spec lists all its problems.
func TestBatchReleaseLifecycle(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		a := newBatchApp(t, dialect, 3, 20*time.Millisecond)
		bad := a.spec(a.mps, false)
		bad["spec"].(map[string]any)["templateId"] = 0
		bad["variables"] = ""
		p := a.problems(t, http.MethodPut, "/batch-release", bad)
		if len(p) < 4 || !strings.Contains(strings.Join(p, "|"), "templateId") || !strings.Contains(strings.Join(p, "|"), "缺少变量") {
			t.Errorf("problems %q: want the template and each account's missing variable", p)
		}

		id := a.create(t, a.spec(a.mps, false))
		status, env := a.call(t, http.MethodGet, "/batch-release-list?offset=0&limit=10", nil)
		var page batchrelease.Page
		if status != 200 || json.Unmarshal(env.Data, &page) != nil || page.Total != 1 || len(page.Records) != 1 ||
			page.Records[0].ID != id || page.Records[0].Name != "春季版" || page.Records[0].TemplateID != a.tplID {
			t.Fatalf("list: %d %s", status, env.Data)
		}
		r := a.report(t, id)
		if len(r.Accounts) != 3 || r.Accounts[0].AppID != a.mps[0] || r.Accounts[0].NickName != a.e.Row(a.mps[0]).NickName ||
			r.Concurrency != 4 || r.AutoRelease {
			t.Fatalf("report %+v", r)
		}
		r = a.waitReport(t, id, "all approved", func(r batchrelease.ReportView) bool {
			return r.State == model.CodeBatchDone && r.Counts[model.CodeAccountApproved] == 3
		})
		for _, acc := range r.Accounts {
			if acc.AuditID == 0 || acc.State != model.CodeAccountApproved {
				t.Errorf("account %+v", acc)
			}
		}
		if n := a.count(t, "/batch-release/release?id="+fmt.Sprint(id), map[string]any{"appids": []string{a.mps[0]}}); n != 1 {
			t.Fatalf("release one: %d", n)
		}
		if n := a.count(t, "/batch-release/release?id="+fmt.Sprint(id), nil); n != 2 {
			t.Fatalf("release the rest: %d", n)
		}
		a.waitReport(t, id, "all released", func(r batchrelease.ReportView) bool {
			return r.State == model.CodeBatchDone && r.Counts[model.CodeAccountDone] == 3
		})
		for _, appid := range a.mps {
			if n := a.e.Sim.AppCallCount(appid, "release"); n != 1 {
				t.Errorf("%s released %d times", appid, n)
			}
			// The console's camelCase audit body reached WeChat in its own spelling.
			audits := a.e.Sim.CodeState(appid).Audits
			if len(audits) != 1 || !strings.Contains(string(audits[0].Request), `"first_class":"工具"`) {
				t.Errorf("%s submitted %+v", appid, audits)
			}
		}
	})
}

// TestBatchReleasePauseResumeCancel: operator actions answer 1008 in words when the batch's
// state refuses them, and 404 for a batch that does not exist.
func TestBatchReleasePauseResumeCancel(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		a := newBatchApp(t, dialect, 2, 0) // audits wait: the batch stays running
		id := a.create(t, a.spec(a.mps, true))
		a.waitReport(t, id, "all under audit", func(r batchrelease.ReportView) bool {
			return r.Counts[model.CodeAccountAuditing] == 2
		})
		q := fmt.Sprintf("?id=%d", id)
		a.ok(t, "/batch-release/pause"+q)
		if r := a.report(t, id); r.State != model.CodeBatchPaused {
			t.Errorf("after pause: %s", r.State)
		}
		a.refused(t, "/batch-release/pause"+q, "批次已暂停，不能暂停")
		a.ok(t, "/batch-release/resume"+q)
		a.ok(t, "/batch-release/cancel"+q)
		r := a.report(t, id)
		if r.State != model.CodeBatchCanceled || r.Counts[model.CodeAccountCanceled] != 2 {
			t.Errorf("after cancel: %s %v", r.State, r.Counts)
		}
		a.refused(t, "/batch-release/resume"+q, "批次已取消，不能继续")
		if n := a.count(t, "/batch-release/retry"+q, nil); n != 0 {
			t.Errorf("retry a cancelled batch: %d", n)
		}
		for _, target := range []string{"/batch-release/pause?id=999999", "/batch-release/retry?id=999999"} {
			status, env := a.call(t, http.MethodPost, target, nil)
			if status != http.StatusNotFound || env.Code != 1001 || string(env.Data) != `"批次不存在"` {
				t.Errorf("%s: %d %d %s", target, status, env.Code, env.Data)
			}
		}
		if status, env := a.call(t, http.MethodPost, "/batch-release/retry"+q, map[string]any{"appids": []string{""}}); status != 400 {
			t.Errorf("empty appid: %d %+v", status, env)
		}
	})
}

// ok POSTs an action that must succeed.
func (a *batchApp) ok(t *testing.T, target string) {
	t.Helper()
	if status, env := a.call(t, http.MethodPost, target, nil); status != 200 || env.Code != 0 {
		t.Fatalf("%s: %d %+v %s", target, status, env, env.Data)
	}
}

// refused POSTs an action the batch's state must refuse with 1008/409 and words.
func (a *batchApp) refused(t *testing.T, target, words string) {
	t.Helper()
	status, env := a.call(t, http.MethodPost, target, nil)
	if status != http.StatusConflict || env.Code != 1008 || string(env.Data) != `"`+words+`"` {
		t.Errorf("%s: %d %d %s, want 409 1008 %q", target, status, env.Code, env.Data, words)
	}
}

// count POSTs a retry or release and returns its count.
func (a *batchApp) count(t *testing.T, target string, body any) int64 {
	t.Helper()
	status, env := a.call(t, http.MethodPost, target, body)
	var out struct{ Count int64 }
	if status != 200 || env.Code != 0 || json.Unmarshal(env.Data, &out) != nil {
		t.Fatalf("%s: %d %+v %s", target, status, env, env.Data)
	}
	return out.Count
}
