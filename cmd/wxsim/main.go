// Command wxsim runs the WeChat Open Platform simulator (package wxcomponent/internal/wxsim) as a
// standalone server, for the sandbox walkthrough and manual testing. Every flag can also be set
// through the environment variable shown in -help (flags win).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"wxcomponent/internal/wxsim"
)

// options are the command-line settings.
type options struct {
	addr           string
	seed           int
	ticketInterval time.Duration
	cfg            wxsim.Config
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "wxsim:", err)
		os.Exit(1)
	}
}

// run parses args, serves until ctx ends, then shuts down gracefully. It is main without the
// process globals, so tests can drive it.
func run(ctx context.Context, args []string, getenv func(string) string, out io.Writer) error {
	opts, err := parseOptions(args, getenv)
	if err != nil {
		return err
	}
	opts.cfg.Logger = slog.New(slog.NewTextHandler(out, nil))
	sim, err := wxsim.New(opts.cfg)
	if err != nil {
		return err
	}
	defer sim.Close()
	ln, err := net.Listen("tcp", opts.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", opts.addr, err)
	}
	printEnv(out, "http://"+ln.Addr().String(), sim.Config())
	srv := &http.Server{Handler: sim.Handler(), ReadHeaderTimeout: 10 * time.Second}
	sim.Start(ctx)
	return serve(ctx, srv, ln)
}

// serve runs srv on ln until ctx ends, then gives in-flight requests a few seconds to finish.
func serve(ctx context.Context, srv *http.Server, ln net.Listener) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// parseOptions reads flags, defaulting each from its WXSIM_* environment variable.
func parseOptions(args []string, getenv func(string) string) (options, error) {
	env := func(name, def string) string {
		if v := getenv("WXSIM_" + name); v != "" {
			return v
		}
		return def
	}
	var o options
	fs := flag.NewFlagSet("wxsim", flag.ContinueOnError)
	fs.StringVar(&o.addr, "addr", env("ADDR", "127.0.0.1:9090"), "listen address (WXSIM_ADDR)")
	fs.StringVar(&o.cfg.ComponentAppID, "appid", env("APPID", "wx0123456789abcdef"), "component appid (WXSIM_APPID)")
	fs.StringVar(&o.cfg.ComponentSecret, "secret", env("SECRET", "wxsimsecret0123456789abcdef01234"), "component appsecret (WXSIM_SECRET)")
	fs.StringVar(&o.cfg.Token, "token", env("TOKEN", "wxsimtoken"), "message verification token (WXSIM_TOKEN)")
	fs.StringVar(&o.cfg.EncodingAESKey, "aeskey", env("AESKEY", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"), "43-character EncodingAESKey (WXSIM_AESKEY)")
	fs.StringVar(&o.cfg.CallbackBase, "callback", env("CALLBACK", "http://127.0.0.1:8080"), "base URL of the service under test (WXSIM_CALLBACK)")
	fs.StringVar(&o.cfg.Mode, "mode", env("MODE", wxsim.ModeStandard), "push mode: standard or cloudrun (WXSIM_MODE)")
	fs.DurationVar(&o.ticketInterval, "ticket-interval", 10*time.Minute, "ticket push period, 0 disables (WXSIM_TICKET_INTERVAL)")
	fs.DurationVar(&o.cfg.AuditDelay, "audit-delay", 0, "decide each submitted audit after this long, 0: only POST /sim/audit/decide (WXSIM_AUDIT_DELAY)")
	fs.StringVar(&o.cfg.AuditResult, "audit-result", env("AUDIT_RESULT", "approve"), "result of scheduled audits: approve, reject or delay (WXSIM_AUDIT_RESULT)")
	fs.DurationVar(&o.cfg.PrivacyScan, "privacy-scan", 0, "after a commit, submit_audit answers 61039 for this long (WXSIM_PRIVACY_SCAN)")
	fs.IntVar(&o.seed, "seed", 2, "number of preset authorizers; the first two are WeChat's go-live test accounts (WXSIM_SEED)")
	if err := applyEnvFlags(fs, getenv); err != nil {
		return o, err
	}
	if err := fs.Parse(args); err != nil {
		return o, fmt.Errorf("parse flags: %w", err)
	}
	o.cfg.TicketInterval = o.ticketInterval
	o.cfg.Authorizers = wxsim.SeedAuthorizers(o.seed)
	return o, nil
}

// applyEnvFlags sets the non-string flags (a duration, an int) from the environment before the
// command line is parsed, so an explicit flag still wins.
func applyEnvFlags(fs *flag.FlagSet, getenv func(string) string) error {
	for _, name := range []string{"ticket-interval", "seed", "audit-delay", "privacy-scan"} {
		key := "WXSIM_" + strings.ToUpper(strings.ReplaceAll(name, "-", "_"))
		if v := getenv(key); v != "" {
			if err := fs.Set(name, v); err != nil {
				return fmt.Errorf("%s: %w", key, err)
			}
		}
	}
	return nil
}

// printEnv tells the operator how to point the service at this simulator.
func printEnv(out io.Writer, base string, cfg wxsim.Config) {
	fmt.Fprintf(out, "wxsim listening on %s (mode %s, pushes to %s)\n", base, cfg.Mode, cfg.CallbackBase)
	fmt.Fprintln(out, "Service environment:")
	for _, kv := range [][2]string{
		{"WX_API_BASE", base}, {"WX_MP_BASE", base}, {"WX_OPEN_BASE", base},
		{"WX_APPID", cfg.ComponentAppID}, {"WX_APPSECRET", cfg.ComponentSecret},
		{"WX_TOKEN", cfg.Token}, {"WX_ENCODING_AES_KEY", cfg.EncodingAESKey},
		{"WX_CALLBACK_MODE", cfg.Mode},
	} {
		fmt.Fprintf(out, "  %s=%s\n", kv[0], kv[1])
	}
	fmt.Fprintf(out, "Control API: %s/sim/ (push-ticket, authorize, revoke, fault, state, pushes, clock, code/draft, audit/decide)\n", base)
}
