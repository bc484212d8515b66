package wxsim

import (
	"context"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"time"

	"wxcomponent/comm/wx/crypt"
)

// pushCrypter is the part of crypt.Crypter the simulator needs: seal pushes, open replies.
type pushCrypter interface {
	SealPush(msg []byte, toUserName, timestamp, nonce string) (url.Values, []byte, error)
	OpenReply(body []byte) ([]byte, error)
}

// Sim is one simulated WeChat Open Platform serving one third-party platform. It is safe for
// concurrent use; every piece of state lives in it.
type Sim struct {
	cfg     Config
	log     *slog.Logger
	tokens  tokenPolicy
	st      *store
	faults  *faultBook
	code    *codeBook // template library and code management
	pushes  *pushLog
	crypter pushCrypter // nil in cloudrun mode
	routes  map[string]route
	pages   *template.Template

	clockMu sync.Mutex
	offset  time.Duration // added to cfg.Now; moved by AdvanceClock and POST /sim/clock
	tamper  Tamper        // also guarded by clockMu: small, rarely written settings
	rotate  bool          // guarded by clockMu: api_authorizer_token rotates refresh tokens

	bg       *tracker       // one-shot background pushes
	loops    sync.WaitGroup // ticket loops started by Start
	bgCtx    context.Context
	bgCancel context.CancelFunc
}

// New builds a simulator from cfg; it validates the configuration and the crypto keys up front.
func New(cfg Config) (*Sim, error) {
	cfg = cfg.withDefaults()
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("wxsim config: %w", err)
	}
	st, err := newStore(cfg.Authorizers)
	if err != nil {
		return nil, fmt.Errorf("wxsim seed authorizers: %w", err)
	}
	s := &Sim{cfg: cfg, log: slog.New(slog.NewTextHandler(io.Discard, nil)), st: st,
		tokens: tokenPolicy{ttl: cfg.TokenTTL, overlap: cfg.TokenOverlap},
		faults: newFaultBook(), code: newCodeBook(), pushes: newPushLog(), bg: newTracker(), rotate: cfg.RotateRefreshTokens}
	if cfg.Logger != nil {
		s.log = cfg.Logger
	}
	if err := s.init(); err != nil {
		return nil, err
	}
	return s, nil
}

// init builds the derived parts: crypter, route table, page templates, quotas.
func (s *Sim) init() error {
	if s.cfg.Mode == ModeStandard {
		c, err := crypt.New(s.cfg.Token, s.cfg.EncodingAESKey, s.cfg.ComponentAppID)
		if err != nil {
			return fmt.Errorf("wxsim crypter: %w", err)
		}
		s.crypter = c
	}
	routes, err := s.buildRoutes()
	if err != nil {
		return fmt.Errorf("wxsim routes: %w", err)
	}
	s.routes = routes
	if s.pages, err = parsePages(); err != nil {
		return fmt.Errorf("wxsim pages: %w", err)
	}
	p := AuditPolicy{AutoDelay: s.cfg.AuditDelay, AutoResult: s.cfg.AuditResult, PrivacyScan: s.cfg.PrivacyScan}
	if err := s.SetAuditPolicy(p); err != nil {
		return fmt.Errorf("wxsim: %w", err)
	}
	for api, limit := range s.cfg.DailyQuota {
		s.SetDailyQuota(api, limit)
	}
	s.bgCtx, s.bgCancel = context.WithCancel(context.Background())
	return nil
}

// Handler serves the WeChat APIs, the authorization pages, the /sim/ control API and /healthz.
func (s *Sim) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", serveHealth)
	mux.Handle("/sim/", s.controlHandler())
	for _, p := range authPagePaths() {
		mux.HandleFunc(p, s.serveAuthPage)
	}
	mux.HandleFunc("/", s.serveAPI)
	return mux
}

// serveHealth answers 200 {"status":"ok"} as the service's own /healthz does, so scripts wait
// on both processes the same way.
func serveHealth(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = io.WriteString(w, `{"status":"ok"}`)
}

// Start launches the ticket loop: one push at once, then one every TicketInterval, until ctx
// ends. It returns immediately; with TicketInterval 0 it does nothing.
func (s *Sim) Start(ctx context.Context) {
	if s.cfg.TicketInterval <= 0 {
		return
	}
	s.loops.Add(1)
	go func() {
		defer s.loops.Done()
		s.ticketLoop(ctx)
	}()
}

// ticketLoop pushes tickets until ctx or the simulator is done.
func (s *Sim) ticketLoop(ctx context.Context) {
	t := time.NewTicker(s.cfg.TicketInterval)
	defer t.Stop()
	for {
		if _, _, err := s.PushTicket(ctx); err != nil {
			s.log.Warn("ticket push failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-s.bgCtx.Done():
			return
		case <-t.C:
		}
	}
}

// Wait blocks until every background push (auth-page and control-API pushes, start_push_ticket)
// has finished. It does not stop the ticket loop's future pushes.
func (s *Sim) Wait() { s.bg.waitIdle() }

// Close cancels background work and waits for it.
func (s *Sim) Close() {
	s.bgCancel()
	s.loops.Wait()
	s.bg.waitIdle()
}

// goBackground runs fn on the simulator's background context, tracked by Wait and Close.
func (s *Sim) goBackground(fn func(ctx context.Context)) {
	s.bg.add()
	go func() {
		defer s.bg.done()
		fn(s.bgCtx)
	}()
}

// Now is the simulator's clock: Config.Now plus the offset moved by AdvanceClock.
func (s *Sim) Now() time.Time {
	s.clockMu.Lock()
	defer s.clockMu.Unlock()
	return s.cfg.Now().Add(s.offset)
}

// AdvanceClock moves the simulator's clock forward by d (tokens, tickets and codes age).
func (s *Sim) AdvanceClock(d time.Duration) {
	s.clockMu.Lock()
	defer s.clockMu.Unlock()
	s.offset += d
}

// AddAuthorizer adds (or replaces) an account that can authorize the platform.
func (s *Sim) AddAuthorizer(a Authorizer) error {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	if err := s.st.addAccount(a); err != nil {
		return fmt.Errorf("add authorizer: %w", err)
	}
	return nil
}

// State returns a snapshot of tickets, tokens, codes, authorizers and sent messages.
func (s *Sim) State() State { return s.st.snapshot(s.Now()) }

// Config returns the effective configuration (defaults applied).
func (s *Sim) Config() Config { return s.cfg }
