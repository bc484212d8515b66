// Package wire builds each feature from its collaborators: the one place the service (app/),
// the test harnesses (tokentest, authztest, api/wxcallback) and the benchmarks assemble the
// credential, authorization and ingest stacks, so they all run what production runs. It
// imports only comm/ and db/ (never the HTTP edge), so comm/'s test helpers can use it.
package wire

import (
	"context"
	"time"

	"go.uber.org/zap"

	"wxcomponent/comm/secretbox"
	"wxcomponent/comm/secrets"
	"wxcomponent/comm/wx/api"
	"wxcomponent/comm/wx/token"
	"wxcomponent/db/dao"
)

// CredentialsConfig is the configuration of the credential stack.
type CredentialsConfig struct {
	ComponentAppID  string // WX_APPID
	APIBase         string // WX_API_BASE ("" ⇒ WeChat's)
	CloudRunOpenAPI bool   // WX_CLOUDRUN_OPENAPI
	Version         string // sent in the API client's User-Agent
	// LegacyPassword is MYSQL_PASSWORD, the original template's key for a stored AppSecret.
	LegacyPassword                    string
	EnvAppSecret, EnvToken, EnvAESKey string           // WX_APPSECRET, WX_TOKEN, WX_ENCODING_AES_KEY
	Now                               func() time.Time // default time.Now
	Logger                            *zap.Logger      // default no-op
	// Token tunes the token manager (tests shorten LeasePoll); its Now and Logger are set here.
	Token token.Options
}

// Credentials is the WeChat credential stack: secrets at rest, the API client, tickets and
// the token manager. Run Workers in the background.
type Credentials struct {
	Secrets *secrets.Service
	Tickets *token.Tickets
	Tokens  *token.Manager
	Raw     *api.Client // without tokens (the manager binds its own)
	WeChat  *api.Client // bound to Tokens: what the features call WeChat with
}

// NewCredentials builds the credential stack on store; box seals secrets at rest.
func NewCredentials(store *dao.Store, box *secretbox.Box, c CredentialsConfig) *Credentials {
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Logger == nil {
		c.Logger = zap.NewNop()
	}
	cr := &Credentials{}
	cr.Raw = api.New(api.Options{
		BaseURL: c.APIBase, ComponentAppID: c.ComponentAppID, Version: c.Version,
		CloudRunOpenAPI: c.CloudRunOpenAPI, Meter: store, Logger: c.Logger,
	})
	// The secrets service resets the component token when the AppSecret
	// changes, and the token manager reads the AppSecret from it.
	cr.Secrets = secrets.New(store, box, secrets.Options{
		LegacyPassword: c.LegacyPassword, Now: c.Now,
		EnvAppSecret: c.EnvAppSecret, EnvToken: c.EnvToken, EnvAESKey: c.EnvAESKey,
		OnAppSecretChange: func(ctx context.Context) error { return cr.Tokens.ResetComponent(ctx) },
	})
	cr.Tickets = token.NewTickets(store, cr.Raw, cr.Secrets, c.ComponentAppID, token.TicketOptions{Now: c.Now, Logger: c.Logger})
	o := c.Token
	o.Now, o.Logger = c.Now, c.Logger
	cr.Tokens = token.NewManager(store, cr.Raw, cr.Secrets, cr.Tickets, box, c.ComponentAppID, o)
	cr.WeChat = cr.Raw.WithTokens(cr.Tokens)
	return cr
}

// Workers are the stack's background loops: proactive token refresh and the ticket watchdog.
func (c *Credentials) Workers() []func(ctx context.Context) {
	return []func(ctx context.Context){c.Tokens.Run, c.Tickets.Run}
}
