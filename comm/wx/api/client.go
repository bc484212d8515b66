// Package api is the typed client of WeChat's Open Platform HTTP APIs. It
// owns the base URL, the shared HTTP client, errcode handling and token
// injection with one retry after a rejected token; tokens come from an
// interface the token manager satisfies, so this package never imports it.
package api

import (
	"context"
	"net/http"
	"strings"
	"time"

	"go.uber.org/zap"
)

// Kind says which access token a call carries; the values are the wxtoken
// table's type column.
type Kind int

// Token kinds.
const (
	KindAuthorizer Kind = 1 // authorizer_access_token, ?access_token=
	KindComponent  Kind = 2 // component_access_token, ?component_access_token=
)

// Tokens supplies access tokens and learns which ones WeChat rejected.
type Tokens interface {
	// AccessToken returns a usable token; appid is "" for the component token.
	AccessToken(ctx context.Context, kind Kind, appid string) (string, error)
	// Invalidate drops failed if it is still the current token of (kind, appid).
	Invalidate(ctx context.Context, kind Kind, appid, failed string) error
}

// Meter counts upstream calls per API per day (dao.Store satisfies it).
type Meter interface {
	CountAPICall(ctx context.Context, api string) error
}

// Options configures a Client.
type Options struct {
	BaseURL        string // WX_API_BASE, e.g. https://api.weixin.qq.com
	ComponentAppID string // WX_APPID, sent in component API bodies
	Version        string // for the User-Agent
	// CloudRunOpenAPI: component-level calls carry no token because CloudRun's
	// open-API sidecar injects the credential (WX_CLOUDRUN_OPENAPI=true).
	CloudRunOpenAPI bool
	HTTPClient      *http.Client // nil: a shared client with a 10 s timeout
	Meter           Meter        // nil: calls are not counted
	Logger          *zap.Logger  // nil: no logs
}

// DefaultTimeout bounds one WeChat API request.
const DefaultTimeout = 10 * time.Second

// Client calls WeChat. Safe for concurrent use; copies made by WithTokens
// share the HTTP client and its connection pool.
type Client struct {
	o      Options
	http   *http.Client
	log    *zap.Logger
	tokens Tokens
}

// New builds a Client without tokens; only calls that need none (CallRaw,
// GetComponentToken, StartPushTicket) work until WithTokens binds a source.
func New(o Options) *Client {
	o.BaseURL = strings.TrimRight(o.BaseURL, "/")
	if o.Version == "" {
		o.Version = "dev"
	}
	hc := o.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: DefaultTimeout}
	}
	log := o.Logger
	if log == nil {
		log = zap.NewNop()
	}
	return &Client{o: o, http: hc, log: log.Named("wxapi")}
}

// WithTokens returns a copy of c that injects tokens from t. The token
// manager binds itself this way, and main gives everyone else the copy bound
// to the manager.
func (c *Client) WithTokens(t Tokens) *Client {
	cp := *c
	cp.tokens = t
	return &cp
}

// ComponentAppID is the platform's appid the client sends.
func (c *Client) ComponentAppID() string { return c.o.ComponentAppID }

// userAgent identifies the service to WeChat.
func (c *Client) userAgent() string { return "wxcomponent/" + c.o.Version }

// CloudRunOpenAPI tells whether component-level calls go without a token.
func (c *Client) CloudRunOpenAPI() bool { return c.o.CloudRunOpenAPI }
