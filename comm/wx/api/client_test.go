package api_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"wxcomponent/comm/wx/api"
	"wxcomponent/db/dao"
	"wxcomponent/db/dbtest"
	"wxcomponent/internal/wxsim"
)

const (
	appID  = "wx0123456789abcdef"
	secret = "0123456789abcdef0123456789ABCDEF"
	mpApp  = "wxd101a85aa106f53e"
)

var ctx = context.Background()

// staticTokens hands out fixed tokens and records invalidations; it stands
// in for the token manager, which has its own tests against the simulator.
type staticTokens struct {
	mu          sync.Mutex
	values      []string // served in order; the last one repeats
	invalidated []string
}

func (s *staticTokens) AccessToken(context.Context, api.Kind, string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := s.values[0]
	if len(s.values) > 1 {
		s.values = s.values[1:]
	}
	return v, nil
}

func (s *staticTokens) Invalidate(_ context.Context, _ api.Kind, _, failed string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.invalidated = append(s.invalidated, failed)
	return nil
}

func newSim(t *testing.T) (*wxsim.Sim, string) {
	t.Helper()
	sim, err := wxsim.New(wxsim.Config{ComponentAppID: appID, ComponentSecret: secret, Mode: wxsim.ModeCloudRun})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim.Handler())
	t.Cleanup(func() { sim.Close(); srv.Close() })
	return sim, srv.URL
}

// componentToken gets a real token from the simulator.
func componentToken(t *testing.T, sim *wxsim.Sim, c *api.Client) string {
	t.Helper()
	ticket, _, _ := sim.PushTicket(ctx) // no callback configured: the ticket is still valid
	tok, err := c.GetComponentToken(ctx, secret, ticket)
	if err != nil {
		t.Fatal(err)
	}
	if tok.ExpiresIn != 7200 {
		t.Fatalf("expires_in = %d", tok.ExpiresIn)
	}
	return tok.AccessToken
}

func TestErrcodeBecomesTypedErrorWithRID(t *testing.T) {
	sim, base := newSim(t)
	raw := api.New(api.Options{BaseURL: base, ComponentAppID: appID})
	tokens := &staticTokens{values: []string{componentToken(t, sim, raw)}}
	c := raw.WithTokens(tokens)
	sim.SetFault(wxsim.Fault{API: "api_create_preauthcode", Errcode: 45009})
	_, err := c.CreatePreAuthCode(ctx)
	var e *api.Error
	if !errors.As(err, &e) || e.Code != 45009 || e.RID == "" || e.Path != api.PathCreatePreAuthCode {
		t.Fatalf("err = %#v", err)
	}
	if !strings.HasPrefix(api.PublicText(err), "errcode 45009: ") {
		t.Fatalf("public text %q", api.PublicText(err))
	}
	sim.SetFault(wxsim.Fault{API: "api_create_preauthcode", HTTPStatus: 502})
	_, err = c.CreatePreAuthCode(ctx)
	var se *api.StatusError
	if !errors.As(err, &se) || se.Status != 502 {
		t.Fatalf("err = %v, want a StatusError 502", err)
	}
	code, err := c.CreatePreAuthCode(ctx)
	if err != nil || !strings.HasPrefix(code.Code, "preauthcode@@@") || code.ExpiresIn <= 0 {
		t.Fatalf("CreatePreAuthCode = %+v, %v", code, err)
	}
	if len(tokens.invalidated) != 0 {
		t.Fatalf("non-token errors invalidated %v", tokens.invalidated)
	}
}

func TestRejectedTokenRetriedExactlyOnce(t *testing.T) {
	sim, base := newSim(t)
	raw := api.New(api.Options{BaseURL: base, ComponentAppID: appID})
	good := componentToken(t, sim, raw)
	// A token that was never issued: 40001, then the good one.
	tokens := &staticTokens{values: []string{"neverissuedneverissuedneverissued", good}}
	if _, err := raw.WithTokens(tokens).CreatePreAuthCode(ctx); err != nil {
		t.Fatalf("not healed: %v", err)
	}
	if len(tokens.invalidated) != 1 || tokens.invalidated[0] != "neverissuedneverissuedneverissued" {
		t.Fatalf("invalidated %v, want exactly the failed token", tokens.invalidated)
	}
	// Always bad: two calls, then the error; never a loop.
	bad := &staticTokens{values: []string{"bad!"}}
	before := sim.CallCount("api_create_preauthcode")
	_, err := raw.WithTokens(bad).CreatePreAuthCode(ctx)
	if api.ErrCode(err) != api.CodeInvalidAccessToken {
		t.Fatalf("err = %v, want 40014", err)
	}
	if n := sim.CallCount("api_create_preauthcode") - before; n != 2 {
		t.Fatalf("%d calls, want 2", n)
	}
}

func TestAuthorizerCalls(t *testing.T) {
	sim, base := newSim(t)
	raw := api.New(api.Options{BaseURL: base, ComponentAppID: appID})
	c := raw.WithTokens(&staticTokens{values: []string{componentToken(t, sim, raw)}})
	g, _, _ := sim.Authorize(ctx, mpApp) // push fails (no callback); the grant stands
	info, err := c.QueryAuth(ctx, g.AuthCode)
	if err != nil || info.AppID() != mpApp || info.RefreshToken != g.RefreshToken || len(api.FuncIDs(info.FuncInfo)) == 0 {
		t.Fatalf("QueryAuth = %+v, %v", info, err)
	}
	d, err := c.GetAuthorizerInfo(ctx, mpApp)
	if err != nil || !d.IsMiniProgram() || d.Authorization.AppID() != mpApp {
		t.Fatalf("GetAuthorizerInfo = %+v, %v", d, err)
	}
	list, err := c.GetAuthorizerList(ctx, 0, 0)
	if err != nil || list.TotalCount != 1 || list.List[0].AuthorizerAppID != mpApp {
		t.Fatalf("GetAuthorizerList = %+v, %v", list, err)
	}
	at, err := c.RefreshAuthorizerToken(ctx, mpApp, g.RefreshToken)
	if err != nil || at.AccessToken == "" || at.RefreshToken != g.RefreshToken {
		t.Fatalf("RefreshAuthorizerToken = %+v, %v", at, err)
	}
	_, err = c.RefreshAuthorizerToken(ctx, mpApp, "refreshtoken@@@stale")
	if !api.IsCode(err, api.CodeRefreshTokenBad) {
		t.Fatalf("stale refresh token: %v", err)
	}
}

func TestAuthorizationAppIDSpelling(t *testing.T) {
	var a api.AuthorizationInfo
	if err := json.Unmarshal([]byte(`{"authorization_appid":"wxdoc"}`), &a); err != nil || a.AppID() != "wxdoc" {
		t.Fatalf("AppID = %q, %v", a.AppID(), err)
	}
}

// recorder is a stand-in upstream that records what it receives.
type recorder struct {
	mu      sync.Mutex
	queries []url.Values
	agents  []string
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	r.queries = append(r.queries, req.URL.Query())
	r.agents = append(r.agents, req.UserAgent())
	r.mu.Unlock()
	_, _ = w.Write([]byte(`{"errcode":0,"errmsg":"ok","pre_auth_code":"p","expires_in":600}`))
}

func TestCloudRunOpenAPISendsNoComponentToken(t *testing.T) {
	rec := &recorder{}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	c := api.New(api.Options{BaseURL: srv.URL, ComponentAppID: appID, CloudRunOpenAPI: true, Version: "9.9"}).
		WithTokens(&staticTokens{values: []string{"must-not-be-sent"}})
	if _, err := c.CreatePreAuthCode(ctx); err != nil {
		t.Fatal(err)
	}
	if err := c.CallAuthorizer(ctx, mpApp, http.MethodGet, "/wxa/get_page", url.Values{"x": {"1"}}, nil, nil); err != nil {
		t.Fatal(err)
	}
	if q := rec.queries[0]; q.Has("component_access_token") || q.Has("access_token") {
		t.Fatalf("component call carried a token: %v", q)
	}
	if q := rec.queries[1]; q.Get("access_token") != "must-not-be-sent" || q.Get("x") != "1" {
		t.Fatalf("authorizer call query %v", q)
	}
	if rec.agents[0] != "wxcomponent/9.9" {
		t.Fatalf("User-Agent %q", rec.agents[0])
	}
}

func TestTransportErrorsDoNotLeakTheToken(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	base := srv.URL
	srv.Close() // connection refused
	c := api.New(api.Options{BaseURL: base}).WithTokens(&staticTokens{values: []string{"SECRETTOKENVALUE"}})
	err := c.CallAuthorizer(ctx, mpApp, http.MethodGet, "/wxa/get_page", nil, nil, nil)
	if err == nil || strings.Contains(err.Error(), "SECRETTOKENVALUE") {
		t.Fatalf("err = %v", err)
	}
}

func TestCallsAreMeteredPerDay(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		store := dao.New(dbtest.Open(t, dialect), dialect, nil)
		sim, base := newSim(t)
		raw := api.New(api.Options{BaseURL: base, ComponentAppID: appID, Meter: store})
		componentToken(t, sim, raw)
		_ = raw.StartPushTicket(ctx, secret)
		sim.Wait()
		n, err := store.GetAPICalls(ctx, dao.DayBucket(store.Now()), api.PathComponentToken, "")
		if err != nil || n != 1 {
			t.Fatalf("metered %d, %v", n, err)
		}
		rows, _ := store.ListAPICalls(ctx, dao.DayBucket(store.Now()))
		if len(rows) != 2 {
			t.Fatalf("counters %+v", rows)
		}
	})
}
