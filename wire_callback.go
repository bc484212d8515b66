package main

import (
	"context"
	"time"

	"wxcomponent/api/admin"
	"wxcomponent/api/wxcallback"
	"wxcomponent/comm/authz"
	"wxcomponent/comm/callback"
	"wxcomponent/comm/ingest"
	"wxcomponent/comm/jobs"
	"wxcomponent/routers"
)

// wireCallbacks adds push reception: verification, the group-commit writer,
// the durable job queue and its handlers, and the records endpoints.
func (a *App) wireCallbacks(deps *routers.Deps, c *credentials, auth *authz.Service) {
	log := a.log.Named("callback")
	queue := jobs.New(a.store, jobs.Options{Logger: a.log.Named("jobs")})
	queue.Register(ingest.KindComponentPush, func(ctx context.Context, j jobs.Job) error {
		p, err := ingest.DecodeComponentPush(j)
		if err != nil {
			return err
		}
		if p.InfoType == ingest.InfoTicket {
			return c.tickets.Save(ctx, a.cfg.WxAppID, p.ComponentVerifyTicket, time.Unix(p.ReceivedAt, 0))
		}
		return auth.HandlePushJob(ctx, p)
	})
	// Audit-result events are recorded now and acted on by the code-management release.
	queue.Register(ingest.KindBizPush, func(context.Context, jobs.Job) error { return nil })
	a.workers = append(a.workers, func(ctx context.Context) { queue.Run(ctx, 4) })

	writer := ingest.New(a.store, queue, ingest.Options{Logger: log})
	writer.Start()
	a.closers = append(a.closers, writer.Close)

	a.workers = append(a.workers, a.retentionWorker(log))

	verifier := callback.NewVerifier(callback.Options{
		Mode: a.cfg.WxCallbackMode, AppID: a.cfg.WxAppID, Keys: c.secrets, Skew: a.cfg.WxTimestampSkew,
	})
	deps.Push = wxcallback.NewPushHandler(verifier, writer, nil).WithCommitTimeout(a.cfg.PushCommitTimeout)
	deps.Records = admin.NewRecordsHandler(a.store, time.Now)
	deps.CallbackConfig = admin.NewCallbackConfigHandler(admin.CallbackConfigInfo{
		Mode: a.cfg.WxCallbackMode, AppID: a.cfg.WxAppID, EnvID: a.cfg.CBREnvID, Hostname: a.cfg.Hostname,
	}, c.secrets)
}
