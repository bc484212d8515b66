// Package app is the service: its lifecycle (start-up, the database coming up, graceful
// shutdown) and the assembly of the features (app/wire) into the routes (routers/).
package app

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

	"wxcomponent/api/console"
	"wxcomponent/client"
	"wxcomponent/comm/config"
	"wxcomponent/comm/secretbox"
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
	build   BuildInfo
	box     *secretbox.Box
	console *console.Handler
	db      *gorm.DB
	dialect string
	store   *dao.Store
	started time.Time
	state   readiness
	retry   backoff

	public, inner     *http.Server
	publicH, innerH   swappable
	publicLn, innerLn net.Listener
	workers           []func(ctx context.Context)
	closers           []func()
}

// NewApp loads what needs no database (the secrets key, the console) and builds the two
// servers with their "starting" handlers; Serve connects to the database and installs
// the real ones. A bad key is a misconfiguration, so it fails here rather than retrying.
func NewApp(ctx context.Context, cfg *config.Config, log *zap.Logger, o Options) (*App, error) {
	// Gin's debug mode only prints its route table and warnings to stdout; our
	// own logs carry everything useful, so it is kept for LOG_LEVEL=debug.
	switch {
	case cfg.GinMode == "test":
		gin.SetMode(gin.TestMode)
	case cfg.GinMode == "release" || cfg.LogLevel != "debug":
		gin.SetMode(gin.ReleaseMode)
	}
	if o.Out == nil {
		o.Out = io.Discard
	}
	if o.Build.Version == "" {
		o.Build.Version = "dev"
	}
	a := &App{cfg: cfg, log: log, out: o.Out, build: o.Build, started: time.Now(), dialect: db.SQLite, retry: defaultBackoff}
	if cfg.UsesMySQL() {
		a.dialect = db.MySQL
	}
	var err error
	if a.box, err = secretbox.Load(cfg.SecretKey, cfg.DataDir); err != nil {
		return nil, err
	}
	a.checkDataDir()
	a.console = console.New(client.Dist(), client.Placeholder())
	a.state.set("connecting to the database")
	early := &routers.Deps{Log: log, TrustedProxies: cfg.TrustedProxies, InnerHosts: cfg.InnerAllowedHosts, Console: a.console}
	a.publicH.set(routers.Starting(early, a.state.get))
	a.innerH.set(routers.StartingInner(early, a.state.get))
	a.public = &http.Server{Handler: &a.publicH, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second}
	a.inner = &http.Server{Handler: &a.innerH, ReadHeaderTimeout: 10 * time.Second}
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

// Serve runs the servers, brings the database up (boot) and then the workers, until ctx
// ends; then it shuts down gracefully: stop accepting, finish in-flight requests, stop
// workers. A wiring error after the database came up also ends it.
func (a *App) Serve(ctx context.Context) error {
	workCtx, stopWork := context.WithCancel(context.WithoutCancel(ctx))
	var wg sync.WaitGroup
	errs := make(chan error, 3)
	go func() { errs <- serve(a.public, a.publicLn) }()
	go func() { errs <- serve(a.inner, a.innerLn) }()
	bootCtx, stopBoot := context.WithCancel(ctx)
	defer stopBoot()
	booted := make(chan struct{})
	go func() {
		defer close(booted)
		if ok, err := a.boot(bootCtx); err != nil {
			errs <- err
		} else if ok {
			a.startWorkers(workCtx, &wg)
		}
	}()
	pub, in := a.Addrs()
	_, port, _ := net.SplitHostPort(pub)
	fmt.Fprintf(a.out, "wxcomponent is serving the console at http://localhost:%s/ (token service on %s)\n", port, in)
	a.log.Info("wxcomponent started", zap.String("public", pub), zap.String("inner", in), zap.String("db", a.dialect))
	var err error
	select {
	case <-ctx.Done():
	case err = <-errs:
	}
	stopBoot()
	<-booted
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

// startWorkers runs the background workers the wiring registered.
func (a *App) startWorkers(ctx context.Context, wg *sync.WaitGroup) {
	for _, w := range a.workers {
		wg.Add(1)
		go func() { defer wg.Done(); w(ctx) }()
	}
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
