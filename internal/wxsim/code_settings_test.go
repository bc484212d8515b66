package wxsim

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestServerAndWebviewDomains(t *testing.T) {
	e := newCodeEnv(t)
	m := e.post(pathModifyDomain, e.on(), map[string]any{"action": "set",
		"requestdomain": []string{"https://a.example.com", "https://b.example.com"}, "wsrequestdomain": []string{"wss://ws.example.com"}})
	wantErr(t, m, 0)
	e.post(pathModifyDomain, e.on(), map[string]any{"action": "add", "requestdomain": []string{"https://c.example.com"}})
	e.post(pathModifyDomain, e.on(), map[string]any{"action": "delete", "requestdomain": []string{"https://a.example.com"}})
	m = e.post(pathModifyDomain, e.on(), map[string]any{"action": "get"})
	if fmtList(m["requestdomain"]) != "https://b.example.com,https://c.example.com" || fmtList(m["wsrequestdomain"]) != "wss://ws.example.com" ||
		fmtList(m["uploaddomain"]) != "" {
		t.Fatalf("domains = %v", m)
	}
	wantErr(t, e.post(pathModifyDomain, e.on(), map[string]any{"action": "add", "requestdomain": []string{"http://insecure.example.com"}}), 40097)
	wantErr(t, e.post(pathModifyDomain, e.on(), map[string]any{"action": "replace"}), 40097)

	wantErr(t, e.post(pathWebviewDomain, e.on(), map[string]any{"action": "add", "webviewdomain": []string{"https://h5.example.com"}}), 0)
	m = e.post(pathWebviewDomain, e.on(), map[string]any{"action": "get"})
	if fmtList(m["webviewdomain"]) != "https://h5.example.com" {
		t.Fatalf("webview = %v", m)
	}
	if st := e.sim.CodeState(mpAppID); len(st.Domains.Request) != 2 || len(st.WebviewDomains) != 1 {
		t.Fatalf("state = %+v", st)
	}
}

func TestPrivacyGuideGatesTheAudit(t *testing.T) {
	e := newCodeEnv(t)
	e.tplID = e.addTemplate(0, map[string]any{"user_version": "3.0", "source_miniprogram_appid": "wxdev000000000009",
		"privacy_keys": []string{"UserInfo", "Location"}})
	e.commit("3.0")
	wantErr(t, e.post(pathSubmitAudit, e.on(), "{}"), 61040)
	if m := e.get(pathCodePrivacy, e.on()); fmtList(m["without_conf_list"]) != "UserInfo,Location" {
		t.Fatalf("get_code_privacy_info = %v", m)
	}
	m := e.post(pathGetPrivacy, e.on(), map[string]any{"privacy_ver": 2})
	if num64(m, "code_exist") != 1 || fmtList(m["privacy_list"]) != "UserInfo,Location" {
		t.Fatalf("getprivacysetting = %v", m)
	}
	guide := map[string]any{"privacy_ver": 2, "owner_setting": map[string]any{"contact_email": "a@example.com", "notice_method": "弹窗"},
		"setting_list": []map[string]string{{"privacy_key": "UserInfo", "privacy_text": "用于展示头像昵称"}}}
	wantErr(t, e.post(pathSetPrivacy, e.on(), guide), 0)
	wantErr(t, e.post(pathSubmitAudit, e.on(), "{}"), 61040)
	guide["setting_list"] = []map[string]string{{"privacy_key": "UserInfo", "privacy_text": "用于展示头像昵称"},
		{"privacy_key": "Location", "privacy_text": "用于查找附近门店"}}
	wantErr(t, e.post(pathSetPrivacy, e.on(), guide), 0)
	if m := e.get(pathCodePrivacy, e.on()); fmtList(m["without_conf_list"]) != "" {
		t.Fatalf("get_code_privacy_info after the guide = %v", m)
	}
	e.submit()
	m = e.post(pathGetPrivacy, e.on(), "{}")
	list := m["setting_list"].([]any)
	if len(list) != 2 || list[1].(map[string]any)["privacy_text"] != "用于查找附近门店" ||
		m["owner_setting"].(map[string]any)["contact_email"] != "a@example.com" {
		t.Fatalf("getprivacysetting = %v", m)
	}
	wantErr(t, e.post(pathSetPrivacy, e.on(), map[string]any{"privacy_ver": 2, "owner_setting": map[string]any{}}), 40097)
	wantErr(t, e.post(pathSetPrivacy, e.on(), map[string]any{"privacy_ver": 1, "owner_setting": map[string]any{"notice_method": "x"},
		"setting_list": []map[string]string{{"privacy_key": "UserInfo", "privacy_text": "t"}}}), 40097)
}

func TestAuditMediaUploads(t *testing.T) {
	e := newCodeEnv(t)
	jpg := jpegImage("upload", "")
	ct, body := multipartBody(t, "shot.jpg", jpg)
	_, _, raw := e.raw(http.MethodPost, pathUploadMedia, e.on(), ct, body)
	var up map[string]any
	_ = json.Unmarshal(raw, &up)
	id, _ := up["mediaid"].(string)
	if up["type"] != "image" || id == "" {
		t.Fatalf("uploadmedia = %s", raw)
	}
	ct, body = multipartBody(t, "notes.txt", []byte("hello, not an image"))
	_, _, raw = e.raw(http.MethodPost, pathUploadMedia, e.on(), ct, body)
	if !strings.Contains(string(raw), `"errcode":40005`) {
		t.Fatalf("text upload = %s", raw)
	}
	_, _, raw = e.raw(http.MethodPost, pathUploadMedia, e.on(), "application/json", []byte("{}"))
	if !strings.Contains(string(raw), `"errcode":41005`) {
		t.Fatalf("no file = %s", raw)
	}
	ct, body = multipartBody(t, "shot.jpg", jpg)
	q := url.Values{"access_token": {e.atok}, "type": {"image"}}
	_, _, raw = e.raw(http.MethodPost, pathTempUpload, q, ct, body)
	var temp map[string]any
	_ = json.Unmarshal(raw, &temp)
	if temp["media_id"] == nil || temp["created_at"] == nil {
		t.Fatalf("media/upload = %s", raw)
	}
	e.commit("1.0")
	wantErr(t, e.post(pathSubmitAudit, e.on(), map[string]any{"preview_info": map[string]any{"pic_id_list": []string{"nope"}}}), 85092)
	m := e.post(pathSubmitAudit, e.on(), map[string]any{"preview_info": map[string]any{"pic_id_list": []string{id}},
		"feedback_stuff": temp["media_id"]})
	wantErr(t, m, 0)
}

// fmtList joins a JSON string array.
func fmtList(v any) string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return strings.Join(out, ",")
}

func TestCodeControlStateAndCategories(t *testing.T) {
	e := newCodeEnv(t)
	e.post("/sim/code/categories", nil, map[string]any{"appid": mpAppID, "categories": []map[string]any{
		{"first_class": "餐饮", "second_class": "餐饮服务场所", "first_id": 220, "second_id": 632}}})
	cats := e.get(pathGetCategory, e.on())["category_list"].([]any)
	if len(cats) != 1 || cats[0].(map[string]any)["first_class"] != "餐饮" {
		t.Fatalf("categories = %v", cats)
	}
	e.commit("1.0")
	// The default category (工具/效率) is no longer set on the account.
	wantErr(t, e.post(pathSubmitAudit, e.on(), map[string]any{"item_list": []map[string]any{
		{"address": "pages/index/index", "first_id": 287, "second_id": 616}}}), 85008)
	st := e.get("/sim/code", url.Values{"appid": {mpAppID}})
	calls := st["calls"].(map[string]any)
	if calls[pathCommit].(json.Number).String() != "1" || calls[pathGetCategory].(json.Number).String() != "1" {
		t.Fatalf("calls = %v", calls)
	}
	if byApp := e.get("/sim/calls", url.Values{"appid": {mpAppID}}); byApp[pathCommit].(json.Number).String() != "1" {
		t.Fatalf("calls by appid = %v", byApp)
	}
	if m := e.get("/sim/code", nil); m["error"] == nil {
		t.Fatalf("no appid = %v", m)
	}
}
