package wxsim

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"testing"
)

func TestTemplateLibrary(t *testing.T) {
	e := newCodeEnv(t)
	// Only the latest upload of one development mini program stays a draft.
	e.post("/sim/code/draft", nil, map[string]any{"user_version": "1.1", "source_miniprogram_appid": "wxdev000000000001"})
	e.post("/sim/code/draft", nil, map[string]any{"user_version": "9.9", "source_miniprogram_appid": "wxdev000000000002"})
	drafts := e.get(pathDraftList, url.Values{"access_token": {e.ctok}})["draft_list"].([]any)
	if len(drafts) != 2 || drafts[0].(map[string]any)["user_version"] != "1.1" {
		t.Fatalf("drafts = %v", drafts)
	}
	std := e.addTemplate(1, map[string]any{"user_version": "2.0", "source_miniprogram_appid": "wxdev000000000003"})
	all := e.get(pathTemplateList, ctq(e.ctok))["template_list"].([]any)
	normal := e.get(pathTemplateList, url.Values{"component_access_token": {e.ctok}, "template_type": {"0"}})["template_list"].([]any)
	standard := e.get(pathTemplateList, url.Values{"component_access_token": {e.ctok}, "template_type": {"1"}})["template_list"].([]any)
	if len(all) != 2 || len(normal) != 1 || len(standard) != 1 {
		t.Fatalf("all %d normal %d standard %d", len(all), len(normal), len(standard))
	}
	st := standard[0].(map[string]any)
	if num64(st, "template_id") != std || st["audit_status"] == nil || len(st["category_list"].([]any)) == 0 {
		t.Fatalf("standard template = %v", st)
	}
	if n := normal[0].(map[string]any); n["audit_status"] != nil || len(n["category_list"].([]any)) != 0 {
		t.Fatalf("normal template = %v", n)
	}
	wantErr(t, e.post(pathTemplateList, ctq(e.ctok), "{}"), 43001)
	wantErr(t, e.post(pathAddToTemplate, ctq(e.ctok), map[string]any{"draft_id": 999}), 85064)
	wantErr(t, e.post(pathDeleteTemplate, ctq(e.ctok), map[string]any{"template_id": std}), 0)
	wantErr(t, e.post(pathDeleteTemplate, ctq(e.ctok), map[string]any{"template_id": std}), 85064)
	// An authorizer token is not a component token.
	wantErr(t, e.get(pathDraftList, ctq(e.atok)), 61014)
}

func TestCommitAndExperienceVersion(t *testing.T) {
	e := newCodeEnv(t)
	wantErr(t, e.get(pathGetPage, e.on()), 86001)
	commit := func(tpl any, ext string) map[string]any {
		return e.post(pathCommit, e.on(), map[string]any{"template_id": tpl, "ext_json": ext, "user_version": "1.0", "user_desc": "d"})
	}
	wantErr(t, commit(999, "{}"), 85014)
	wantErr(t, commit(e.tplID, `{"ext":`), 85013)
	wantErr(t, commit(e.tplID, `{"pages":["pages/missing"]}`), 85045)
	std := e.addTemplate(1, map[string]any{"user_version": "2.0", "source_miniprogram_appid": "wxdev000000000003"})
	wantErr(t, commit(std, `{"extAppid":"x","pages":["pages/index/index"]}`), 9402203)
	// template_id as a string, as WeChat's examples send it.
	wantErr(t, commit(strconv.FormatInt(e.tplID, 10), `{"extAppid":"x","pages":["pages/list/list"]}`), 0)
	pages := e.get(pathGetPage, e.on())["page_list"].([]any)
	if len(pages) != 1 || pages[0] != "pages/list/list" {
		t.Fatalf("pages = %v", pages)
	}
	cats := e.get(pathGetCategory, e.on())["category_list"].([]any)
	if len(cats) != 2 || cats[0].(map[string]any)["first_class"] != "工具" {
		t.Fatalf("categories = %v", cats)
	}
	q := e.on()
	q.Set("path", "pages/list/list?shop=1")
	status, ct, body := e.raw(http.MethodGet, pathGetQRCode, q, "", nil)
	if status != 200 || ct != "image/jpeg" || !bytes.Contains(body, []byte("pages/list/list?shop=1")) {
		t.Fatalf("qrcode: %d %s %d bytes", status, ct, len(body))
	}
	mustJPEG(t, body)
	info := e.post(pathGetVersionInfo, e.on(), "{}")
	if exp := info["exp_info"].(map[string]any); exp["exp_version"] != "1.0" || info["release_info"] != nil {
		t.Fatalf("versioninfo = %v", info)
	}
	if n := e.sim.AppCallCount(mpAppID, "commit"); n != 5 {
		t.Fatalf("commit calls = %d, want 5", n)
	}
}

func TestCodeManagementNeedsPermissionAndAuthorization(t *testing.T) {
	e := newCodeEnv(t)
	wantErr(t, e.get(pathGetPage, ctqAccess("neverissuedneverissuedneverissued")), 40001)
	wantErr(t, e.get(pathGetPage, ctqAccess("bad token!")), 40014)
	wantErr(t, e.get(pathGetPage, ctq(e.ctok)), 41001)
	wantErr(t, e.get(pathGetPage, url.Values{"access_token": {e.ctok}}), 61015)
	other := SeedAuthorizers(4)[3] // a mini program
	if err := e.sim.AddAuthorizer(other); err != nil {
		t.Fatal(err)
	}
	tok := e.authorizerToken(other.AppID, 17)
	wantErr(t, e.post(pathCommit, ctqAccess(tok), map[string]any{"template_id": e.tplID, "user_version": "1"}), 61007)
	wantErr(t, e.post("/sim/revoke", nil, map[string]string{"appid": mpAppID}), 0)
	// A withdrawn authorization revokes its tokens (the refresh then answers 61003).
	wantErr(t, e.get(pathGetPage, e.on()), 40001)
}
