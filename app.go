package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"
	"gorm.io/gorm"

	"wxcomponent/comm/config"
	"wxcomponent/db"
	"wxcomponent/db/dao"
	"wxcomponent/routers"
)

// App is the whole service: its configuration, database, handlers, the two
// HTTP servers and the background workers.
type App struct {
	cfg     *config.Config
	log     *zap.Logger
	out     io.Writer
	db      *gorm.DB
	dialect string
	store   *dao.Store
	started time.Time

	public, inner     *http.Server
	publicLn, innerLn net.Listener
	workers           []func(ctx context.Context)
	closers           []func()
}

// NewApp opens and migrates the database and builds every dependency.
func NewApp(ctx context.Context, cfg *config.Config, log *zap.Logger, out io.Writer) (*App, error) {
	// Gin's debug mode only prints its route table and warnings to stdout; our
	// own logs carry everything useful, so it is kept for LOG_LEVEL=debug.
	switch {
	case cfg.GinMode == "test":
		gin.SetMode(gin.TestMode)
	case cfg.GinMode == "release" || cfg.LogLevel != "debug":
		gin.SetMode(gin.ReleaseMode)
	}
	a := &App{cfg: cfg, log: log, out: out, started: time.Now()}
	var err error
	a.db, a.dialect, err = db.Open(db.Options{
		MySQLAddress: cfg.MySQLAddress, MySQLUsername: cfg.MySQLUsername, MySQLPassword: cfg.MySQLPassword,
		MySQLDatabase: cfg.MySQLDatabase, SQLitePath: cfg.SQLitePath, Logger: log,
	})
	if err != nil {
		return nil, err
	}
	if err := db.MigrateWithLog(a.db, a.dialect, log.Named("migrate")); err != nil {
		a.Close()
		return nil, fmt.Errorf("migrate database: %w", err)
	}
	a.store = dao.New(a.db, a.dialect, time.Now)
	deps, err := a.wire(ctx)
	if err != nil {
		a.Close()
		return nil, err
	}
	a.public = &http.Server{Handler: routers.Public(deps), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second}
	a.inner = &http.Server{Handler: routers.Inner(deps), ReadHeaderTimeout: 10 * time.Second}
	return a, nil
}

// Listen binds both listeners; the internal one only ever on loopback.
func (a *App) Listen() error {
	var err error
	if a.publicLn, err = net.Listen("tcp", ":"+a.cfg.Port); err != nil {
		return fmt.Errorf("listen on port %s: %w", a.cfg.Port, err)
	}
	if a.innerLn, err = net.Listen("tcp", a.cfg.InnerAddr); err != nil {
		_ = a.publicLn.Close()
		return fmt.Errorf("listen on %s: %w", a.cfg.InnerAddr, err)
	}
	return nil
}

// Addrs returns the bound public and internal addresses.
func (a *App) Addrs() (public, inner string) {
	return a.publicLn.Addr().String(), a.innerLn.Addr().String()
}

// Serve runs the servers and workers until ctx ends, then shuts down
// gracefully: stop accepting, finish in-flight requests, stop workers.
func (a *App) Serve(ctx context.Context) error {
	workCtx, stopWork := context.WithCancel(context.WithoutCancel(ctx))
	var wg sync.WaitGroup
	for _, w := range a.workers {
		wg.Add(1)
		go func() { defer wg.Done(); w(workCtx) }()
	}
	errs := make(chan error, 2)
	go func() { errs <- serve(a.public, a.publicLn) }()
	go func() { errs <- serve(a.inner, a.innerLn) }()
	pub, in := a.Addrs()
	_, port, _ := net.SplitHostPort(pub)
	fmt.Fprintf(a.out, "wxcomponent is serving the console at http://localhost:%s/ (token service on %s)\n", port, in)
	a.log.Info("wxcomponent started", zap.String("public", pub), zap.String("inner", in), zap.String("db", a.dialect))
	var err error
	select {
	case <-ctx.Done():
	case err = <-errs:
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	_ = a.public.Shutdown(shutCtx)
	_ = a.inner.Shutdown(shutCtx)
	// Servers first (no new pushes), then the writers flush, then the workers stop.
	for _, c := range a.closers {
		c()
	}
	stopWork()
	wg.Wait()
	a.log.Info("wxcomponent stopped")
	return err
}

// serve runs s on ln; a graceful Shutdown is not an error.
func serve(s *http.Server, ln net.Listener) error {
	if err := s.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Close releases the database.
func (a *App) Close() {
	if a.db == nil {
		return
	}
	if sqlDB, err := a.db.DB(); err == nil {
		_ = sqlDB.Close()
	}
}
