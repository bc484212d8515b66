// Command pushload measures push ingestion end to end: it starts the real callback stack (the
// service's public engine and handlers, verifier, group-commit writer, job queue, all built by
// the service's constructors) on a loopback port over a database it
// creates and drops, fires concurrent pushes at it for a bounded time and number, and prints
// pushes/s, latency percentiles and the rows stored.
//
//	go run ./bench/pushload -mode both -duration 10s
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"wxcomponent/bench/internal/mysqlflag"
)

// options are the command-line settings.
type options struct {
	mode        string // json, encrypted or both
	dialect     string // mysql or sqlite
	mysqlAddr   string
	mysqlUser   string
	mysqlPass   string
	duration    time.Duration
	requests    int
	concurrency int
	ticketEvery int
	maxBatch    int
	committers  int
	parallelMin int
	pool        int
	cpuProfile  string
}

func parseFlags() options {
	var o options
	flag.StringVar(&o.mode, "mode", "both", "push delivery: json (CloudRun plaintext), encrypted (standard AES), or both")
	flag.StringVar(&o.dialect, "db", "mysql", "database: mysql (a fresh database is created and dropped) or sqlite (temporary file)")
	mysqlflag.Vars(&o.mysqlAddr, &o.mysqlUser, &o.mysqlPass)
	flag.DurationVar(&o.duration, "duration", 10*time.Second, "how long to fire pushes, per mode")
	flag.IntVar(&o.requests, "requests", 2_000_000, "maximum pushes per mode")
	flag.IntVar(&o.concurrency, "concurrency", 64, "concurrent pushers (WeChat's connections)")
	flag.IntVar(&o.ticketEvery, "ticket-every", 1000, "every Nth push is a component_verify_ticket push (stored + a job), the rest user messages; 0 for none. "+
		"A storm is almost all messages (WeChat sends one ticket per 10 minutes), so 1 in 1000 is already a generous job share")
	flag.IntVar(&o.pool, "pool", 300_000, "pushes rendered (and sealed) before the clock starts, so WeChat's share of the work is not measured; the run ends early if they run out")
	flag.IntVar(&o.maxBatch, "batch", 256, "ingest writer: records per transaction")
	flag.IntVar(&o.committers, "committers", 0, "ingest writer: most transactions in flight (0: the writer's default)")
	flag.IntVar(&o.parallelMin, "parallel-min", 0, "ingest writer: smallest batch started beside another (0: the writer's default)")
	flag.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of the whole run to this file")
	flag.Parse()
	return o
}

func main() { os.Exit(run(parseFlags())) }

// run measures every requested mode and returns the exit code.
func run(o options) int {
	if o.cpuProfile != "" {
		stop, err := startProfile(o.cpuProfile)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer stop()
	}
	modes := []string{o.mode}
	if o.mode == "both" {
		modes = []string{modeJSON, modeEncrypted}
	}
	code := 0
	for _, m := range modes {
		if err := runMode(context.Background(), o, m); err != nil {
			fmt.Fprintf(os.Stderr, "pushload %s: %v\n", m, err)
			code = 1
		}
	}
	return code
}

// runMode starts a fresh stack, fires the load and prints the report.
func runMode(ctx context.Context, o options, mode string) error {
	st, err := startStack(ctx, o, mode)
	if err != nil {
		return err
	}
	defer st.stop()
	res := fire(o, mode, st.addr)
	rows, jobs, err := st.counts(ctx)
	if err != nil {
		return err
	}
	res.print(o, mode, rows, jobs)
	ws := st.writer.Stats()
	if ws.Batches > 0 {
		fmt.Printf("  writer      %d transactions, %.1f records each (max %d), %.2f ms each\n", ws.Batches,
			float64(ws.Records)/float64(ws.Batches), ws.MaxBatch, ws.WriteTime.Seconds()*1000/float64(ws.Batches))
	}
	if res.failed > 0 {
		return fmt.Errorf("%d pushes were not answered success (first: %s)", res.failed, res.firstErr)
	}
	return nil
}
