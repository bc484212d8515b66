package codemgmt_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"wxcomponent/comm/authz/authztest"
	"wxcomponent/comm/codemgmt"
	"wxcomponent/comm/wx/api"
	"wxcomponent/comm/wx/msg"
	"wxcomponent/db/model"
	"wxcomponent/internal/wxsim"
)

var ctx = context.Background()

// mp is the simulator's preset mini program; it grants permission set 18 by default.
const mp = authztest.MiniProgram

// env is the authorization stack against the simulator plus a code-management Service.
type env struct {
	*authztest.Env
	svc *codemgmt.Service
	tpl int64 // a normal template
}

// newEnv authorizes the mini program (its row lands in the database through the real
// authorized-push flow) and puts one normal template in the library.
func newEnv(t *testing.T, dialect string) *env {
	t.Helper()
	e := &env{Env: authztest.New(t, dialect, authztest.Options{})}
	e.Authorize(mp)
	e.svc = codemgmt.New(codemgmt.Deps{Store: e.Store, WeChat: e.WX, Now: e.Clock.Now})
	e.Sim.AddDraft(wxsim.Draft{UserVersion: "1.0.0", UserDesc: "模板", SourceAppID: "wxdev000000000001"})
	drafts, err := e.svc.TemplateDrafts(ctx)
	if err != nil || len(drafts) != 1 {
		t.Fatalf("drafts %+v, %v", drafts, err)
	}
	if err := e.svc.AddToTemplate(ctx, drafts[0].DraftID, api.TemplateNormal); err != nil {
		t.Fatal(err)
	}
	normal := api.TemplateNormal
	list, err := e.svc.Templates(ctx, &normal)
	if err != nil || len(list) != 1 {
		t.Fatalf("templates %+v, %v", list, err)
	}
	e.tpl = int64(list[0].TemplateID)
	return e
}

// commit commits the template as version from the console's JSON (templateId as a string).
func (e *env) commit(version string) {
	e.T.Helper()
	body := `{"templateId":"` + strconv.FormatInt(e.tpl, 10) + `","extJson":"{\"extAppid\":\"` + mp +
		`\"}","userVersion":"` + version + `","userDesc":"版本 ` + version + `"}`
	var req api.CommitRequest
	if err := json.Unmarshal([]byte(body), &req); err != nil {
		e.T.Fatal(err)
	}
	if err := e.svc.Commit(ctx, mp, req); err != nil {
		e.T.Fatalf("commit %s: %v", version, err)
	}
}

// submitBody is the console's submit-audit body for the first committed page.
func (e *env) submitBody() api.SubmitAuditRequest {
	e.T.Helper()
	pages, err := e.svc.Pages(ctx, mp)
	if err != nil || len(pages) == 0 {
		e.T.Fatalf("pages %v, %v", pages, err)
	}
	cats, err := e.svc.Categories(ctx, mp)
	if err != nil || len(cats) == 0 {
		e.T.Fatalf("categories %v, %v", cats, err)
	}
	c := cats[0]
	body := `{"itemList":[{"address":"` + pages[0] + `","tag":"工具 效率","firstClass":"` + c.FirstClass +
		`","secondClass":"` + c.SecondClass + `","firstId":` + strconv.FormatInt(c.FirstID, 10) +
		`,"secondId":` + strconv.FormatInt(c.SecondID, 10) + `,"title":"首页"}],"versionDesc":"提审说明",` +
		`"ugcDeclare":{"scene":[0],"hasAuditTeam":0}}`
	var req api.SubmitAuditRequest
	if err := json.Unmarshal([]byte(body), &req); err != nil {
		e.T.Fatal(err)
	}
	return req
}

// submit submits the experience version and returns the audit id.
func (e *env) submit() int64 {
	e.T.Helper()
	id, err := e.svc.SubmitAudit(ctx, mp, e.submitBody())
	if err != nil || id == 0 {
		e.T.Fatalf("submit audit: %d, %v", id, err)
	}
	return id
}

// decide ends the audit through the simulator's control API while the receiver holds pushes,
// and returns the decoded audit push it received.
func (e *env) decide(result string) *msg.Message {
	e.T.Helper()
	e.Hold()
	defer e.Release()
	b, _ := json.Marshal(map[string]any{"appid": mp, "result": result})
	resp, err := http.Post(e.SimURL+"/sim/audit/decide", "application/json", bytes.NewReader(b))
	if err != nil {
		e.T.Fatal(err)
	}
	out, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		e.T.Fatalf("decide %s: %d %s", result, resp.StatusCode, out)
	}
	for _, m := range e.Release() {
		if m.IsWeappAuditEvent() {
			return m
		}
	}
	e.T.Fatalf("decide %s: no audit push received", result)
	return nil
}

// version reads the stored version of an audit.
func (e *env) version(auditID int64) model.WeappVersion {
	e.T.Helper()
	v, err := e.Store.WeappVersionByAudit(ctx, mp, auditID)
	if err != nil {
		e.T.Fatalf("version of audit %d: %v", auditID, err)
	}
	return *v
}

// events returns the history of the mini program, oldest first, as "from>to/source".
func (e *env) events() []string {
	e.T.Helper()
	evs, err := e.Store.ListWeappVersionEvents(ctx, mp, 0)
	if err != nil {
		e.T.Fatal(err)
	}
	out := make([]string, 0, len(evs))
	for i := len(evs) - 1; i >= 0; i-- {
		ev := evs[i]
		out = append(out, ev.FromState+">"+ev.ToState+"/"+ev.Source)
	}
	return out
}

// wantEvents compares the history with want.
func (e *env) wantEvents(want ...string) {
	e.T.Helper()
	if got := e.events(); strings.Join(got, " ") != strings.Join(want, " ") {
		e.T.Fatalf("history:\n got  %v\n want %v", got, want)
	}
}

// wantWeChatError checks err is a *WeChatError with code and a Chinese hint containing hint.
func wantWeChatError(t *testing.T, err error, code int64, hint string) {
	t.Helper()
	var we *codemgmt.WeChatError
	if !errors.As(err, &we) || we.Code != code || !strings.Contains(we.Hint, hint) || !strings.Contains(we.Message(), hint) {
		t.Fatalf("want errcode %d with hint %q, got %v (%+v)", code, hint, err, we)
	}
}
