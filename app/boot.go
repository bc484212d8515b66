package app

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"sync/atomic"
	"time"

	"go.uber.org/zap"

	"wxcomponent/comm/fileperm"
	"wxcomponent/comm/secretbox"
	"wxcomponent/db"
	"wxcomponent/db/dao"
	"wxcomponent/routers"
)

// boot brings the database up and installs the real handlers: it connects and migrates,
// retrying with back-off while that fails (the database may start after us, or be briefly
// unreachable), then wires the features. Until then the "starting" handlers answer. It
// reports false when ctx ended first, and an error when wiring fails, which retrying
// cannot fix.
func (a *App) boot(ctx context.Context) (bool, error) {
	if !a.connect(ctx) {
		return false, nil
	}
	a.state.set("wiring the features")
	a.store = dao.New(a.db, a.dialect, time.Now)
	deps, err := a.wire(ctx)
	if err != nil {
		return false, err
	}
	a.publicH.set(routers.Public(deps))
	a.innerH.set(routers.Inner(deps))
	a.log.Info("database ready, serving every endpoint", zap.String("db", a.dialect))
	return true, nil
}

// connect opens and migrates the database, retrying until it works or ctx ends. Each
// failure is logged with its cause (errors never carry the password) and shown, without
// details, by /readyz.
func (a *App) connect(ctx context.Context) bool {
	delay := a.retry.first
	for attempt := 1; ; attempt++ {
		err := a.openDB(ctx)
		if err == nil {
			return true
		}
		if ctx.Err() != nil {
			return false
		}
		a.state.set(fmt.Sprintf("database not ready: attempt %d failed, retrying in %s (the log says why)", attempt, delay))
		a.log.Warn("database not ready, retrying", zap.Int("attempt", attempt), zap.Duration("retryIn", delay), zap.Error(err))
		select {
		case <-ctx.Done():
			return false
		case <-time.After(delay):
		}
		delay = min(2*delay, a.retry.max)
	}
}

// openDB makes one attempt to open and migrate the database.
func (a *App) openDB(ctx context.Context) error {
	a.state.set("connecting to the database")
	g, _, err := db.OpenContext(ctx, db.Options{
		MySQLAddress: a.cfg.MySQLAddress, MySQLUsername: a.cfg.MySQLUsername, MySQLPassword: a.cfg.MySQLPassword,
		MySQLDatabase: a.cfg.MySQLDatabase, SQLitePath: a.cfg.SQLitePath, Logger: a.log,
	})
	if err != nil {
		return err
	}
	a.state.set("migrating the database")
	if err := db.MigrateWithLog(g, a.dialect, a.log.Named("migrate")); err != nil {
		if sqlDB, derr := g.DB(); derr == nil {
			_ = sqlDB.Close()
		}
		return fmt.Errorf("migrate database: %w", err)
	}
	a.db = g
	return nil
}

// checkDataDir restricts the generated key file to its owner and warns when the data
// directory is open to other users (it is not changed: it may be shared on purpose).
func (a *App) checkDataDir() {
	if a.cfg.SecretKey == "" {
		key := filepath.Join(a.cfg.DataDir, secretbox.KeyFileName)
		if changed, err := fileperm.Tighten(key, 0o600); err != nil {
			a.log.Warn("cannot check the key file's permissions", zap.Error(err))
		} else if changed {
			a.log.Warn("the key file was readable by other users; restricted it to the owner (0600)", zap.String("file", key))
		}
	}
	if open, err := fileperm.OpenToOthers(a.cfg.DataDir); err == nil && open {
		a.log.Warn("the data directory is accessible to other users; restrict it with chmod 700", zap.String("dir", a.cfg.DataDir))
	}
}

// backoff is the retry delay: first, doubling up to max.
type backoff struct{ first, max time.Duration }

// defaultBackoff retries quickly at first (a database starting beside us) and then
// every 30 s, without flooding the log of a long outage.
var defaultBackoff = backoff{first: time.Second, max: 30 * time.Second}

// readiness is why the service is not ready yet, read by /readyz while starting.
type readiness struct{ reason atomic.Value }

func (r *readiness) set(s string) { r.reason.Store(s) }

func (r *readiness) get() string { s, _ := r.reason.Load().(string); return s }

// swappable is an http.Handler whose target is replaced atomically: the "starting" engine
// first, the full one once the database is ready. Requests in flight finish on the engine
// they started with.
type swappable struct{ h atomic.Pointer[http.Handler] }

func (s *swappable) set(h http.Handler) { s.h.Store(&h) }

// ServeHTTP hands the request to the current handler.
func (s *swappable) ServeHTTP(w http.ResponseWriter, r *http.Request) { (*s.h.Load()).ServeHTTP(w, r) }
