package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"
	"gorm.io/gorm"

	"wxcomponent/app"
	"wxcomponent/app/wire"
	"wxcomponent/comm/callback"
	"wxcomponent/comm/config"
	"wxcomponent/comm/ingest"
	"wxcomponent/comm/jobs"
	"wxcomponent/db"
	"wxcomponent/db/dao"
	"wxcomponent/db/model"
	"wxcomponent/routers"
)

// Identity of the simulated platform; the keys are test values, not secrets.
const (
	benchAppID  = "wx0123456789abcdef"
	benchToken  = "benchtoken"
	benchAESKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
)

// stack is one running instance of the callback path and what it takes to tear it down.
type stack struct {
	addr    string // host:port on the loopback interface
	store   *dao.Store
	writer  *ingest.Writer
	cleanup []func()
}

// startStack creates the database, builds push reception with the service's constructors and
// serves it through the service's public engine on a loopback port.
func startStack(ctx context.Context, o options, mode string) (*stack, error) {
	st := &stack{}
	g, dialect, err := st.openDB(o)
	if err != nil {
		st.stop()
		return nil, err
	}
	st.store = dao.New(g, dialect, time.Now)
	cbMode := config.ModeStandard
	if mode == modeJSON {
		cbMode = config.ModeCloudRun
	}
	// The service's constructors and public engine (body limit, middleware); a no-op logger
	// keeps the access log out of the figures.
	in := wire.NewIngest(st.store, callback.StaticKeys{Token: benchToken, EncodingAESKey: benchAESKey}, wire.IngestConfig{
		Mode: cbMode, AppID: benchAppID,
		Writer: ingest.Options{MaxBatch: o.maxBatch, Committers: o.committers, ParallelMin: o.parallelMin},
	})
	noop := func(context.Context, jobs.Job) error { return nil }
	in.Queue.Register(ingest.KindComponentPush, noop)
	in.Queue.Register(ingest.KindBizPush, noop)
	runCtx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() { in.Queue.Run(runCtx, 2) })
	st.cleanup = append(st.cleanup, func() { cancel(); wg.Wait() })
	st.writer = in.Writer
	st.cleanup = append(st.cleanup, in.Writer.Close)
	gin.SetMode(gin.ReleaseMode)
	engine := routers.Public(&routers.Deps{Log: zap.NewNop(), Handlers: routers.Handlers{Push: app.PushHandler(in, 0)}})
	if err := st.serve(engine); err != nil {
		st.stop()
		return nil, err
	}
	return st, nil
}

// serve listens on an ephemeral loopback port: the load never leaves the machine.
func (st *stack) serve(h http.Handler) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	st.addr = ln.Addr().String()
	// Stopped first (cleanups run in reverse): handlers finish before the writer closes.
	st.cleanup = append(st.cleanup, func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	})
	return nil
}

// openDB creates a fresh database (MySQL) or file (SQLite) and migrates it.
func (st *stack) openDB(o options) (*gorm.DB, string, error) {
	opts := db.Options{Logger: zap.NewNop()}
	if o.dialect == db.SQLite {
		dir, err := os.MkdirTemp("", "pushload-")
		if err != nil {
			return nil, "", err
		}
		st.cleanup = append(st.cleanup, func() { _ = os.RemoveAll(dir) })
		opts.SQLitePath = filepath.Join(dir, "bench.db")
	} else {
		name, err := st.createMySQL(o)
		if err != nil {
			return nil, "", err
		}
		opts.MySQLAddress, opts.MySQLUsername, opts.MySQLPassword, opts.MySQLDatabase = o.mysqlAddr, o.mysqlUser, o.mysqlPass, name
	}
	g, dialect, err := db.Open(opts)
	if err != nil {
		return nil, "", err
	}
	st.cleanup = append(st.cleanup, func() {
		if sqlDB, err := g.DB(); err == nil {
			_ = sqlDB.Close()
		}
	})
	return g, dialect, db.Migrate(g, dialect)
}

// createMySQL creates wxc_bench_<random> and registers its removal.
func (st *stack) createMySQL(o options) (string, error) {
	admin, _, err := db.Open(db.Options{MySQLAddress: o.mysqlAddr, MySQLUsername: o.mysqlUser, MySQLPassword: o.mysqlPass})
	if err != nil {
		return "", err
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "wxc_bench_" + hex.EncodeToString(b)
	if err := admin.Exec("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci").Error; err != nil {
		return "", fmt.Errorf("create database: %w", err)
	}
	st.cleanup = append(st.cleanup, func() {
		_ = admin.Exec("DROP DATABASE IF EXISTS `" + name + "`").Error
		if sqlDB, err := admin.DB(); err == nil {
			_ = sqlDB.Close()
		}
	})
	return name, nil
}

// stop tears everything down in reverse order.
func (st *stack) stop() {
	for i := len(st.cleanup) - 1; i >= 0; i-- {
		st.cleanup[i]()
	}
	st.cleanup = nil
}

// counts reports the stored rows and the jobs by status.
func (st *stack) counts(ctx context.Context) (map[string]int64, map[string]int64, error) {
	rows := map[string]int64{}
	for name, m := range map[string]any{"component": &model.ComponentCallbackRecord{}, "biz": &model.BizCallbackRecord{}} {
		var n int64
		if err := st.store.DB().WithContext(ctx).Model(m).Count(&n).Error; err != nil {
			return nil, nil, errors.Join(fmt.Errorf("count %s rows", name), err)
		}
		rows[name] = n
	}
	js, err := st.store.CountJobsByStatus(ctx)
	return rows, js, err
}
