package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/jpeg"
	"strings"
	"testing"
	"time"

	"wxcomponent/comm/wx/api"
	"wxcomponent/internal/wxsim"
)

// kindTokens serves one token per kind, as the token manager would.
type kindTokens struct{ component, authorizer string }

func (k *kindTokens) AccessToken(_ context.Context, kind api.Kind, _ string) (string, error) {
	if kind == api.KindComponent {
		return k.component, nil
	}
	return k.authorizer, nil
}

func (k *kindTokens) Invalidate(context.Context, api.Kind, string, string) error { return nil }

// codeClient returns a simulator with the test mini program authorized, a client bound to its
// tokens, and the id of a normal template made from a draft whose code uses UserInfo.
func codeClient(t *testing.T) (*wxsim.Sim, *api.Client, int64) {
	t.Helper()
	sim, base := newSim(t)
	raw := api.New(api.Options{BaseURL: base, ComponentAppID: appID})
	tokens := &kindTokens{component: componentToken(t, sim, raw)}
	c := raw.WithTokens(tokens)
	g, _, _ := sim.Authorize(ctx, mpApp) // no callback configured: the grant stands
	info, err := c.QueryAuth(ctx, g.AuthCode)
	if err != nil {
		t.Fatal(err)
	}
	tokens.authorizer = info.AccessToken
	sim.AddDraft(wxsim.Draft{UserVersion: "1.0", SourceAppID: "wxdev000000000001", PrivacyKeys: []string{"UserInfo"}})
	drafts, err := c.GetTemplateDraftList(ctx)
	if err != nil || len(drafts) != 1 {
		t.Fatalf("drafts = %+v, %v", drafts, err)
	}
	if err := c.AddToTemplate(ctx, drafts[0].DraftID, api.TemplateNormal); err != nil {
		t.Fatal(err)
	}
	normal := api.TemplateNormal
	list, err := c.GetTemplateList(ctx, &normal)
	if err != nil || len(list) != 1 || list[0].UserVersion != "1.0" {
		t.Fatalf("templates = %+v, %v", list, err)
	}
	return sim, c, int64(list[0].TemplateID)
}

// smallJPEG is an upload for the media APIs.
func smallJPEG(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, 8, 8)), nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestCommitPrivacyAndSubmitFromConsoleJSON(t *testing.T) {
	sim, c, tpl := codeClient(t)
	if _, found, err := c.GetLatestAuditStatus(ctx, mpApp); found || err != nil {
		t.Fatalf("latest before any audit: found %v, %v", found, err)
	}
	_, err := c.GetQRCode(ctx, mpApp, "")
	if !api.IsCode(err, 86001) || !strings.Contains(api.ErrorHint(err), "体验版") {
		t.Fatalf("qrcode before commit: %v (%q)", err, api.ErrorHint(err))
	}
	if err := c.Commit(ctx, mpApp, api.CommitRequest{TemplateID: 1, ExtJSON: "{bad", UserVersion: "1"}); err == nil {
		t.Fatal("invalid ext_json was sent")
	}
	var req api.CommitRequest // the console's spelling, templateId as a string
	body := `{"templateId":"` + jsonInt(tpl) + `","extJson":"{\"extAppid\":\"wxd101a85aa106f53e\"}","userVersion":"1.0.1","userDesc":"首发"}`
	if err := json.Unmarshal([]byte(body), &req); err != nil || int64(req.TemplateID) != tpl || req.UserDesc != "首发" {
		t.Fatalf("bind commit: %+v, %v", req, err)
	}
	if err := c.Commit(ctx, mpApp, req); err != nil {
		t.Fatal(err)
	}
	if n := sim.AppCallCount(mpApp, "commit"); n != 1 {
		t.Fatalf("commit reached WeChat %d times", n)
	}
	pages, err := c.GetPage(ctx, mpApp)
	if err != nil || len(pages) == 0 {
		t.Fatalf("pages %v, %v", pages, err)
	}
	cats, err := c.GetCategory(ctx, mpApp)
	if err != nil || len(cats) == 0 || cats[0].FirstID == 0 {
		t.Fatalf("categories %+v, %v", cats, err)
	}
	img, err := c.GetQRCode(ctx, mpApp, pages[0]+"?from=console")
	if err != nil || img.ContentType != "image/jpeg" || !bytes.Contains(img.Data, []byte(pages[0]+"?from=console")) {
		t.Fatalf("qrcode %s %d bytes, %v", img.ContentType, len(img.Data), err)
	}
	// The code uses UserInfo: the audit fails until the privacy guide explains it.
	pi, err := c.GetPrivacySetting(ctx, mpApp, 0)
	if err != nil || strings.Join(pi.Missing(), ",") != "UserInfo" {
		t.Fatalf("privacy %+v, %v", pi, err)
	}
	if cp, err := c.GetCodePrivacyInfo(ctx, mpApp); err != nil || strings.Join(cp.WithoutConfList, ",") != "UserInfo" {
		t.Fatalf("code privacy %+v, %v", cp, err)
	}
	if _, err := c.SubmitAudit(ctx, mpApp, api.SubmitAuditRequest{}); !api.IsCode(err, 61040) {
		t.Fatalf("submit without guide: %v", err)
	}
	guide := api.PrivacySetting{OwnerSetting: api.PrivacyOwnerSetting{NoticeMethod: "弹窗", ContactEmail: "a@example.com"},
		SettingList: []api.PrivacyItem{{PrivacyKey: "UserInfo", PrivacyText: "用于展示头像昵称"}}}
	if err := c.SetPrivacySetting(ctx, mpApp, guide); err != nil {
		t.Fatal(err)
	}
	if pi, _ = c.GetPrivacySetting(ctx, mpApp, api.PrivacyDevelopment); len(pi.Missing()) != 0 || pi.SettingList[0].PrivacyText != "用于展示头像昵称" {
		t.Fatalf("privacy after set %+v", pi)
	}
	pic, err := c.UploadAuditMedia(ctx, mpApp, "shot.jpg", smallJPEG(t))
	if err != nil || pic.MediaID == "" || pic.Type != "image" {
		t.Fatalf("uploadmedia %+v, %v", pic, err)
	}
	fb, err := c.UploadTempMedia(ctx, mpApp, "image", "feedback.jpg", smallJPEG(t))
	if err != nil || fb.MediaID == "" || fb.CreatedAt == 0 {
		t.Fatalf("media/upload %+v, %v", fb, err)
	}
	var sub api.SubmitAuditRequest
	body = `{"itemList":[{"address":"` + pages[0] + `","tag":"工具 效率","firstClass":"工具","secondClass":"效率","firstId":287,"secondId":616,"title":"首页"}],` +
		`"previewInfo":{"picIdList":["` + pic.MediaID + `"]},"versionDesc":"v","feedbackStuff":"` + fb.MediaID + `",` +
		`"ugcDeclare":{"scene":[0],"method":[1],"hasAuditTeam":1,"auditDesc":"人工审核"}}`
	if err := json.Unmarshal([]byte(body), &sub); err != nil || sub.UGCDeclare.HasAuditTeam != 1 || sub.PreviewInfo.PicIDList[0] != pic.MediaID {
		t.Fatalf("bind submit: %+v, %v", sub, err)
	}
	id, err := c.SubmitAudit(ctx, mpApp, sub)
	if err != nil || id == 0 {
		t.Fatalf("submit %d, %v", id, err)
	}
	_, err = c.SubmitAudit(ctx, mpApp, sub)
	if !api.IsCode(err, api.CodeAuditInProgress) || api.ErrorHint(err) != "已有版本在审核中，请等待审核结果或先撤回审核" {
		t.Fatalf("second submit: %v", err)
	}
	var sent map[string]any
	_ = json.Unmarshal(sim.CodeState(mpApp).Audits[0].Request, &sent)
	if _, ok := sent["item_list"]; !ok || sent["ugc_declare"].(map[string]any)["has_audit_team"] != float64(1) {
		t.Fatalf("WeChat received %v", sent)
	}
}

// jsonInt formats an int64 for hand-written JSON.
func jsonInt(n int64) string { b, _ := json.Marshal(n); return string(b) }

func TestPrivacyScanPendingAfterCommit(t *testing.T) {
	sim, c, tpl := codeClient(t)
	if err := sim.SetAuditPolicy(wxsim.AuditPolicy{PrivacyScan: time.Minute}); err != nil {
		t.Fatal(err)
	}
	if err := c.Commit(ctx, mpApp, api.CommitRequest{TemplateID: api.FlexInt(tpl), UserVersion: "1"}); err != nil {
		t.Fatal(err)
	}
	_, err := c.GetCodePrivacyInfo(ctx, mpApp)
	if !api.IsCode(err, api.CodePrivacyScanPending) || !strings.Contains(api.ErrorHint(err), "隐私检测尚未完成") {
		t.Fatalf("code privacy during the scan: %v", err)
	}
	if _, err := c.SubmitAudit(ctx, mpApp, api.SubmitAuditRequest{}); !api.IsCode(err, api.CodePrivacyScanPending) {
		t.Fatalf("submit during the scan: %v", err)
	}
	sim.AdvanceClock(time.Minute)
	if _, err := c.GetCodePrivacyInfo(ctx, mpApp); err != nil {
		t.Fatalf("after the scan: %v", err)
	}
}
