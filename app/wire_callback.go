package app

import (
	"context"
	"time"

	"wxcomponent/api/admin"
	"wxcomponent/api/wxcallback"
	"wxcomponent/app/wire"
	"wxcomponent/comm/dispatch"
	"wxcomponent/comm/ingest"
	"wxcomponent/comm/jobs"
	"wxcomponent/routers"
)

// wireCallbacks adds push reception: verification, the group-commit writer,
// the durable job queue and its handlers, and the records endpoints.
func (a *App) wireCallbacks(deps *routers.Deps, c *wire.Credentials, auth *wire.Authorization, code *wire.CodeManagement) {
	log := a.log.Named("callback")
	fw := wire.NewForwarder(context.Background(), a.store, a.box, wire.ForwardConfig{
		SyncTimeout: a.cfg.ForwardSyncTimeout, Workers: a.cfg.ForwardWorkers, InnerAddr: a.cfg.InnerAddr,
		Version: a.build.Version, Logger: a.log.Named("forward"),
	})
	in := wire.NewIngest(a.store, c.Secrets, wire.IngestConfig{
		Mode: a.cfg.WxCallbackMode, AppID: a.cfg.WxAppID, Skew: a.cfg.WxTimestampSkew,
		Logger: log, Jobs: jobs.Options{Logger: a.log.Named("jobs")}, Writer: ingest.Options{Hooks: []ingest.Hook{fw}},
	})
	queue := in.Queue
	release := a.wireReleaseCheck(deps, c)
	// Which push goes where is comm/dispatch's decision; the wiring only hands it the services.
	dispatch.New(c.Tickets, auth.Service, code, release).Register(queue)
	a.workers = append(a.workers, func(ctx context.Context) { queue.Run(ctx, 4) })
	a.closers = append(a.closers, in.Writer.Close)

	a.workers = append(a.workers, a.retentionWorker(log), fw.Run)

	deps.Push = PushHandler(in, a.cfg.PushCommitTimeout, wxcallback.BizReplier{R: release}, wxcallback.ForwardReplier{Forwarder: fw})
	deps.Forward = admin.NewForwardHandler(fw)
	deps.CallbackRecords = admin.NewCallbackRecordsHandler(a.store, time.Now).WithRetention(a.retention)
	deps.CallbackConfig = admin.NewCallbackConfigHandler(admin.CallbackConfigInfo{
		Mode: a.cfg.WxCallbackMode, AppID: a.cfg.WxAppID, EnvID: a.cfg.CBREnvID, Hostname: a.cfg.Hostname,
	}, c.Secrets)
}

// PushHandler is the push endpoint on in as the service mounts it; commitTimeout bounds the
// wait for the record's commit (0: the handler's default). The repliers are asked in order for
// a passive reply (wxcallback.Chain); none: every push is answered "success".
func PushHandler(in *wire.Ingest, commitTimeout time.Duration, repliers ...wxcallback.Replier) *wxcallback.PushHandler {
	return wxcallback.NewPushHandler(in.Verifier, in.Writer, wxcallback.Chain(repliers)).WithCommitTimeout(commitTimeout)
}
