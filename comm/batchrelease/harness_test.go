package batchrelease_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"wxcomponent/comm/authz/authztest"
	"wxcomponent/comm/batchrelease"
	"wxcomponent/comm/wx/api"
	"wxcomponent/db/model"
	"wxcomponent/internal/wxsim"
)

var ctx = context.Background()

// env is the authorization stack against the simulator with n authorized mini programs (each
// with permission set 18) and one code template.
type env struct {
	*authztest.Env
	mps   []string
	tplID int64
}

// newEnv authorizes n mini programs (the simulator's odd seeds) and adds a template.
func newEnv(t *testing.T, dialect string, n int) *env {
	t.Helper()
	e := &env{Env: authztest.New(t, dialect, authztest.Options{Authorizers: 2*n + 1})}
	ids := e.AuthorizerIDs()
	for i := 1; i < len(ids) && len(e.mps) < n; i += 2 {
		e.Authorize(ids[i])
		e.mps = append(e.mps, ids[i])
	}
	d := e.Sim.AddDraft(wxsim.Draft{UserVersion: "1.0.0", UserDesc: "模板", SourceAppID: "wxdev000000000001",
		Pages: []string{"pages/index/index", "pages/shop/shop"}})
	if err := e.WX.AddToTemplate(ctx, d.DraftID, api.TemplateNormal); err != nil {
		t.Fatal(err)
	}
	list, err := e.WX.GetTemplateList(ctx, nil)
	if err != nil || len(list) == 0 {
		t.Fatalf("template list %v: %v", list, err)
	}
	e.tplID = int64(list[len(list)-1].TemplateID)
	return e
}

// spec is a batch over appids with per-account shop ids and an audit item the simulator accepts.
func (e *env) spec(appids []string) batchrelease.Spec {
	vars := batchrelease.Vars{}
	for i, id := range appids {
		vars[id] = map[string]string{"shopId": string(rune('A'+i%26)) + "-shop"}
	}
	return batchrelease.Spec{Name: "test", TemplateID: e.tplID, UserVersion: "2.0.0", UserDesc: "批量发布",
		ExtJSON: `{"extAppid":"{{appid}}","ext":{"name":"{{nickname}}","owner":"{{principalName}}","shop":"{{shopId}}"}}`,
		Vars:    vars, Accounts: batchrelease.Selection{AppIDs: appids},
		Audit: api.SubmitAuditRequest{ItemList: []api.AuditItem{{Address: "pages/index/index", Tag: "工具", Title: "首页",
			FirstClass: "工具", SecondClass: "效率", FirstID: 287, SecondID: 616}}},
		AutoRelease: true, Concurrency: 8}
}

// engine builds an engine with short intervals on the env's store, calling WeChat through wx;
// adjust functions
// Options may adjust them.
func (e *env) engine(wx batchrelease.WeChat, adjust ...func(*batchrelease.Options)) *batchrelease.Engine {
	if wx == nil {
		wx = e.WX
	}
	o := batchrelease.Options{Store: e.Store, WeChat: wx, Tick: 5 * time.Millisecond,
		AuditPoll: 5 * time.Millisecond, RetryDelay: 5 * time.Millisecond, LeaseTTL: 3 * time.Second,
		QuotaRecheck: time.Hour}
	for _, f := range adjust {
		f(&o)
	}
	return batchrelease.New(o)
}

// run starts en; stop ends it and waits, kill only cancels it (callable from inside the engine).
func run(t *testing.T, en *batchrelease.Engine) (stop, kill func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { en.Run(ctx); close(done) }()
	var once sync.Once
	stop = func() { once.Do(func() { cancel(); <-done }) }
	t.Cleanup(stop)
	return stop, cancel
}

// decider ends every audit in progress: rejected for the appids in reject, approved otherwise,
// and tells en (when set) as the push handler would.
func (e *env) decider(t *testing.T, reject map[string]bool, en func() *batchrelease.Engine) (stop func()) {
	return e.deciderFunc(t, func(id string) bool { return reject[id] }, en)
}

// deciderFunc is decider with the rejection rule as a function.
func (e *env) deciderFunc(t *testing.T, reject func(appid string) bool, en func() *batchrelease.Engine) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ctx.Err() == nil {
			for _, id := range e.mps {
				e.decide(ctx, id, reject(id), en)
			}
			time.Sleep(3 * time.Millisecond)
		}
	}()
	var once sync.Once
	stop = func() { once.Do(func() { cancel(); <-done }) }
	t.Cleanup(stop)
	return stop
}

// decide ends appid's audit in progress, if any.
func (e *env) decide(ctx context.Context, appid string, reject bool, en func() *batchrelease.Engine) {
	st := e.Sim.CodeState(appid)
	if len(st.Audits) == 0 || st.Audits[len(st.Audits)-1].Status != wxsim.AuditAuditing {
		return
	}
	d := wxsim.Decision{AppID: appid, Result: wxsim.DecideApprove}
	if reject {
		d.Result, d.Reason = wxsim.DecideReject, "1:小程序功能不完整:<br>(1):页面存在空白内容<br>"
	}
	if _, _, err := e.Sim.DecideAudit(ctx, d); err == nil && en != nil && en() != nil {
		_ = en().AuditResult(ctx, appid)
	}
}

// report reads the batch.
func report(t *testing.T, en *batchrelease.Engine, id int64) batchrelease.Report {
	t.Helper()
	r, err := en.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// waitFor polls until cond holds; the generous limit only keeps a broken engine from hanging.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// waitStatus waits until the batch has status.
func waitStatus(t *testing.T, en *batchrelease.Engine, id int64, status string) batchrelease.Report {
	t.Helper()
	var r batchrelease.Report
	waitFor(t, "batch "+status, func() bool { r = report(t, en, id); return r.Batch.Status == status })
	return r
}

// byApp indexes a report's accounts.
func byApp(r batchrelease.Report) map[string]model.CodeBatchAccount {
	out := map[string]model.CodeBatchAccount{}
	for _, a := range r.Accounts {
		out[a.AppID] = a
	}
	return out
}

// errCrash is what a crashing instance's last call answers: the call reached WeChat, the answer
// never came back.
var errCrash = errors.New("connection reset by peer (instance killed)")

// crashingWX passes calls to WeChat; the nth call of method (commit or submit) takes effect and
// then "kills" the instance: kill is called and the engine sees only errCrash.
type crashingWX struct {
	batchrelease.WeChat
	method string
	n      int
	kill   func()
	mu     sync.Mutex
	seen   int
	dead   bool
}

// setKill arms the crash with the function that kills the instance.
func (c *crashingWX) setKill(kill func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.kill = kill
}

// killNow kills the instance.
func (c *crashingWX) killNow() {
	c.mu.Lock()
	kill := c.kill
	c.mu.Unlock()
	if kill != nil { // not armed yet: the test stops the instance once it sees it dead
		kill()
	}
}

// hit counts a call of method and tells whether this one crashes the instance.
func (c *crashingWX) hit(method string) (crash, dead bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.dead {
		return false, true
	}
	if method != c.method {
		return false, false
	}
	c.seen++
	if c.seen == c.n {
		c.dead = true
		return true, false
	}
	return false, false
}

// Commit crashes the instance on the nth commit.
func (c *crashingWX) Commit(ctx context.Context, appid string, req api.CommitRequest) error {
	crash, dead := c.hit("commit")
	if dead {
		return errCrash
	}
	err := c.WeChat.Commit(ctx, appid, req)
	if crash {
		c.killNow()
		return errCrash
	}
	return err
}

// SubmitAudit crashes the instance on the nth submit.
func (c *crashingWX) SubmitAudit(ctx context.Context, appid string, req api.SubmitAuditRequest) (int64, error) {
	crash, dead := c.hit("submit")
	if dead {
		return 0, errCrash
	}
	id, err := c.WeChat.SubmitAudit(ctx, appid, req)
	if crash {
		c.killNow()
		return 0, errCrash
	}
	return id, err
}
