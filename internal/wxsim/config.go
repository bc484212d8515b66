package wxsim

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// Push delivery modes (wechat-protocol.md §1.8 vs §4).
const (
	// ModeStandard delivers encrypted XML envelopes with signature query parameters.
	ModeStandard = "standard"
	// ModeCloudRun delivers plaintext JSON with an X-WX-SOURCE header, as WeChat CloudRun does.
	ModeCloudRun = "cloudrun"
)

// Config describes one simulated third-party platform and how to reach the service under test.
type Config struct {
	// ComponentAppID and ComponentSecret identify the platform (api_component_token checks them).
	ComponentAppID  string
	ComponentSecret string
	// Token and EncodingAESKey are the platform's message-verification token and AES key; they
	// are only required in standard mode.
	Token          string
	EncodingAESKey string
	// CallbackBase is the service's base URL, e.g. http://127.0.0.1:8080. Empty disables pushes.
	CallbackBase string
	// ComponentPath and BizPath are appended to CallbackBase; BizPath may contain $APPID$.
	// Defaults: /wxcallback/component and /wxcallback/biz/$APPID$.
	ComponentPath string
	BizPath       string
	// Mode is ModeStandard (default) or ModeCloudRun.
	Mode string
	// TicketInterval is the period of automatic ticket pushes after Start; 0 disables them.
	TicketInterval time.Duration
	// TokenTTL is the lifetime of component and authorizer access tokens (default 7200 s).
	TokenTTL time.Duration
	// TokenOverlap is how long a superseded token keeps working (default 5 min).
	TokenOverlap time.Duration
	// PushTimeout bounds one push attempt; WeChat gives up after 5 s (default).
	PushTimeout time.Duration
	// RetryDelay is the pause between push attempts (default 0: retry at once).
	RetryDelay time.Duration
	// Authorizers are the accounts that can be authorized; nil means SeedAuthorizers(2).
	Authorizers []Authorizer
	// RotateRefreshTokens makes every successful api_authorizer_token issue a new
	// authorizer_refresh_token and invalidate the one it was called with (61023 afterwards), as
	// real WeChat may; off, the refresh token only changes on (re-)authorization. POST /sim/rotate
	// and SetRotateRefreshTokens switch it at run time.
	RotateRefreshTokens bool
	// AuditDelay decides every submitted audit this long after submission (AuditResult: approve,
	// the default, reject or delay-then-approve) and pushes the weapp_audit_* event; 0 leaves audits
	// to POST /sim/audit/decide. PrivacyScan is how long after a commit submit_audit answers 61039.
	// POST /sim/audit/policy changes all three at run time.
	AuditDelay  time.Duration
	AuditResult string
	PrivacyScan time.Duration
	// DailyQuota maps an API path (or its last segment) to a per-day call limit (→ 45009).
	DailyQuota map[string]int
	// Now is the clock; nil means time.Now. The simulator adds its own adjustable offset.
	Now func() time.Time
	// HTTPClient sends pushes; nil means a fresh client.
	HTTPClient *http.Client
	// Logger receives background-push failures; nil discards them.
	Logger *slog.Logger
}

// Lifetimes and limits from wechat-protocol.md §5.8.
const (
	defaultTokenTTL     = 7200 * time.Second
	defaultTokenOverlap = 5 * time.Minute
	defaultPushTimeout  = 5 * time.Second
	ticketLifetime      = 12 * time.Hour
	preAuthCodeTTL      = 600 * time.Second
	authCodeTTL         = 600 * time.Second
	pushAttempts        = 3
)

// withDefaults fills zero values so the rest of the package never checks for them.
func (c Config) withDefaults() Config {
	if c.Mode == "" {
		c.Mode = ModeStandard
	}
	if c.ComponentPath == "" {
		c.ComponentPath = "/wxcallback/component"
	}
	if c.BizPath == "" {
		c.BizPath = "/wxcallback/biz/$APPID$"
	}
	if c.TokenTTL <= 0 {
		c.TokenTTL = defaultTokenTTL
	}
	if c.TokenOverlap <= 0 {
		c.TokenOverlap = defaultTokenOverlap
	}
	if c.PushTimeout <= 0 {
		c.PushTimeout = defaultPushTimeout
	}
	if c.Authorizers == nil {
		c.Authorizers = SeedAuthorizers(2)
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.HTTPClient == nil {
		c.HTTPClient = &http.Client{}
	}
	c.CallbackBase = strings.TrimRight(c.CallbackBase, "/")
	return c
}

// validate reports every configuration problem at once so a misconfigured binary says all that is
// wrong in one start-up.
func (c Config) validate() error {
	var errs []error
	if c.ComponentAppID == "" {
		errs = append(errs, errors.New("component appid is required"))
	}
	if c.ComponentSecret == "" {
		errs = append(errs, errors.New("component secret is required"))
	}
	switch c.Mode {
	case ModeStandard:
		if c.Token == "" || c.EncodingAESKey == "" {
			errs = append(errs, errors.New("standard mode needs token and EncodingAESKey"))
		}
	case ModeCloudRun:
	default:
		errs = append(errs, fmt.Errorf("unknown mode %q (want %s or %s)", c.Mode, ModeStandard, ModeCloudRun))
	}
	return errors.Join(errs...)
}
