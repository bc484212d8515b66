package app

import (
	"context"
	"io"

	"wxcomponent/comm/config"
	"wxcomponent/comm/log"
)

// BuildInfo identifies the binary (set by main from its link-time variables).
type BuildInfo struct {
	Version, Commit, BuildTime string
}

// Options are the App's tunables; the zero value discards the terminal output.
type Options struct {
	Out   io.Writer // the operator's terminal: start-up line, a generated password (default io.Discard)
	Build BuildInfo // default version "dev"
}

// Run loads the configuration (the real environment wins over dotenvPath),
// builds the app and serves until ctx is cancelled.
func Run(ctx context.Context, dotenvPath string, getenv func(string) string, out io.Writer, build BuildInfo) error {
	cfg, err := config.Load(dotenvPath, getenv)
	if err != nil {
		return err
	}
	logger, err := log.New(cfg.LogLevel, cfg.GinMode == "release")
	if err != nil {
		return err
	}
	defer func() { _ = logger.Sync() }()
	a, err := NewApp(ctx, cfg, logger, Options{Out: out, Build: build})
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.Listen(); err != nil {
		return err
	}
	return a.Serve(ctx)
}
