package admin_test

import (
	"bytes"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"wxcomponent/comm/authz/authztest"
	"wxcomponent/db/dbtest"
)

// TestDomainsAndPrivacy sets what an account needs before an audit and reads it
// back in the console's spelling.
func TestDomainsAndPrivacy(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		a := newCodeApp(t, dialect, authztest.Options{})
		q := "?appid=" + weapp
		var d map[string][]string
		a.ok(http.MethodGet, "/server-domain"+q, nil, &d)
		for _, k := range []string{"requestDomain", "wsRequestDomain", "uploadDomain", "downloadDomain", "udpDomain", "tcpDomain"} {
			if l, ok := d[k]; !ok || l == nil {
				t.Fatalf("server-domain lacks %s: %v", k, d)
			}
		}
		a.ok(http.MethodPost, "/server-domain"+q, map[string]any{"action": "set",
			"requestDomain": []string{"https://api.example.com"}, "uploadDomain": []string{"https://up.example.com"}}, &d)
		a.ok(http.MethodPost, "/server-domain"+q, map[string]any{"action": "add", "requestDomain": []string{"https://api2.example.com"}}, nil)
		a.ok(http.MethodGet, "/server-domain"+q, nil, &d)
		if strings.Join(d["requestDomain"], ",") != "https://api.example.com,https://api2.example.com" ||
			strings.Join(d["uploadDomain"], ",") != "https://up.example.com" {
			t.Fatalf("server domains: %v", d)
		}
		want(t, a.call(http.MethodPost, "/server-domain"+q, map[string]any{"action": "set", "requestDomain": []string{"http://plain.example.com"}}),
			http.StatusBadGateway, 1002, "errcode")

		var wv struct {
			WebviewDomain []string `json:"webviewDomain"`
		}
		a.ok(http.MethodPost, "/webview-domain"+q, map[string]any{"action": "set", "webviewDomain": []string{"https://h5.example.com"}}, nil)
		a.ok(http.MethodGet, "/webview-domain"+q, nil, &wv)
		if strings.Join(wv.WebviewDomain, ",") != "https://h5.example.com" {
			t.Fatalf("webview domains: %+v", wv)
		}

		a.ok(http.MethodPost, "/privacy-setting"+q, map[string]any{"privacyVer": 2,
			"ownerSetting": map[string]any{"noticeMethod": "弹窗提示", "contactEmail": "dev@example.com"},
			"settingList":  []map[string]any{{"privacyKey": "UserInfo", "privacyText": "登录时展示头像"}}}, nil)
		var p struct {
			OwnerSetting struct {
				NoticeMethod string `json:"noticeMethod"`
			} `json:"ownerSetting"`
			SettingList []struct {
				PrivacyKey  string `json:"privacyKey"`
				PrivacyText string `json:"privacyText"`
			} `json:"settingList"`
		}
		a.ok(http.MethodGet, "/privacy-setting"+q, nil, &p)
		if p.OwnerSetting.NoticeMethod != "弹窗提示" || len(p.SettingList) != 1 || p.SettingList[0].PrivacyText != "登录时展示头像" {
			t.Fatalf("privacy setting: %+v", p)
		}

		// Pausing needs an online version: WeChat's refusal reaches the operator with its errcode.
		want(t, a.call(http.MethodPost, "/change-visit-status"+q, map[string]any{"action": "close"}),
			http.StatusBadGateway, 1002, "errcode 85021")
	})
}

// TestTemplatesQuotaAndExperienceQRCode manages the library and reads the platform's quota
// and the experience version's QR code.
func TestTemplatesQuotaAndExperienceQRCode(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		a := newCodeApp(t, dialect, authztest.Options{})
		tpl := a.addTemplate("2.0.0")
		a.commit(tpl, "2.0.0")
		var qr struct {
			ExpQrCode string `json:"expQrCode"`
		}
		a.ok(http.MethodGet, "/exp-qrcode?appid="+weapp+"&path=pages/index/index?from=console", nil, &qr)
		if img, err := base64.StdEncoding.DecodeString(qr.ExpQrCode); err != nil || !bytes.HasPrefix(img, []byte{0xFF, 0xD8}) {
			t.Fatalf("experience QR code is not a base64 JPEG: %.40q, %v", qr.ExpQrCode, err)
		}

		var quota map[string]int
		a.ok(http.MethodGet, "/audit-quota", nil, &quota)
		if quota["limit"] == 0 || quota["speedupLimit"] == 0 || len(quota) != 4 {
			t.Fatalf("audit quota: %v", quota)
		}

		var all struct {
			TemplateList []map[string]any `json:"templateList"`
		}
		a.ok(http.MethodGet, "/template-list", nil, &all)
		if len(all.TemplateList) != 1 {
			t.Fatalf("templates: %+v", all)
		}
		for _, k := range []string{"templateId", "templateType", "createTime", "userVersion", "userDesc",
			"sourceMiniprogramAppid", "categoryList", "auditStatus"} {
			if _, ok := all.TemplateList[0][k]; !ok {
				t.Fatalf("template lacks %s: %v", k, all.TemplateList[0])
			}
		}
		del := "/template?templateId=" + strconv.FormatInt(tpl, 10)
		a.ok(http.MethodDelete, del, nil, nil)
		a.ok(http.MethodGet, "/template-list", nil, &all)
		if len(all.TemplateList) != 0 {
			t.Fatalf("template still listed: %+v", all)
		}
		want(t, a.call(http.MethodDelete, del, nil), http.StatusBadGateway, 1002, "errcode")
	})
}
