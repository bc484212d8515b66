package app

import (
	"context"
	"time"

	"go.uber.org/zap"

	"wxcomponent/comm/ingest"
	"wxcomponent/db"
)

// retentionWorker prunes received pushes every hour. With the default retention, history from
// before the upgrade of an original database is spared; what the first prune removes is
// logged and printed before it runs.
func (a *App) retentionWorker(log *zap.Logger) func(ctx context.Context) {
	return func(ctx context.Context) {
		r, err := a.retention(ctx)
		if err != nil {
			// Without knowing what predates the upgrade, pruning could drop it: skip.
			log.Error("retention disabled", zap.Error(err))
			return
		}
		pruner := ingest.NewPruner(a.store, r, ingest.PrunerOptions{Now: time.Now, Log: log, Out: a.out})
		pruner.Run(ctx, time.Hour)
	}
}

// retention is what the pruner keeps, from the configuration and the database's upgrade time;
// the console's records stats show the same.
func (a *App) retention(ctx context.Context) (ingest.Retention, error) {
	upgradedAt, err := db.UpgradedAt(ctx, a.db)
	if err != nil {
		return ingest.Retention{}, err
	}
	r := ingest.RetentionFor(a.cfg.RecordRetention, a.cfg.RecordRetentionSet, upgradedAt)
	r.MaxRows = a.cfg.RecordRetentionMaxRows
	return r, nil
}
