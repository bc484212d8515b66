package main

import (
	"context"
	"time"

	"wxcomponent/api/admin"
	"wxcomponent/api/authpage"
	"wxcomponent/api/innerservice"
	"wxcomponent/comm/authz"
	"wxcomponent/comm/secretbox"
	"wxcomponent/comm/secrets"
	"wxcomponent/comm/wx/api"
	"wxcomponent/comm/wx/token"
	"wxcomponent/routers"
)

// credentials is the WeChat credential stack: secrets at rest, the API client,
// tickets and the token manager.
type credentials struct {
	box     *secretbox.Box
	secrets *secrets.Service
	tickets *token.Tickets
	tokens  *token.Manager
	wechat  *api.Client // bound to the token manager
}

// wireCredentials builds the credential stack and starts its refresh loop and ticket watchdog.
func (a *App) wireCredentials(box *secretbox.Box) (*credentials, error) {
	log := a.log.Named("wx")
	raw := api.New(api.Options{
		BaseURL: a.cfg.WxAPIBase, ComponentAppID: a.cfg.WxAppID, Version: version,
		CloudRunOpenAPI: a.cfg.WxCloudRunOpenAPI, Meter: a.store, Logger: log,
	})
	c := &credentials{box: box}
	// The secrets service resets the component token when the AppSecret
	// changes, and the token manager reads the AppSecret from it.
	c.secrets = secrets.New(secrets.Options{
		Store: a.store, Box: box, LegacyPassword: a.cfg.MySQLPassword,
		EnvAppSecret: a.cfg.WxAppSecret, EnvToken: a.cfg.WxToken, EnvAESKey: a.cfg.WxEncodingAESKey,
		OnAppSecretChange: func(ctx context.Context) error { return c.tokens.ResetComponent(ctx) },
	})
	c.tickets = token.NewTickets(token.TicketOptions{Store: a.store, API: raw, Secrets: c.secrets, ComponentAppID: a.cfg.WxAppID, Logger: log})
	c.tokens = token.NewManager(token.Options{
		Store: a.store, API: raw, Secrets: c.secrets, Tickets: c.tickets, Box: box,
		ComponentAppID: a.cfg.WxAppID, Logger: log,
	})
	c.wechat = raw.WithTokens(c.tokens)
	a.workers = append(a.workers, c.tokens.Run, c.tickets.Run)
	return c, nil
}

// wireWeChat adds the token, secret and authorization endpoints.
func (a *App) wireWeChat(deps *routers.Deps, c *credentials) *authz.Service {
	svc := authz.New(authz.Deps{
		Store: a.store, WeChat: c.wechat, Tokens: c.tokens, ComponentAppID: a.cfg.WxAppID,
		MPBase: a.cfg.WxMPBase, OpenBase: a.cfg.WxOpenBase, Now: time.Now, Log: a.log.Named("authz"),
	})
	syncer := authz.NewSyncer(svc, a.store, authz.SyncOptions{})
	a.closers = append(a.closers, syncer.Close)
	deps.Tokens = admin.NewTokenHandler(c.tokens, c.tickets, admin.TokenOptions{})
	deps.Secrets = admin.NewSecretHandler(c.secrets)
	deps.Authorizers = admin.NewAuthorizerHandler(svc, syncer)
	deps.ComponentInfo = admin.NewComponentInfoHandler(svc)
	deps.AuthPage = authpage.NewAuthPageHandler(svc, authpage.NewLimiter(a.cfg.AuthPageRate, a.cfg.AuthPageGlobalRate, time.Now))
	deps.Inner = innerservice.NewTokenHandler(c.tokens, c.tickets)
	return svc
}
