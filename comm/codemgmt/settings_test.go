package codemgmt_test

import (
	"encoding/json"
	"errors"
	"testing"

	"wxcomponent/comm/authz/authztest"
	"wxcomponent/comm/codemgmt"
	"wxcomponent/comm/wx/api"
	"wxcomponent/db/dbtest"
	"wxcomponent/internal/wxsim"
)

// TestSettingsAndThePrivacyGuide edits domains and the privacy guide; code using a privacy
// interface cannot be submitted until the guide explains it (61040).
func TestSettingsAndThePrivacyGuide(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect)
		d, err := e.svc.ServerDomains(ctx, mp, "set", api.Domains{RequestDomain: []string{"https://api.example.com"}})
		if err != nil || len(d.RequestDomain) != 1 {
			t.Fatalf("set domains %+v, %v", d, err)
		}
		if d, err = e.svc.ServerDomains(ctx, mp, "get", api.Domains{}); err != nil || d.RequestDomain[0] != "https://api.example.com" {
			t.Fatalf("get domains %+v, %v", d, err)
		}
		_, err = e.svc.ServerDomains(ctx, mp, "set", api.Domains{RequestDomain: []string{"http://plain.example.com"}})
		wantWeChatError(t, err, 40097, "参数错误")
		web, err := e.svc.WebviewDomains(ctx, mp, "add", []string{"https://h5.example.com"})
		if err != nil || len(web) != 1 {
			t.Fatalf("webview domains %v, %v", web, err)
		}

		e.Sim.AddDraft(wxsim.Draft{UserVersion: "2.0.0", SourceAppID: "wxdev000000000001", PrivacyKeys: []string{"UserInfo"}})
		drafts, _ := e.svc.TemplateDrafts(ctx)
		if err := e.svc.AddToTemplate(ctx, drafts[len(drafts)-1].DraftID, api.TemplateNormal); err != nil {
			t.Fatal(err)
		}
		list, _ := e.svc.Templates(ctx, nil)
		e.tpl = int64(list[len(list)-1].TemplateID)
		e.commit("2.0.0")
		_, err = e.svc.SubmitAudit(ctx, mp, e.submitBody())
		wantWeChatError(t, err, 61040, "隐私保护指引")
		var guide api.PrivacySetting // the console's camelCase
		body := `{"ownerSetting":{"noticeMethod":"弹窗","contactEmail":"a@example.com"},"settingList":[{"privacyKey":"UserInfo","privacyText":"用于展示头像昵称"}]}`
		if err := json.Unmarshal([]byte(body), &guide); err != nil {
			t.Fatal(err)
		}
		if err := e.svc.SetPrivacySetting(ctx, mp, guide); err != nil {
			t.Fatal(err)
		}
		info, err := e.svc.PrivacySetting(ctx, mp, 0)
		if err != nil || len(info.Missing()) != 0 {
			t.Fatalf("privacy guide %+v, %v", info, err)
		}
		e.submit()
		if err := e.svc.SetPrivacySetting(ctx, authztest.OA, guide); err == nil {
			t.Fatal("guide set for an account without code management")
		}
		if _, err := e.svc.CodePrivacyInfo(ctx, mp); err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.ServerDomains(ctx, mp, "replace", api.Domains{}); !errors.Is(err, codemgmt.ErrInvalid) {
			t.Fatalf("unknown action: %v", err)
		}
	})
}
