package main

import (
	"context"
	"time"

	"wxcomponent/api/admin"
	"wxcomponent/api/wxcallback"
	"wxcomponent/comm/authz"
	"wxcomponent/comm/callback"
	"wxcomponent/comm/codemgmt"
	"wxcomponent/comm/dispatch"
	"wxcomponent/comm/ingest"
	"wxcomponent/comm/jobs"
	"wxcomponent/routers"
)

// wireCallbacks adds push reception: verification, the group-commit writer,
// the durable job queue and its handlers, and the records endpoints.
func (a *App) wireCallbacks(deps *routers.Deps, c *credentials, auth *authz.Service) {
	log := a.log.Named("callback")
	queue := jobs.New(a.store, jobs.Options{Logger: a.log.Named("jobs")})
	// --- follow-up work of pushes (arch-dispatch): comm/dispatch routes each job to its service.
	code := codemgmt.New(codemgmt.Deps{Store: a.store, WeChat: c.wechat, Now: time.Now, Log: a.log})
	dispatch.New(c.tickets, auth, code).Register(queue)
	a.workers = append(a.workers, func(ctx context.Context) { code.RunPoller(ctx, codemgmt.PollerOptions{}) })
	// --- end arch-dispatch
	a.workers = append(a.workers, func(ctx context.Context) { queue.Run(ctx, 4) })

	writer := ingest.New(a.store, queue, ingest.Options{Logger: log})
	writer.Start()
	a.closers = append(a.closers, writer.Close)

	a.workers = append(a.workers, a.retentionWorker(log))

	verifier := callback.NewVerifier(callback.Options{
		Mode: a.cfg.WxCallbackMode, AppID: a.cfg.WxAppID, Keys: c.secrets, Skew: a.cfg.WxTimestampSkew,
	})
	deps.Callback = append(deps.Callback, wxcallback.NewPushHandler(verifier, writer, nil).WithCommitTimeout(a.cfg.PushCommitTimeout))
	deps.Admin = append(deps.Admin,
		admin.NewRecordsHandler(a.store, time.Now),
		admin.NewCallbackConfigHandler(admin.CallbackConfigInfo{
			Mode: a.cfg.WxCallbackMode, AppID: a.cfg.WxAppID, EnvID: a.cfg.CBREnvID, Hostname: a.cfg.Hostname,
		}, c.secrets),
	)
}
