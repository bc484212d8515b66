package codemgmt_test

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"wxcomponent/comm/wx/msg"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
	"wxcomponent/internal/wxsim"
)

// TestCommitSubmitApproveReleaseRollback walks one account through two releases and a rollback,
// with the approvals arriving as pushes (one of them delivered three times at once).
func TestCommitSubmitApproveReleaseRollback(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect)
		e.commit("1.0.0")
		e.commit("1.0.1") // recommit before submission: the same experience version
		id := e.submit()
		sent := e.Sim.CodeState(mp).Audits[0].Request
		if !strings.Contains(string(sent), `"item_list"`) || !strings.Contains(string(sent), `"first_id":287`) ||
			strings.Contains(string(sent), "itemList") {
			t.Fatalf("submit_audit body sent to WeChat: %s", sent)
		}
		if v := e.version(id); v.State != model.WeappAuditing || v.UserVersion != "1.0.1" || v.TemplateID != e.tpl {
			t.Fatalf("after submit: %+v", v)
		}
		push := e.decide(wxsim.DecideApprove)
		var wg sync.WaitGroup
		for i := 0; i < 3; i++ { // WeChat's retries may race each other and a second instance
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := e.svc.HandleAuditEvent(ctx, mp, push); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		if err := e.svc.HandleAuditEvent(ctx, mp, push); err != nil { // a late retry
			t.Fatal(err)
		}
		if rep, err := e.svc.PollStuck(ctx, 1, 0); err != nil || rep.Checked != 0 { // nothing in progress
			t.Fatalf("poll after push: %+v, %v", rep, err)
		}
		if v := e.version(id); v.State != model.WeappApproved || v.DecidedAt == nil {
			t.Fatalf("after approval: %+v", v)
		}
		if err := e.svc.Release(ctx, mp); err != nil {
			t.Fatal(err)
		}
		vs, err := e.svc.DevVersions(ctx, mp, false)
		if err != nil || vs.ReleaseInfo == nil || vs.ReleaseInfo.ReleaseVersion != "1.0.1" ||
			vs.AuditInfo == nil || vs.AuditInfo.AuditID != id || vs.AuditInfo.State != model.WeappReleased ||
			vs.AuditInfo.Status != 0 || vs.ExpInfo == nil || vs.ExpInfo.ExpVersion != "1.0.1" {
			t.Fatalf("versions after release: %s, %v", js(vs), err)
		}

		e.commit("1.1.0")
		id2 := e.submit()
		if err := e.svc.HandleAuditEvent(ctx, mp, e.decide(wxsim.DecideApprove)); err != nil {
			t.Fatal(err)
		}
		if err := e.svc.Release(ctx, mp); err != nil {
			t.Fatal(err)
		}
		hist, err := e.svc.HistoryVersions(ctx, mp)
		if err != nil || len(hist) != 1 || hist[0].UserVersion != "1.0.1" {
			t.Fatalf("rollback targets %+v, %v", hist, err)
		}
		if err := e.svc.Rollback(ctx, mp, 0); err != nil {
			t.Fatal(err)
		}
		if v := e.version(id2); v.State != model.WeappRolledBack {
			t.Fatalf("rolled back version: %+v", v)
		}
		vs, err = e.svc.DevVersions(ctx, mp, false)
		if err != nil || vs.ReleaseInfo == nil || vs.ReleaseInfo.ReleaseVersion != "1.0.1" {
			t.Fatalf("versions after rollback: %s, %v", js(vs), err)
		}
		if err := e.svc.Rollback(ctx, mp, 0); err == nil {
			t.Fatal("second rollback of one release succeeded")
		}
		e.wantEvents(">committed/operator", "committed>committed/operator", "committed>auditing/operator",
			"auditing>approved/push", "approved>released/operator",
			">committed/operator", "committed>auditing/operator", "auditing>approved/push",
			"approved>released/operator", "released>rolledback/operator")
		if n := e.Sim.AppCallCount(mp, "submit_audit"); n != 2 {
			t.Fatalf("submit_audit reached WeChat %d times", n)
		}
	})
}

// TestRejectedAuditKeepsReasonAndScreenshots stores the rejection and its screenshots, and
// serves them without asking WeChat again.
func TestRejectedAuditKeepsReasonAndScreenshots(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect)
		e.commit("1.0.0")
		id := e.submit()
		push := e.decide(wxsim.DecideReject)
		if push.Event != msg.EventWeappAuditFail || push.ScreenShot == "" || push.FailTime == 0 {
			t.Fatalf("push %+v", push)
		}
		if err := e.svc.HandleAuditEvent(ctx, mp, push); err != nil {
			t.Fatal(err)
		}
		v := e.version(id)
		if v.State != model.WeappRejected || !strings.Contains(v.Reason, "小程序功能不完整") || v.ScreenShot != push.ScreenShot {
			t.Fatalf("rejected version %+v", v)
		}
		vs, err := e.svc.DevVersions(ctx, mp, false)
		if err != nil || vs.AuditInfo == nil || vs.AuditInfo.Status != 1 || len(vs.AuditInfo.Screenshots) != 2 ||
			vs.AuditInfo.Reason != v.Reason {
			t.Fatalf("versions %s, %v", js(vs), err)
		}
		fetched := e.Sim.AppCallCount(mp, "get_material")
		if fetched != 2 {
			t.Fatalf("screenshots fetched %d times at the rejection", fetched)
		}
		for _, shot := range vs.AuditInfo.Screenshots {
			img, err := e.svc.Screenshot(ctx, mp, shot)
			if err != nil || img.ContentType != "image/jpeg" || len(img.Data) < 100 {
				t.Fatalf("screenshot %s: %s %d bytes, %v", shot, img.ContentType, len(img.Data), err)
			}
		}
		if n := e.Sim.AppCallCount(mp, "get_material"); n != fetched {
			t.Fatalf("stored screenshots were fetched again (%d calls)", n)
		}
		if _, err := e.svc.Screenshot(ctx, mp, "not-a-screenshot"); err == nil {
			t.Fatal("an unknown media id was served")
		}
		e.commit("1.0.1") // fix and resubmit
		if id2 := e.submit(); id2 == id {
			t.Fatal("resubmission reused the audit id")
		}
		e.wantEvents(">committed/operator", "committed>auditing/operator", "auditing>rejected/push",
			">committed/operator", "committed>auditing/operator")
	})
}

func js(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
