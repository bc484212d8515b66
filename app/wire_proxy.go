package app

import (
	"context"
	"net"
	"os"
	"strconv"
	"time"

	"go.uber.org/zap"

	"wxcomponent/api/admin"
	apiproxy "wxcomponent/api/proxy"
	"wxcomponent/app/wire"
	"wxcomponent/comm/kvsetting"
	"wxcomponent/comm/proxy"
	"wxcomponent/comm/releasecheck"
	"wxcomponent/routers"
)

// wireProxy adds the proxy configurator: the fallback of unmatched paths, its console endpoints
// and the poll that keeps every instance on the stored configuration.
func (a *App) wireProxy(ctx context.Context, deps *routers.Deps) {
	log := a.log.Named("proxy")
	cfg := proxy.New(a.store, a.proxyRules(), log)
	if err := cfg.Reload(ctx); err != nil {
		log.Warn("read proxy configuration; closed until the next poll", zap.Error(err))
	}
	a.workers = append(a.workers, func(ctx context.Context) { cfg.Watch(ctx, kvsetting.DefaultPoll) })
	deps.Fallback = apiproxy.New(cfg).Handle
	deps.Proxy = admin.NewProxyHandler(cfg, proxy.NewProber(nil))
}

// proxyRules forbid the service's own ports (configured and bound) as targets, on every name
// this host answers to.
func (a *App) proxyRules() proxy.Rules {
	var r proxy.Rules
	addPort := func(hostport string) {
		if _, p, err := net.SplitHostPort(hostport); err == nil {
			if n, err := strconv.Atoi(p); err == nil && n > 0 {
				r.ForbiddenPorts = append(r.ForbiddenPorts, n)
			}
		}
	}
	addPort(":" + a.cfg.Port)
	addPort(a.cfg.InnerAddr)
	if a.publicLn != nil && a.innerLn != nil {
		pub, inner := a.Addrs()
		addPort(pub)
		addPort(inner)
	}
	if addrs, err := net.InterfaceAddrs(); err == nil {
		for _, ad := range addrs {
			if ipn, ok := ad.(*net.IPNet); ok {
				r.LocalHosts = append(r.LocalHosts, ipn.IP.String())
			}
		}
	}
	if h, err := os.Hostname(); err == nil {
		r.LocalHosts = append(r.LocalHosts, h)
	}
	return r
}

// wireReleaseCheck builds the go-live responder (off until switched on in the console) and its
// endpoints; it returns the responder for the push handler's reply chain and for comm/dispatch,
// which hands it the QUERY_AUTH_CODE jobs.
func (a *App) wireReleaseCheck(deps *routers.Deps, c *wire.Credentials) *releasecheck.Responder {
	log := a.log.Named("releasecheck")
	r := releasecheck.New(a.store, c.WeChat, time.Now, log)
	if err := r.Reload(context.Background()); err != nil {
		log.Warn("read release-check switch; off until the next poll", zap.Error(err))
	}
	a.workers = append(a.workers, func(ctx context.Context) { r.Watch(ctx, kvsetting.DefaultPoll) })
	deps.ReleaseCheck = admin.NewReleaseCheckHandler(r)
	return r
}
