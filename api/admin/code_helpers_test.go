package admin_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"

	"wxcomponent/api/admin"
	"wxcomponent/comm/authz/authztest"
	"wxcomponent/comm/codemgmt"
	"wxcomponent/internal/wxsim"
	"wxcomponent/middleware"
	"wxcomponent/routers"
)

// weapp is the simulator's preset mini program; it grants permission set 18 by default.
const weapp = authztest.MiniProgram

// uploadPath is the one admin route taking multipart forms.
const uploadPath = "/wxcomponent/admin/upload-media"

// codeApp is the code-management API of one service instance against the simulator.
type codeApp struct {
	*authztest.Env
	svc *codemgmt.Service
	r   *gin.Engine
}

// newCodeApp authorizes the preset mini program and mounts the routes behind the request-id
// and CSRF middleware, as routers/ does (JWT is the router's concern, tested there).
func newCodeApp(t *testing.T, dialect string, o authztest.Options) *codeApp {
	t.Helper()
	gin.SetMode(gin.TestMode)
	a := &codeApp{Env: authztest.New(t, dialect, o)}
	a.Authorize(weapp)
	a.svc = codemgmt.New(codemgmt.Deps{Store: a.Store, WeChat: a.WX, Now: a.Clock.Now})
	a.r = gin.New()
	a.r.Use(middleware.RequestID(zap.NewNop()))
	h := &routers.Handlers{Code: admin.NewCodeHandler(a.svc), CodeTemplates: admin.NewCodeTemplateHandler(a.svc),
		CodeSettings: admin.NewCodeSettingsHandler(a.svc)}
	routers.AdminRoutes(a.r.Group("/wxcomponent/admin", middleware.CSRF(middleware.CSRFOptions{})), h)
	routers.UploadRoutes(a.r.Group("/wxcomponent/admin", middleware.CSRF(middleware.CSRFOptions{AllowMultipart: true})), h)
	return a
}

// codeReply is an answer as a client sees it.
type codeReply struct {
	Status int
	Header http.Header
	Raw    string
	Code   int             `json:"code"`
	Msg    string          `json:"errorMsg"`
	Data   json.RawMessage `json:"data"`
}

// send serves one request and decodes the envelope when the answer is JSON.
func (a *codeApp) send(req *http.Request) codeReply {
	a.T.Helper()
	w := httptest.NewRecorder()
	a.r.ServeHTTP(w, req)
	out := codeReply{Status: w.Code, Header: w.Header(), Raw: w.Body.String()}
	if strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
			a.T.Fatalf("%s %s: %v in %q", req.Method, req.URL, err, out.Raw)
		}
	}
	return out
}

// call sends body (a string is sent as is, anything else as JSON) to /wxcomponent/admin+target.
func (a *codeApp) call(method, target string, body any) codeReply {
	a.T.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	default:
		raw, _ := json.Marshal(b)
		r = bytes.NewReader(raw)
	}
	req := httptest.NewRequest(method, "/wxcomponent/admin"+target, r)
	req.Header.Set("Content-Type", "application/json")
	return a.send(req)
}

// ok calls and fails unless the answer is 200 with code 0; data decodes into out (if not nil).
func (a *codeApp) ok(method, target string, body, out any) {
	a.T.Helper()
	rep := a.call(method, target, body)
	if rep.Status != http.StatusOK || rep.Code != 0 {
		a.T.Fatalf("%s %s: %d %s", method, target, rep.Status, rep.Raw)
	}
	if out != nil {
		if err := json.Unmarshal(rep.Data, out); err != nil {
			a.T.Fatalf("%s %s: data %s: %v", method, target, rep.Data, err)
		}
	}
}

// want checks an answer's status, code and that its data contains text.
func want(t *testing.T, rep codeReply, status, code int, text string) {
	t.Helper()
	if rep.Status != status || rep.Code != code || !strings.Contains(string(rep.Data), text) {
		t.Fatalf("got %d %s\nwant %d, code %d, data containing %q", rep.Status, rep.Raw, status, code, text)
	}
}

// decide ends the mini program's audit through the simulator's control API with the push held
// back, and returns the push so the test decides whether it arrives.
func (a *codeApp) decide(result string) func() {
	a.T.Helper()
	a.Hold()
	b, _ := json.Marshal(map[string]any{"appid": weapp, "result": result})
	resp, err := http.Post(a.SimURL+"/sim/audit/decide", "application/json", bytes.NewReader(b))
	if err != nil {
		a.T.Fatal(err)
	}
	out, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	held := a.Release()
	if resp.StatusCode != http.StatusOK {
		a.T.Fatalf("decide %s: %d %s", result, resp.StatusCode, out)
	}
	return func() {
		a.T.Helper()
		for _, m := range held {
			if m.IsWeappAuditEvent() {
				if err := a.svc.HandleAuditPush(context.Background(), weapp, m); err != nil {
					a.T.Fatal(err)
				}
				return
			}
		}
		a.T.Fatal("no audit push was sent")
	}
}

// addTemplate puts a draft in the library through the API and returns the template id.
func (a *codeApp) addTemplate(version string) int64 {
	a.T.Helper()
	a.Sim.AddDraft(wxsim.Draft{UserVersion: version, UserDesc: "模板 " + version, SourceAppID: "wxdev000000000001"})
	var drafts struct {
		DraftList []struct {
			DraftID     int64  `json:"draftId"`
			UserVersion string `json:"userVersion"`
		} `json:"draftList"`
	}
	a.ok(http.MethodGet, "/template-draft-list", nil, &drafts)
	var draft int64 = -1
	for _, d := range drafts.DraftList {
		if d.UserVersion == version {
			draft = d.DraftID
		}
	}
	a.ok(http.MethodPost, "/add-to-template", map[string]any{"draftId": draft, "templateType": 0}, nil)
	var tpls struct {
		TemplateList []struct {
			TemplateID  int64  `json:"templateId"`
			UserVersion string `json:"userVersion"`
		} `json:"templateList"`
	}
	a.ok(http.MethodGet, "/template-list?templateType=0", nil, &tpls)
	for _, t := range tpls.TemplateList {
		if t.UserVersion == version {
			return t.TemplateID
		}
	}
	a.T.Fatalf("template %s not listed: %+v", version, tpls)
	return 0
}
