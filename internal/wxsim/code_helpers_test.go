package wxsim

import (
	"bytes"
	"encoding/json"
	"image/jpeg"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"testing"
)

// codeEnv is an env with the test mini program authorized (permission set 18 among others),
// its authorizer token, a component token and one normal template.
type codeEnv struct {
	*env
	ctok, atok string
	tplID      int64
}

// newCodeEnv prepares the mini program for code management.
func newCodeEnv(t *testing.T) *codeEnv {
	t.Helper()
	e := &codeEnv{env: newEnv(t, nil)}
	e.ctok = e.componentToken()
	e.atok = e.authorizerToken(mpAppID)
	e.tplID = e.addTemplate(0, map[string]any{"user_version": "1.0.0", "user_desc": "first",
		"source_miniprogram_appid": "wxdev000000000001", "pages": []string{"pages/index/index", "pages/list/list"}})
	return e
}

// authorizerToken authorizes appid through the control API and returns its token.
func (e *codeEnv) authorizerToken(appid string, funcs ...int) string {
	e.t.Helper()
	body := map[string]any{"appid": appid}
	if len(funcs) > 0 {
		body["funcInfo"] = funcs
	}
	m := e.post("/sim/authorize", nil, body)
	info := e.queryAuth(e.ctok, m["auth_code"].(string))
	return info["authorizer_access_token"].(string)
}

// addTemplate uploads a draft through the control API and adds it to the library.
func (e *codeEnv) addTemplate(typ int, draft map[string]any) int64 {
	e.t.Helper()
	m := e.post("/sim/code/draft", nil, draft)
	draftID := m["draft_id"].(json.Number)
	wantErr(e.t, e.post(pathAddToTemplate, ctq(e.ctok), map[string]any{"draft_id": draftID, "template_type": typ}), 0)
	list := e.get(pathTemplateList, ctq(e.ctok))["template_list"].([]any)
	id, _ := list[len(list)-1].(map[string]any)["template_id"].(json.Number).Int64()
	return id
}

// get is call with GET.
func (e *env) get(path string, query url.Values) map[string]any {
	e.t.Helper()
	return e.call(http.MethodGet, path, query, nil)
}

// on is the query of an on-behalf call.
func (e *codeEnv) on() url.Values { return ctqAccess(e.atok) }

// commit commits the template with ext_json and fails on error.
func (e *codeEnv) commit(version string) {
	e.t.Helper()
	wantErr(e.t, e.post(pathCommit, e.on(), map[string]any{"template_id": e.tplID,
		"ext_json": `{"extAppid":"` + mpAppID + `","ext":{"shop":"1"}}`, "user_version": version, "user_desc": "d"}), 0)
}

// submit submits the commit for audit and returns the audit id.
func (e *codeEnv) submit() int64 {
	e.t.Helper()
	m := e.post(pathSubmitAudit, e.on(), map[string]any{"item_list": []map[string]any{{"address": "pages/index/index",
		"tag": "工具 效率", "first_class": "工具", "second_class": "效率", "first_id": 287, "second_id": 616, "title": "首页"}},
		"version_desc": "v"})
	wantErr(e.t, m, 0)
	id, _ := m["auditid"].(json.Number).Int64()
	return id
}

// decide decides the audit in progress through the control API.
func (e *codeEnv) decide(result string) map[string]any {
	e.t.Helper()
	m := e.post("/sim/audit/decide", nil, map[string]any{"appid": mpAppID, "result": result})
	if m["error"] != nil {
		e.t.Fatalf("decide %s: %v", result, m)
	}
	return m
}

// raw performs a request and returns status, content type and body.
func (e *env) raw(method, path string, query url.Values, contentType string, body []byte) (int, string, []byte) {
	e.t.Helper()
	req, _ := http.NewRequest(method, e.srv.URL+path+"?"+query.Encode(), bytes.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Content-Type"), b
}

// multipartBody builds a form with the file field "media".
func multipartBody(t *testing.T, name string, data []byte) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("media", name)
	_, _ = fw.Write(data)
	_ = mw.Close()
	return mw.FormDataContentType(), buf.Bytes()
}

// mustJPEG fails unless b decodes as a JPEG.
func mustJPEG(t *testing.T, b []byte) {
	t.Helper()
	if _, err := jpeg.Decode(bytes.NewReader(b)); err != nil {
		t.Fatalf("not a JPEG (%d bytes): %v", len(b), err)
	}
}

// num64 reads a JSON number field.
func num64(m map[string]any, key string) int64 {
	n, _ := m[key].(json.Number).Int64()
	return n
}
