package app

import (
	"time"

	"wxcomponent/api/admin"
	"wxcomponent/api/authpage"
	"wxcomponent/api/innerservice"
	"wxcomponent/app/wire"
	"wxcomponent/routers"
)

// wireCredentials builds the credential stack and starts its refresh loop and ticket watchdog.
func (a *App) wireCredentials() *wire.Credentials {
	c := wire.NewCredentials(a.store, a.box, wire.CredentialsConfig{
		ComponentAppID: a.cfg.WxAppID, APIBase: a.cfg.WxAPIBase, CloudRunOpenAPI: a.cfg.WxCloudRunOpenAPI,
		Version: a.build.Version, LegacyPassword: a.cfg.MySQLPassword,
		EnvAppSecret: a.cfg.WxAppSecret, EnvToken: a.cfg.WxToken, EnvAESKey: a.cfg.WxEncodingAESKey,
		Logger: a.log.Named("wx"),
	})
	a.workers = append(a.workers, c.Workers()...)
	return c
}

// wireWeChat adds the token, secret and authorization endpoints.
func (a *App) wireWeChat(deps *routers.Deps, c *wire.Credentials) *wire.Authorization {
	auth := wire.NewAuthorization(a.store, c, wire.AuthorizationConfig{
		ComponentAppID: a.cfg.WxAppID, MPBase: a.cfg.WxMPBase, OpenBase: a.cfg.WxOpenBase, Logger: a.log,
	})
	a.closers = append(a.closers, auth.Syncer.Close)
	deps.Tokens = admin.NewTokenHandler(c.Tokens, c.Tickets, admin.TokenOptions{})
	deps.Secrets = admin.NewSecretHandler(c.Secrets)
	deps.Authorizers = admin.NewAuthorizerHandler(auth.Service, auth.Syncer)
	deps.ComponentInfo = admin.NewComponentInfoHandler(auth.Service)
	deps.AuthPage = authpage.NewAuthPageHandler(auth.Service, authpage.NewLimiter(a.cfg.AuthPageRate, a.cfg.AuthPageGlobalRate, time.Now))
	deps.Inner = innerservice.NewTokenHandler(c.Tokens, c.Tickets)
	return auth
}

// wireCode adds 代开发小程序 and batch release, with the audit poller and the batch runner.
func (a *App) wireCode(deps *routers.Deps, c *wire.Credentials) *wire.CodeManagement {
	code := wire.NewCodeManagement(a.store, c, wire.CodeManagementConfig{Logger: a.log})
	a.workers = append(a.workers, code.Workers()...)
	deps.Code = admin.NewCodeHandler(code.Service)
	deps.CodeTemplates = admin.NewCodeTemplateHandler(code.Service)
	deps.CodeSettings = admin.NewCodeSettingsHandler(code.Service)
	deps.BatchRelease = admin.NewBatchReleaseHandler(code.Batch)
	return code
}
