// Command wxcomponent runs the back end and console of a WeChat Open Platform
// third-party platform. The service itself is package app.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"wxcomponent/app"
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
	build := app.BuildInfo{Version: version, Commit: commit, BuildTime: buildTime}
	if err := app.Run(ctx, ".env", os.Getenv, os.Stdout, build); err != nil {
		fmt.Fprintln(os.Stderr, "wxcomponent:", err)
		os.Exit(1)
	}
}
