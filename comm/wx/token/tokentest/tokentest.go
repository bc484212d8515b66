// Package tokentest builds the real credential stack (secrets, tickets,
// token manager, API client) on a test database against the WeChat
// simulator, for tests of packages that need tokens.
package tokentest

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"gorm.io/gorm"

	"wxcomponent/app/wire"
	"wxcomponent/comm/clocktest"
	"wxcomponent/comm/secretbox"
	"wxcomponent/comm/secrets"
	"wxcomponent/comm/wx/api"
	"wxcomponent/comm/wx/msg"
	"wxcomponent/comm/wx/token"
	"wxcomponent/db/dao"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
	"wxcomponent/internal/wxsim"
)

// The simulated platform's credentials.
const (
	AppID     = "wx0123456789abcdef"
	AppSecret = "0123456789abcdef0123456789ABCDEF"
)

// Stack is one service instance's credential stack.
type Stack struct {
	Clock   *clocktest.Clock
	Sim     *wxsim.Sim
	DB      *gorm.DB
	Store   *dao.Store
	Box     *secretbox.Box
	Secrets *secrets.Service
	Tickets *token.Tickets
	Manager *token.Manager
	API     *api.Client // bound to Manager, as the service hands it out
}

// New builds the stack on a fresh database of dialect. The simulator runs in
// CloudRun mode and pushes tickets to a receiver that stores them as the
// callback handler does. The AppSecret is set as if by WX_APPSECRET.
func New(t testing.TB, dialect string) *Stack {
	t.Helper()
	s := &Stack{Clock: clocktest.New(time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)), DB: dbtest.Open(t, dialect)}
	receiver := httptest.NewServer(http.HandlerFunc(s.receive))
	t.Cleanup(receiver.Close)
	sim, err := wxsim.New(wxsim.Config{ComponentAppID: AppID, ComponentSecret: AppSecret,
		CallbackBase: receiver.URL, Mode: wxsim.ModeCloudRun, Now: s.Clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim.Handler())
	t.Cleanup(func() { sim.Close(); srv.Close() })
	s.Sim = sim
	if s.Box, err = secretbox.Load("", t.TempDir()); err != nil {
		t.Fatal(err)
	}
	s.wire(dialect, srv.URL)
	return s
}

// wire builds the components with the service's constructor.
func (s *Stack) wire(dialect, simURL string) {
	s.Store = dao.New(s.DB, dialect, s.Clock.Now)
	c := wire.NewCredentials(s.Store, s.Box, wire.CredentialsConfig{
		ComponentAppID: AppID, APIBase: simURL, Version: "test", EnvAppSecret: AppSecret, Now: s.Clock.Now,
		Token: token.Options{LeasePoll: 5 * time.Millisecond},
	})
	s.Secrets, s.Tickets, s.Manager, s.API = c.Secrets, c.Tickets, c.Tokens, c.WeChat
}

// receive plays the callback endpoint for tickets and acknowledges every push.
func (s *Stack) receive(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	if m, err := msg.Parse(body); err == nil && m.InfoType == "component_verify_ticket" {
		if err := s.Tickets.Save(r.Context(), m.AppID, m.ComponentVerifyTicket, s.Clock.Now()); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
	}
	_, _ = io.WriteString(w, "success")
}

// PushTicket makes the simulator push a ticket, which the stack stores.
func (s *Stack) PushTicket(t testing.TB) string {
	t.Helper()
	ticket, _, err := s.Sim.PushTicket(context.Background())
	if err != nil {
		t.Fatalf("push ticket: %v", err)
	}
	return ticket
}

// Authorize makes appid authorize the platform and stores its authorizer row
// with the refresh token sealed.
func (s *Stack) Authorize(t testing.TB, appid string) wxsim.Grant {
	t.Helper()
	g, _, err := s.Sim.Authorize(context.Background(), appid)
	if err != nil {
		t.Fatalf("authorize %s: %v", appid, err)
	}
	sealed, err := s.Manager.SealRefreshToken(appid, g.RefreshToken)
	if err != nil {
		t.Fatal(err)
	}
	row := model.Authorizer{AppID: appid, RefreshToken: sealed, AuthTime: s.Clock.Now()}
	if err := s.DB.Where("appid = ?", appid).Delete(&model.Authorizer{}).Error; err != nil {
		t.Fatal(err)
	}
	if err := s.DB.Create(&row).Error; err != nil {
		t.Fatal(err)
	}
	return g
}
