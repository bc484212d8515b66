// Command wxcomponent runs the back end and console of a WeChat Open Platform
// third-party platform.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"wxcomponent/comm/config"
	"wxcomponent/comm/log"
)

// Set at build time with -ldflags "-X main.version=... -X main.commit=... -X main.buildTime=...".
var (
	version   = "dev"
	commit    = ""
	buildTime = ""
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	if err := run(ctx, ".env", os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "wxcomponent:", err)
		os.Exit(1)
	}
}

// run loads the configuration (the real environment wins over dotenvPath),
// builds the app and serves until ctx is cancelled.
func run(ctx context.Context, dotenvPath string, getenv func(string) string, out io.Writer) error {
	cfg, err := config.Load(dotenvPath, getenv)
	if err != nil {
		return err
	}
	logger, err := log.New(cfg.LogLevel, cfg.GinMode == "release")
	if err != nil {
		return err
	}
	defer func() { _ = logger.Sync() }()
	app, err := NewApp(ctx, cfg, logger, out)
	if err != nil {
		return err
	}
	defer app.Close()
	if err := app.Listen(); err != nil {
		return err
	}
	return app.Serve(ctx)
}
