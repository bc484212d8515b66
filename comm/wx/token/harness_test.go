package token

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"gorm.io/gorm"

	"wxcomponent/comm/clocktest"
	"wxcomponent/comm/secretbox"
	"wxcomponent/comm/secrets"
	"wxcomponent/comm/wx/api"
	"wxcomponent/comm/wx/msg"
	"wxcomponent/db"
	"wxcomponent/db/dao"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
	"wxcomponent/internal/wxsim"
)

const (
	testAppID  = "wx0123456789abcdef"
	testSecret = "0123456789abcdef0123456789ABCDEF"
	oaAppID    = "wx570bc396a51b8ff8"
)

// harness is one service instance's credential stack against the simulator.
type harness struct {
	t       testing.TB
	clock   *clocktest.Clock
	sim     *wxsim.Sim
	gdb     *gorm.DB
	dialect string
	store   *dao.Store
	box     *secretbox.Box
	secrets *secrets.Service
	tickets *Tickets
	mgr     *Manager
	wx      *api.Client // bound to mgr, as the service hands it out
	raw     *api.Client
	opts    Options
}

// newHarness builds the stack on a fresh database of dialect, with the
// simulator (CloudRun mode, so pushes are plain JSON) pushing tickets to a
// receiver that stores them like the callback handler does.
func newHarness(t testing.TB, dialect string, tune func(*Options)) *harness {
	t.Helper()
	h := &harness{t: t, dialect: dialect, clock: clocktest.New(time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC))}
	h.gdb = dbtest.Open(t, dialect)
	receiver := httptest.NewServer(http.HandlerFunc(h.receive))
	t.Cleanup(receiver.Close)
	sim, err := wxsim.New(wxsim.Config{ComponentAppID: testAppID, ComponentSecret: testSecret,
		CallbackBase: receiver.URL, Mode: wxsim.ModeCloudRun, Now: h.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	h.sim = sim
	srv := httptest.NewServer(sim.Handler())
	t.Cleanup(func() { sim.Close(); srv.Close() })
	h.raw = api.New(api.Options{BaseURL: srv.URL, ComponentAppID: testAppID, Version: "test"})
	if h.box, err = secretbox.Load("", t.TempDir()); err != nil {
		t.Fatal(err)
	}
	h.build(h.gdb, tune)
	return h
}

// build assembles store, secrets, tickets and manager on g with the constructors app/wire calls.
// This in-package harness cannot use wire (or tokentest, built on it): both import this
// package, and the tests here reach unexported state (the cache, the options of a restart).
func (h *harness) build(g *gorm.DB, tune func(*Options)) {
	h.store = dao.New(g, h.dialect, h.clock.Now)
	h.secrets = secrets.New(h.store, h.box, secrets.Options{Now: h.clock.Now, EnvAppSecret: testSecret})
	h.tickets = NewTickets(h.store, h.raw, h.secrets, testAppID, TicketOptions{Now: h.clock.Now})
	h.opts = Options{Now: h.clock.Now, LeasePoll: 5 * time.Millisecond}
	if tune != nil {
		tune(&h.opts)
	}
	h.mgr = h.newManager()
	h.wx = h.raw.WithTokens(h.mgr)
}

// newManager builds a manager on the harness's collaborators with h.opts.
func (h *harness) newManager() *Manager {
	return NewManager(h.store, h.raw, h.secrets, h.tickets, h.box, testAppID, h.opts)
}

// restart builds a second instance on the same database (a new process: empty memory).
func (h *harness) restart() *harness {
	cp := *h
	cp.build(h.gdb, func(o *Options) { *o = h.opts; o.InstanceID = "" })
	return &cp
}

// otherInstance builds a second instance with its own connection pool on the same database.
func (h *harness) otherInstance() *harness {
	h.t.Helper()
	g := h.gdb
	if h.dialect == db.MySQL {
		name := h.gdb.Migrator().CurrentDatabase()
		var err error
		g, _, err = db.Open(db.Options{MySQLAddress: dbtest.MySQLAddr(), MySQLUsername: "root", MySQLDatabase: name})
		if err != nil {
			h.t.Fatal(err)
		}
		h.t.Cleanup(func() {
			if s, err := g.DB(); err == nil {
				_ = s.Close()
			}
		})
	}
	cp := *h
	cp.build(g, func(o *Options) { *o = h.opts; o.InstanceID = "" })
	cp.gdb = g
	return &cp
}

// receive plays the callback endpoint: store tickets, acknowledge everything.
func (h *harness) receive(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	if m, err := msg.Parse(body); err == nil && m.InfoType == "component_verify_ticket" {
		if err := h.tickets.Save(r.Context(), m.AppID, m.ComponentVerifyTicket, h.clock.Now()); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
	}
	_, _ = io.WriteString(w, "success")
}

// pushTicket makes the simulator push a ticket to the receiver.
func (h *harness) pushTicket() string {
	h.t.Helper()
	ticket, _, err := h.sim.PushTicket(context.Background())
	if err != nil {
		h.t.Fatalf("push ticket: %v", err)
	}
	return ticket
}

// authorize makes appid authorize the platform and stores its row with the
// refresh token sealed, as authorization processing does.
func (h *harness) authorize(appid string) wxsim.Grant {
	h.t.Helper()
	g, _, err := h.sim.Authorize(context.Background(), appid)
	if err != nil {
		h.t.Fatalf("authorize: %v", err)
	}
	sealed, err := h.mgr.SealRefreshToken(appid, g.RefreshToken)
	if err != nil {
		h.t.Fatal(err)
	}
	h.upsertAuthorizer(appid, sealed, model.AuthorizerActive)
	return g
}

// upsertAuthorizer writes an authorizer row directly.
func (h *harness) upsertAuthorizer(appid, refresh string, status int) {
	h.t.Helper()
	row := model.Authorizer{AppID: appid, RefreshToken: refresh, Status: status, AuthTime: h.clock.Now(), FuncInfo: ""}
	if err := h.gdb.Where("appid = ?", appid).Delete(&model.Authorizer{}).Error; err != nil {
		h.t.Fatal(err)
	}
	if err := h.gdb.Create(&row).Error; err != nil {
		h.t.Fatal(err)
	}
}

// calls returns the simulator's call count of an API.
func (h *harness) calls(api string) int { return h.sim.CallCount(api) }
