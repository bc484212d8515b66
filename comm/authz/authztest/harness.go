// Package authztest builds, for tests, the whole authorization stack against the WeChat
// simulator over HTTP: a migrated database, the real token manager, the API client, the
// authz Service and Syncer, and a stand-in for the callback endpoint that feeds pushes to the
// Service the way the push job does.
package authztest

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"wxcomponent/app/wire"
	"wxcomponent/comm/authz"
	"wxcomponent/comm/clocktest"
	"wxcomponent/comm/secretbox"
	"wxcomponent/comm/wx/api"
	"wxcomponent/comm/wx/msg"
	"wxcomponent/comm/wx/token"
	"wxcomponent/db/dao"
	"wxcomponent/db/dbtest"
	"wxcomponent/internal/wxsim"
)

// Platform credentials of the simulated third-party platform.
const (
	AppID  = "wx1234567890abcdef"
	Secret = "fedcba9876543210fedcba9876543210"
	// OA and MiniProgram are the simulator's first two preset accounts.
	OA          = "wx570bc396a51b8ff8"
	MiniProgram = "wxd101a85aa106f53e"
)

// Options shapes an Env; zero values give two accounts, a ticket and the platform appid.
type Options struct {
	Authorizers int  // accounts the simulator knows (default 2)
	NoTicket    bool // do not push a ticket at start
	NoAppID     bool // build the Service as if WX_APPID were not configured
	Sync        authz.SyncOptions
}

// Env is one service instance's authorization stack on a fresh database.
type Env struct {
	T       *testing.T
	Clock   *clocktest.Clock
	Sim     *wxsim.Sim
	SimURL  string // serves WeChat's APIs and, as WX_MP_BASE and WX_OPEN_BASE, its authorization pages
	DB      *gorm.DB
	Dialect string
	Store   *dao.Store
	Tokens  *token.Manager
	Tickets *token.Tickets
	WX      *api.Client // bound to Tokens, as the service hands it out
	Raw     *api.Client // no tokens: for calls the test makes behind the service's back
	Svc     *authz.Service
	Syncer  *authz.Syncer

	mu   sync.Mutex
	hold bool
	held []*msg.Message
}

// New builds an Env on a fresh database of dialect.
func New(t *testing.T, dialect string, o Options) *Env {
	t.Helper()
	e := &Env{T: t, Dialect: dialect, Clock: clocktest.New(time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC))}
	e.DB = dbtest.Open(t, dialect)
	e.Store = dao.New(e.DB, dialect, e.Clock.Now)
	receiver := httptest.NewServer(http.HandlerFunc(e.receive))
	t.Cleanup(receiver.Close)
	e.startSim(receiver.URL, o)
	e.buildStack(o)
	if !o.NoTicket {
		if _, _, err := e.Sim.PushTicket(context.Background()); err != nil {
			t.Fatalf("push ticket: %v", err)
		}
	}
	return e
}

// startSim runs the simulator in CloudRun mode (plain JSON pushes) behind an HTTP server.
func (e *Env) startSim(callback string, o Options) {
	n := o.Authorizers
	if n <= 0 {
		n = 2
	}
	sim, err := wxsim.New(wxsim.Config{ComponentAppID: AppID, ComponentSecret: Secret, CallbackBase: callback,
		Mode: wxsim.ModeCloudRun, Now: e.Clock.Now, Authorizers: wxsim.SeedAuthorizers(n)})
	if err != nil {
		e.T.Fatal(err)
	}
	srv := httptest.NewServer(sim.Handler())
	e.T.Cleanup(func() { sim.Close(); srv.Close() })
	e.Sim, e.SimURL = sim, srv.URL
	e.Raw = api.New(api.Options{BaseURL: srv.URL, ComponentAppID: AppID, Version: "test"})
}

// buildStack assembles secrets, tickets, token manager and the authz types with the
// service's constructors.
func (e *Env) buildStack(o Options) {
	box, err := secretbox.Load("", e.T.TempDir())
	if err != nil {
		e.T.Fatal(err)
	}
	c := wire.NewCredentials(e.Store, box, wire.CredentialsConfig{
		ComponentAppID: AppID, APIBase: e.SimURL, Version: "test", EnvAppSecret: Secret, Now: e.Clock.Now,
		Token: token.Options{LeasePoll: 5 * time.Millisecond},
	})
	e.Tickets, e.Tokens, e.WX = c.Tickets, c.Tokens, c.WeChat
	appid := AppID
	if o.NoAppID {
		appid = ""
	}
	a := wire.NewAuthorization(e.Store, c, wire.AuthorizationConfig{ComponentAppID: appid,
		MPBase: e.SimURL, OpenBase: e.SimURL, Now: e.Clock.Now, Sync: o.Sync})
	e.Svc, e.Syncer = a.Service, a.Syncer
	e.T.Cleanup(e.Syncer.Close)
}

// receive plays the callback endpoint and the push job: tickets go to the ticket store,
// authorization changes to the Service (or are only recorded while held).
func (e *Env) receive(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	m, err := msg.Parse(body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if m.InfoType == msg.InfoTicket {
		err = e.Tickets.Save(r.Context(), m.AppID, m.ComponentVerifyTicket, e.Clock.Now())
	} else if !e.record(m) {
		err = e.Svc.HandleComponentPush(r.Context(), m.InfoType, m)
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	_, _ = io.WriteString(w, "success")
}

// record keeps m aside when pushes are held and reports whether it did.
func (e *Env) record(m *msg.Message) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.hold {
		e.held = append(e.held, m)
	}
	return e.hold
}

// Hold makes the receiver acknowledge authorization pushes without processing them (a late
// or lost push) until Release.
func (e *Env) Hold() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.hold = true
}

// Release stops holding and returns the pushes held meanwhile, oldest first.
func (e *Env) Release() []*msg.Message {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.hold = false
	out := e.held
	e.held = nil
	return out
}
