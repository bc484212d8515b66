package codemgmt_test

import (
	"errors"
	"testing"
	"time"

	"wxcomponent/comm/authz/authztest"
	"wxcomponent/comm/codemgmt"
	"wxcomponent/comm/wx/api"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
	"wxcomponent/internal/wxsim"
)

// TestWeChatRefusalsAreTypedWithHints: 61039 (privacy scan running), 85009 (already under
// audit) and 85085 (quota used up) come back as *WeChatError with the Chinese hint, and a
// refused submission records nothing.
func TestWeChatRefusalsAreTypedWithHints(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect)
		if err := e.Sim.SetAuditPolicy(wxsim.AuditPolicy{PrivacyScan: time.Minute}); err != nil {
			t.Fatal(err)
		}
		e.commit("1.0.0")
		_, err := e.svc.SubmitAudit(ctx, mp, e.submitBody())
		wantWeChatError(t, err, 61039, "隐私检测尚未完成")
		if v, err := e.Store.LatestWeappVersion(ctx, mp); err != nil || v.State != model.WeappCommitted {
			t.Fatalf("after a refused submission: %+v, %v", v, err)
		}
		e.Clock.Advance(61 * time.Second)
		id := e.submit()
		_, err = e.svc.SubmitAudit(ctx, mp, e.submitBody())
		wantWeChatError(t, err, 85009, "已有版本在审核中")

		if err := e.svc.SpeedUpAudit(ctx, mp, 0); err != nil { // the stored audit id, not 0
			t.Fatalf("speed up: %v", err)
		}
		if !e.Sim.CodeState(mp).Audits[0].SpedUp {
			t.Fatal("the audit was not sped up")
		}
		wantWeChatError(t, e.svc.SpeedUpAudit(ctx, mp, id), 89404, "已经加急")
		if err := e.svc.RevokeAudit(ctx, mp); err != nil {
			t.Fatal(err)
		}
		if v := e.version(id); v.State != model.WeappWithdrawn {
			t.Fatalf("after revoke: %+v", v)
		}
		if err := e.svc.SpeedUpAudit(ctx, mp, 0); !errors.Is(err, codemgmt.ErrNoAudit) {
			t.Fatalf("speed up with nothing in progress: %v", err)
		}

		e.Sim.SetAuditQuota(wxsim.AuditQuota{Rest: 0, Limit: 20, SpeedupRest: 0, SpeedupLimit: 5})
		q, err := e.svc.QueryQuota(ctx, mp)
		if err != nil || q.Rest != 0 || q.Limit != 20 {
			t.Fatalf("quota %+v, %v", q, err)
		}
		_, err = e.svc.SubmitAudit(ctx, mp, e.submitBody())
		wantWeChatError(t, err, 85085, "提交审核次数已达上限")
		e.wantEvents(">committed/operator", "committed>auditing/operator", "auditing>withdrawn/operator")
	})
}

// TestBadInputAndUnmanagedAccounts: input WeChat would refuse fails before any call, and an
// account without permission set 18 is refused by name.
func TestBadInputAndUnmanagedAccounts(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect)
		e.Authorize(authztest.OA)
		calls := e.Sim.AppCallCount(mp, "commit")
		for name, err := range map[string]error{
			"ext_json":   e.svc.Commit(ctx, mp, api.CommitRequest{TemplateID: 1, ExtJSON: "{bad", UserVersion: "1"}),
			"no version": e.svc.Commit(ctx, mp, api.CommitRequest{TemplateID: 1}),
			"visit":      e.svc.ChangeVisitStatus(ctx, mp, "pause"),
			"media type": func() error { _, err := e.svc.UploadMedia(ctx, mp, "pdf", "a.pdf", []byte("x")); return err }(),
			"six items": func() error {
				_, err := e.svc.SubmitAudit(ctx, mp, api.SubmitAuditRequest{ItemList: make([]api.AuditItem, 6)})
				return err
			}(),
			"template":    e.svc.AddToTemplate(ctx, 1, 7),
			"no audit id": func() error { _, err := e.svc.AuditStatus(ctx, mp, 0); return err }(),
		} {
			if !errors.Is(err, codemgmt.ErrInvalid) {
				t.Errorf("%s: %v", name, err)
			}
		}
		if n := e.Sim.AppCallCount(mp, "commit"); n != calls {
			t.Fatal("invalid input reached WeChat")
		}
		for _, appid := range []string{authztest.OA, "wxunknown0000000"} {
			if err := e.svc.Commit(ctx, appid, api.CommitRequest{TemplateID: 1, UserVersion: "1"}); !errors.Is(err, codemgmt.ErrNotManaged) {
				t.Errorf("commit for %s: %v", appid, err)
			}
		}
	})
}

// TestDevWeappListReadsStoredState: the list holds mini programs that granted set 18 exactly,
// and shows versions from the database without a WeChat call per row.
func TestDevWeappListReadsStoredState(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect)
		e.Authorize(authztest.OA)
		decoy := model.Authorizer{AppID: "wx1180000000000000", FuncInfo: "|1|118|180", AuthTime: e.Clock.Now()}
		if err := e.DB.Create(&decoy).Error; err != nil {
			t.Fatal(err)
		}
		page, err := e.svc.ListDevWeapps(ctx, codemgmt.DevWeappQuery{Limit: 15})
		if err != nil || page.Total != 1 || len(page.Records) != 1 || page.Records[0].AppID != mp ||
			page.Records[0].ServiceStatus != nil || page.Records[0].ExpInfo != nil {
			t.Fatalf("list before any refresh: %s, %v", js(page), err)
		}
		e.commit("1.0.0")
		if err := e.svc.ChangeVisitStatus(ctx, mp, "open"); err == nil {
			t.Fatal("visit status changed with nothing online")
		}
		before := e.Sim.CallCounts()
		page, err = e.svc.ListDevWeapps(ctx, codemgmt.DevWeappQuery{AppID: mp, Limit: 15})
		r := page.Records
		if err != nil || len(r) != 1 || r[0].ExpInfo == nil || r[0].ExpInfo.ExpVersion != "1.0.0" || r[0].ReleaseInfo != nil {
			t.Fatalf("list after commit: %s, %v", js(page), err)
		}
		vs, err := e.svc.DevVersions(ctx, mp, false) // first view: read from WeChat once
		if err != nil || vs.ServiceStatus == nil || *vs.ServiceStatus != 1 || vs.RefreshedAt == nil {
			t.Fatalf("versions %s, %v", js(vs), err)
		}
		if _, err := e.svc.DevVersions(ctx, mp, false); err != nil {
			t.Fatal(err)
		}
		after := e.Sim.CallCounts()
		if d := after["/wxa/getversioninfo"] - before["/wxa/getversioninfo"]; d != 1 {
			t.Fatalf("getversioninfo called %d times for a list and two views", d)
		}
	})
}
