package admin_test

import (
	"net/http"
	"strings"
	"testing"

	"wxcomponent/comm/authz/authztest"
	"wxcomponent/db/dbtest"
)

// devWeapps reads dev-weapp-list and returns the total and "appid:funcs" of each row.
func (a *codeApp) devWeapps(query string) (int64, []string) {
	a.T.Helper()
	var page struct {
		Total   int64 `json:"total"`
		Records []struct {
			AppID    string `json:"appid"`
			FuncInfo []int  `json:"funcInfo"`
		} `json:"records"`
	}
	a.ok(http.MethodGet, "/dev-weapp-list?"+query, nil, &page)
	rows := make([]string, 0, len(page.Records))
	for _, r := range page.Records {
		rows = append(rows, r.AppID)
	}
	return page.Total, rows
}

// TestDevWeappListMatchesPermission18Exactly lists only mini programs that granted set 18 as a
// whole id (not 118 or 180, not an official account), and refuses the others' code pages.
func TestDevWeappListMatchesPermission18Exactly(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		a := newCodeApp(t, dialect, authztest.Options{Authorizers: 8})
		ids := a.AuthorizerIDs()     // even: official accounts, odd: mini programs; ids[1] is weapp
		a.Authorize(ids[2], 1, 18)   // an official account with 18
		a.Authorize(ids[3], 1, 118)  // 118 is not 18
		a.Authorize(ids[5], 180, 17) // nor is 180
		a.Authorize(ids[7], 17, 18)
		if total, rows := a.devWeapps(""); total != 2 || strings.Join(rows, ",") != weapp+","+ids[7] &&
			strings.Join(rows, ",") != ids[7]+","+weapp {
			t.Fatalf("listed %d: %v", total, rows)
		}
		if total, rows := a.devWeapps("limit=1&offset=1"); total != 2 || len(rows) != 1 {
			t.Fatalf("second page: %d %v", total, rows)
		}
		if _, rows := a.devWeapps("appid=" + ids[7]); len(rows) != 1 || rows[0] != ids[7] {
			t.Fatalf("appid filter: %v", rows)
		}
		if total, rows := a.devWeapps("appid=" + ids[3]); total != 0 || len(rows) != 0 {
			t.Fatalf("appid filter on an unmanaged account: %d %v", total, rows)
		}
		want(t, a.call(http.MethodGet, "/dev-weapp-list?limit=21", nil), http.StatusBadRequest, 1001, "limit")
		for _, id := range []string{ids[2], ids[3], ids[5], ids[6]} { // ids[6] never authorized
			want(t, a.call(http.MethodGet, "/dev-versions?appid="+id, nil), http.StatusConflict, 1008, "权限集 18")
			want(t, a.call(http.MethodPost, "/release-code?appid="+id, "{}"), http.StatusConflict, 1008, "权限集 18")
		}
		a.Revoke(ids[7])
		if total, rows := a.devWeapps(""); total != 1 || rows[0] != weapp {
			t.Fatalf("after revocation: %d %v", total, rows)
		}
		if n := a.Sim.AppCallCount(ids[3], "release") + a.Sim.AppCallCount(ids[3], "getversioninfo"); n != 0 {
			t.Fatalf("an unmanaged account reached WeChat %d times", n)
		}
	})
}

// TestBadInputIsRefusedBeforeWeChat answers malformed requests with 1001 and the reason, and
// asks WeChat nothing.
func TestBadInputIsRefusedBeforeWeChat(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		a := newCodeApp(t, dialect, authztest.Options{})
		q := "?appid=" + weapp
		sixItems := []map[string]any{{}, {}, {}, {}, {}, {}}
		cases := []struct {
			method, target string
			body           any
			status         int
			text           string
		}{
			{"GET", "/dev-versions", nil, 400, "appid 不能为空"},
			{"GET", "/dev-versions?appid=" + strings.ToUpper(weapp), nil, 400, "appid 格式不正确"},
			{"GET", "/dev-versions?appid=wx123", nil, 400, "appid 格式不正确"},
			{"GET", "/dev-versions" + q + "&refresh=yes", nil, 400, "refresh"},
			{"GET", "/dev-weapp-list?offset=-1", nil, 400, "offset"},
			{"GET", "/dev-version-history" + q + "&limit=101", nil, 400, "limit"},
			{"POST", "/commit-code" + q, "not json", 400, "JSON"},
			{"POST", "/commit-code" + q, `{"templateId":"abc","userVersion":"1"}`, 400, "JSON"},
			{"POST", "/commit-code" + q, map[string]any{"templateId": "1", "extJson": "{}"}, 400, "user_version is required"},
			{"POST", "/commit-code" + q, map[string]any{"templateId": "1", "extJson": "{", "userVersion": "1"}, 400, "ext_json is not valid JSON"},
			{"POST", "/submit-audit" + q, map[string]any{"itemList": sixItems}, 400, "at most 5"},
			{"POST", "/change-visit-status" + q, map[string]any{"action": "pause"}, 400, "action must be open or close"},
			{"POST", "/speed-up-audit" + q + "&auditId=abc", "{}", 400, "auditId"},
			{"GET", "/audit-status" + q, nil, 400, "auditId"},
			{"GET", "/audit-status" + q + "&auditId=0", nil, 400, "auditId"},
			{"GET", "/audit-screenshot" + q, nil, 400, "mediaId"},
			{"GET", "/exp-qrcode" + q + "&path=" + strings.Repeat("p", 1025), nil, 400, "path"},
			{"GET", "/template-list?templateType=x", nil, 400, "templateType"},
			{"GET", "/template-list?templateType=2", nil, 400, "template type must be 0 or 1"},
			{"POST", "/add-to-template", map[string]any{"templateType": 0}, 400, "draftId"},
			{"POST", "/add-to-template", map[string]any{"draftId": 1, "templateType": 5}, 400, "template type must be 0"},
			{"DELETE", "/template?templateId=x", nil, 400, "templateId"},
			{"GET", "/privacy-setting" + q + "&privacyVer=3", nil, 400, "privacyVer"},
			{"POST", "/privacy-setting" + q, map[string]any{"privacyVer": 2}, 400, "notice_method is required"},
			{"POST", "/server-domain" + q, map[string]any{"action": "get"}, 400, "action"},
			{"POST", "/webview-domain" + q, map[string]any{"action": "replace"}, 400, "action"},
			{"GET", "/audit-quota?appid=nope", nil, 400, "appid"},
		}
		for _, tc := range cases {
			rep := a.call(tc.method, tc.target, tc.body)
			if rep.Status != tc.status || rep.Code != 1001 || !strings.Contains(string(rep.Data), tc.text) {
				t.Errorf("%s %s: %d %s\nwant %d with %q", tc.method, tc.target, rep.Status, rep.Raw, tc.status, tc.text)
			}
		}
		for api, n := range a.Sim.CodeState(weapp).Calls {
			t.Errorf("bad input reached WeChat: %s ×%d", api, n)
		}
	})
}
