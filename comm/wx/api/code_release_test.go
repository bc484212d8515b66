package api_test

import (
	"encoding/json"
	"strings"
	"testing"

	"wxcomponent/comm/wx/api"
	"wxcomponent/internal/wxsim"
)

// commitAndSubmit commits version v and submits it; the guide for UserInfo is set once.
func commitAndSubmit(t *testing.T, c *api.Client, tpl int64, v string) int64 {
	t.Helper()
	if err := c.Commit(ctx, mpApp, api.CommitRequest{TemplateID: api.FlexInt(tpl), ExtJSON: "{}", UserVersion: v}); err != nil {
		t.Fatal(err)
	}
	guide := api.PrivacySetting{OwnerSetting: api.PrivacyOwnerSetting{NoticeMethod: "弹窗"},
		SettingList: []api.PrivacyItem{{PrivacyKey: "UserInfo", PrivacyText: "头像昵称"}}}
	if err := c.SetPrivacySetting(ctx, mpApp, guide); err != nil {
		t.Fatal(err)
	}
	id, err := c.SubmitAudit(ctx, mpApp, api.SubmitAuditRequest{VersionDesc: v})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// decide ends the audit in the simulator; with no callback configured the push fails, which
// does not matter here.
func decide(sim *wxsim.Sim, result string) {
	_, _, _ = sim.DecideAudit(ctx, wxsim.Decision{AppID: mpApp, Result: result})
}

func TestAuditOutcomeReleaseAndRollback(t *testing.T) {
	sim, c, tpl := codeClient(t)
	id := commitAndSubmit(t, c, tpl, "1.0")
	if err := c.SpeedUpAudit(ctx, mpApp, id+1); !api.IsCode(err, 89402) {
		t.Fatalf("speed-up of another audit: %v", err)
	}
	decide(sim, wxsim.DecideReject)
	st, found, err := c.GetLatestAuditStatus(ctx, mpApp)
	if err != nil || !found || st.Status != api.AuditRejected || st.AuditID != id || len(st.Screenshots()) != 2 {
		t.Fatalf("latest %+v %v %v", st, found, err)
	}
	img, err := c.GetMaterial(ctx, mpApp, st.Screenshots()[0])
	if err != nil || img.ContentType != "image/jpeg" || len(img.Data) == 0 {
		t.Fatalf("screenshot %s, %v", img.ContentType, err)
	}
	if err := sim.SetAuditPolicy(wxsim.AuditPolicy{UpperScreenShot: true}); err != nil {
		t.Fatal(err)
	}
	if st, _, _ = c.GetLatestAuditStatus(ctx, mpApp); len(st.Screenshots()) != 2 {
		t.Fatalf("ScreenShot spelling not read: %+v", st)
	}
	if one, err := c.GetAuditStatus(ctx, mpApp, id); err != nil || one.Status != api.AuditRejected || one.ScreenShot != st.ScreenShot {
		t.Fatalf("get_auditstatus %+v, %v", one, err)
	}
	if err := c.Release(ctx, mpApp); !api.IsCode(err, 85020) {
		t.Fatalf("release of a rejected version: %v", err)
	}
	id = commitAndSubmit(t, c, tpl, "1.1")
	if err := c.UndoCodeAudit(ctx, mpApp); err != nil {
		t.Fatal(err)
	}
	id = commitAndSubmit(t, c, tpl, "1.1")
	if err := c.SpeedUpAudit(ctx, mpApp, id); err != nil {
		t.Fatal(err)
	}
	decide(sim, wxsim.DecideApprove)
	if err := c.Release(ctx, mpApp); err != nil {
		t.Fatal(err)
	}
	commitAndSubmit(t, c, tpl, "1.2")
	decide(sim, wxsim.DecideApprove)
	if err := c.Release(ctx, mpApp); err != nil {
		t.Fatal(err)
	}
	hist, err := c.GetHistoryVersions(ctx, mpApp)
	if err != nil || len(hist) != 1 || hist[0].UserVersion != "1.1" {
		t.Fatalf("history %+v, %v", hist, err)
	}
	if err := c.RevertCodeRelease(ctx, mpApp, hist[0].AppVersion); err != nil {
		t.Fatal(err)
	}
	if err := c.RevertCodeRelease(ctx, mpApp, 0); !api.IsCode(err, 87012) || api.ErrorHint(err) == "" {
		t.Fatalf("second rollback: %v", err)
	}
	vi, err := c.GetVersionInfo(ctx, mpApp)
	if err != nil || vi.ReleaseInfo == nil || vi.ReleaseInfo.ReleaseVersion != "1.1" || vi.ExpInfo.ExpVersion != "1.2" {
		t.Fatalf("versioninfo %+v, %v", vi, err)
	}
	camel, _ := api.CamelJSON(vi)
	if !strings.Contains(string(camel), `"releaseInfo":{`) || !strings.Contains(string(camel), `"releaseVersion":"1.1"`) {
		t.Fatalf("camel %s", camel)
	}
	if err := c.ChangeVisitStatus(ctx, mpApp, "close"); err != nil {
		t.Fatal(err)
	}
	if vs, err := c.GetVisitStatus(ctx, mpApp); err != nil || vs != api.VisitPaused {
		t.Fatalf("visit status %d, %v", vs, err)
	}
	code, err := c.GetUnlimitedQRCode(ctx, mpApp, api.WxaCodeRequest{Scene: "wxcomponent"})
	if err != nil || code.ContentType != "image/jpeg" {
		t.Fatalf("wxacode %s, %v", code.ContentType, err)
	}
}

func TestQuotaDomainsAndTemplates(t *testing.T) {
	sim, c, tpl := codeClient(t)
	sim.SetAuditQuota(wxsim.AuditQuota{Rest: 0, Limit: 50, SpeedupRest: 2, SpeedupLimit: 5})
	q, err := c.QueryQuota(ctx, mpApp)
	if err != nil || q != (api.AuditQuota{Rest: 0, Limit: 50, SpeedupRest: 2, SpeedupLimit: 5}) {
		t.Fatalf("quota %+v, %v", q, err)
	}
	if err := c.Commit(ctx, mpApp, api.CommitRequest{TemplateID: api.FlexInt(tpl), UserVersion: "1"}); err != nil {
		t.Fatal(err)
	}
	_ = c.SetPrivacySetting(ctx, mpApp, api.PrivacySetting{OwnerSetting: api.PrivacyOwnerSetting{NoticeMethod: "弹窗"},
		SettingList: []api.PrivacyItem{{PrivacyKey: "UserInfo", PrivacyText: "头像昵称"}}})
	_, err = c.SubmitAudit(ctx, mpApp, api.SubmitAuditRequest{})
	if !api.IsCode(err, api.CodeAuditQuotaUsedUp) || !strings.Contains(api.ErrorHint(err), "本月提交审核次数已达上限") {
		t.Fatalf("submit without quota: %v", err)
	}
	six := make([]api.AuditItem, 6)
	if _, err := c.SubmitAudit(ctx, mpApp, api.SubmitAuditRequest{ItemList: six}); err == nil || api.ErrCode(err) != 0 {
		t.Fatalf("six items: %v", err)
	}
	d, err := c.ModifyDomain(ctx, mpApp, "set", api.Domains{RequestDomain: []string{"https://api.example.com"},
		DownloadDomain: []string{"https://cdn.example.com"}})
	if err != nil || len(d.RequestDomain) != 1 || d.DownloadDomain[0] != "https://cdn.example.com" {
		t.Fatalf("modify_domain %+v, %v", d, err)
	}
	if d, err = c.ModifyDomain(ctx, mpApp, "get", api.Domains{}); err != nil || d.RequestDomain[0] != "https://api.example.com" {
		t.Fatalf("get domains %+v, %v", d, err)
	}
	if _, err := c.ModifyDomain(ctx, mpApp, "replace", api.Domains{}); err == nil {
		t.Fatal("unknown action was sent")
	}
	wv, err := c.SetWebviewDomain(ctx, mpApp, "add", []string{"https://h5.example.com"})
	if err != nil || len(wv) != 1 {
		t.Fatalf("webview %v, %v", wv, err)
	}
	if err := c.DeleteTemplate(ctx, tpl); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteTemplate(ctx, tpl); !api.IsCode(err, 85064) {
		t.Fatalf("second delete: %v", err)
	}
	all, err := c.GetTemplateList(ctx, nil)
	if err != nil || len(all) != 0 {
		t.Fatalf("templates %+v, %v", all, err)
	}
}

func TestFlexIntAndAuditStatusSpellings(t *testing.T) {
	var v struct{ A, B, C api.FlexInt }
	if err := json.Unmarshal([]byte(`{"A":12,"B":"34","C":""}`), &v); err != nil || v.A != 12 || v.B != 34 || v.C != 0 {
		t.Fatalf("flex %+v, %v", v, err)
	}
	if err := json.Unmarshal([]byte(`{"A":"x1"}`), &v); err == nil {
		t.Fatal("bad number accepted")
	}
	out, _ := json.Marshal(api.CommitRequest{TemplateID: 7, UserVersion: "1"})
	if !strings.Contains(string(out), `"template_id":7`) {
		t.Fatalf("commit body %s", out)
	}
	var st api.AuditStatus
	_ = json.Unmarshal([]byte(`{"status":1,"ScreenShot":"a|b"}`), &st)
	if strings.Join(st.Screenshots(), ",") != "a,b" {
		t.Fatalf("ScreenShot %+v", st)
	}
}

func TestEveryCodeManagementErrcodeHasAHint(t *testing.T) {
	for _, code := range []int64{api.CodePrivacyScanPending, api.CodeAuditInProgress, api.CodeAuditQuotaUsedUp,
		api.CodeUndoQuotaUsedUp, api.CodeAPIUnauthorized, api.CodeNoAuditRecord, 85019, 85020, 85013, 85014, 87012, 9402202} {
		if api.CodeHint(code) == "" {
			t.Errorf("errcode %d has no hint", code)
		}
	}
	if api.ErrorHint(nil) != "" || api.CodeHint(40001) != "" {
		t.Fatal("hints for errors that are not code management")
	}
}
