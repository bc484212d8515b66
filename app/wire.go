package app

import (
	"context"
	"fmt"
	"time"

	"go.uber.org/zap"

	"wxcomponent/api/admin"
	"wxcomponent/app/wire"
	"wxcomponent/comm/adminauth"
	"wxcomponent/comm/secretbox"
	"wxcomponent/comm/tick"
	"wxcomponent/routers"
)

// wire builds the handlers and workers of every feature.
func (a *App) wire(ctx context.Context) (*routers.Deps, error) {
	box := a.box
	auth, err := a.wireAuth(ctx, box)
	if err != nil {
		return nil, err
	}
	loginHandler := admin.NewAuthHandler(auth)
	system := admin.NewSystemHandler(admin.SystemInfo{
		Version: a.build.Version, Commit: a.build.Commit, BuildTime: a.build.BuildTime, DB: a.dialect,
		CallbackMode: a.cfg.WxCallbackMode, AppID: a.cfg.WxAppID,
	}, a.started)
	deps := &routers.Deps{
		Log:            a.log,
		TrustedProxies: a.cfg.TrustedProxies,
		InnerHosts:     a.cfg.InnerAllowedHosts,
		Auth:           auth,
		Console:        a.console,
		Handlers:       routers.Handlers{Login: loginHandler, System: system},
	}
	creds := a.wireCredentials()
	authorizations := a.wireWeChat(deps, creds)
	code := a.wireCode(deps, creds)
	a.wireCallbacks(deps, creds, authorizations, code)
	a.wireProxy(ctx, deps)
	if !deps.Console.Built() {
		a.log.Warn("console not built: serving a placeholder page at / (run `make console`)")
	}
	return deps, nil
}

// wireAuth builds console authentication (JWT key, throttle, first admin) and its pruning worker.
func (a *App) wireAuth(ctx context.Context, box *secretbox.Box) (*adminauth.Service, error) {
	svc, err := wire.NewAdminAuth(ctx, a.store, box, wire.AdminAuthConfig{
		HashConcurrency: a.cfg.LoginHashConcurrency, HashWait: a.cfg.LoginHashWait, Logger: a.log.Named("auth"),
	})
	if err != nil {
		return nil, err
	}
	created, err := svc.EnsureAdmin(ctx, adminauth.Initial{
		AdminUsername: a.cfg.AdminUsername, AdminPassword: a.cfg.AdminPassword,
		MySQLUsername: a.cfg.MySQLUsername, MySQLPassword: a.cfg.MySQLPassword,
	})
	if err != nil {
		return nil, fmt.Errorf("initial admin: %w", err)
	}
	if created != nil {
		a.announceAdmin(created)
	}
	a.workers = append(a.workers, func(ctx context.Context) {
		tick.Every(ctx, time.Hour, func() {
			if err := svc.Prune(ctx); err != nil && ctx.Err() == nil {
				a.log.Warn("prune login failures and revoked tokens", zap.Error(err))
			}
		})
	})
	return svc, nil
}

// announceAdmin tells the operator the first login once. A generated password
// goes to the terminal only (never the log stream) and must be changed at login.
func (a *App) announceAdmin(b *adminauth.Bootstrapped) {
	if !b.Generated {
		a.log.Info("created the initial admin account from the environment", zap.String("username", b.Username))
		return
	}
	fmt.Fprintf(a.out, "\n  Initial console login (shown once, change it at first login):\n    username: %s\n    password: %s\n\n", b.Username, b.Password)
	a.log.Info("created the initial admin account with a random password (printed to stdout once)", zap.String("username", b.Username))
}
