// Command loginflood measures whether console logins can starve pushes: it runs
// the real service binary on a fresh MariaDB database, sends CloudRun JSON
// pushes at a fixed rate and prints their latency, first alone, then while
// many loopback addresses (127.0.0.x) flood the login endpoint with random
// usernames. It prints figures and asserts nothing (see bench/loginflood.sh).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"time"

	"wxcomponent/bench/internal/binsvc"
	"wxcomponent/bench/internal/mysqlflag"
)

// options are the command-line flags.
type options struct {
	binary    string
	mysqlAddr string
	mysqlUser string
	mysqlPass string
	rate      int
	duration  time.Duration
	sources   int
	perSource int
	hashSlots int
}

func parseFlags() options {
	var o options
	flag.StringVar(&o.binary, "binary", "", "the wxcomponent service binary to run (required)")
	mysqlflag.Vars(&o.mysqlAddr, &o.mysqlUser, &o.mysqlPass)
	flag.IntVar(&o.rate, "rate", 100, "pushes per second")
	flag.DurationVar(&o.duration, "duration", 10*time.Second, "length of each phase")
	flag.IntVar(&o.sources, "sources", 40, "login flood: source addresses (127.0.1.1 ...)")
	flag.IntVar(&o.perSource, "per-source", 2, "login flood: concurrent connections per source address")
	flag.IntVar(&o.hashSlots, "hash-slots", 0, "LOGIN_HASH_CONCURRENCY for the service (0: its default, the CPU count)")
	flag.Parse()
	return o
}

func main() {
	o := parseFlags()
	if o.binary == "" {
		fmt.Fprintln(os.Stderr, "loginflood: -binary is required")
		os.Exit(2)
	}
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "loginflood:", err)
		os.Exit(1)
	}
}

func run(o options) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	svc, err := startService(ctx, o)
	if err != nil {
		return err
	}
	defer svc.Stop(false)
	fmt.Printf("service on %s, MariaDB database %s, pushes at %d/s for %s per phase\n\n", svc.Base, svc.DBName, o.rate, o.duration)

	quiet := pushPhase(svc.Base, o.rate, o.duration, nil)
	report("pushes alone", quiet, nil)

	flood := newFlood(svc.Base, o.sources, o.perSource)
	loud := pushPhase(svc.Base, o.rate, o.duration, flood)
	report("pushes during login flood", loud, flood)

	// The owner's own login, from an address that has never failed, while the same number of
	// addresses guess the owner's password.
	attack := newFlood(svc.Base, o.sources, o.perSource)
	attack.target = ownerUsername
	owner := ownerPhase(svc.Base, o.duration, attack)
	reportOwner(owner, attack)
	return nil
}

// startService runs the binary on a scratch database (dropped by Stop).
func startService(ctx context.Context, o options) (*binsvc.Service, error) {
	var env []string
	if o.hashSlots > 0 {
		env = append(env, "LOGIN_HASH_CONCURRENCY="+strconv.Itoa(o.hashSlots))
	}
	return binsvc.Start(ctx, binsvc.Options{Binary: o.binary, MySQLAddr: o.mysqlAddr, MySQLUser: o.mysqlUser,
		MySQLPass: o.mysqlPass, DBPrefix: "bench_login_", Env: env})
}
