// Command crash proves under faults that no push is lost: it builds the real binary, runs it
// on a scratch MariaDB database in CloudRun mode with an async forwarding rule for text pushes
// (and with -sync a sync rule for image pushes) pointing at a local business service, and sends
// N unique pushes from concurrent pushers that re-send, as WeChat does, until a push is
// answered success — while the service is SIGKILLed and restarted on the same ports every
// -kill-every. Once the outbox has drained it counts what was stored (each push exactly once?)
// and what the business service received (each matched push at least once?), prints the
// figures and exits 1 if a push was lost or stored twice. It measures; it asserts nothing in
// Go tests.
//
//	go run ./bench/crash                           # 20,000 pushes, 16 pushers, 8 kills 2 s apart
//	go run ./bench/crash -sync                     # plus a sync rule (image pushes)
//	go run ./bench/crash -target-fail-rate 0.05 -drain-timeout 6m   # 500s at times; retries wait 1 s, 5 s, 30 s, 5 min
//	go run ./bench/crash -keep                     # keep the database and the service's log
package main

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"wxcomponent/bench/internal/binsvc"
	"wxcomponent/bench/internal/mysqlflag"
)

type options struct {
	mysqlAddr, mysqlUser, mysqlPass string
	n, pushers, kills               int
	killEvery, drainTimeout         time.Duration
	failRate                        float64
	sync, keep                      bool
}

func parseFlags() options {
	var o options
	mysqlflag.Vars(&o.mysqlAddr, &o.mysqlUser, &o.mysqlPass)
	flag.IntVar(&o.n, "n", 20000, "unique pushes to send")
	flag.IntVar(&o.pushers, "pushers", 16, "concurrent pushers")
	flag.IntVar(&o.kills, "kills", 8, "SIGKILLs of the service (each followed at once by a restart)")
	flag.DurationVar(&o.killEvery, "kill-every", 2*time.Second, "time between kills")
	flag.DurationVar(&o.drainTimeout, "drain-timeout", 100*time.Second, "how long to wait for the outbox to drain after the load "+
		"(a delivery claimed by a killed instance waits for its 1-minute lease to expire)")
	flag.Float64Var(&o.failRate, "target-fail-rate", 0, "share of deliveries the business service answers 500")
	flag.BoolVar(&o.sync, "sync", false, "also forward image pushes through a sync rule")
	flag.BoolVar(&o.keep, "keep", false, "keep the scratch database and the service's log")
	flag.Parse()
	return o
}

func main() {
	o := parseFlags()
	ok, err := run(o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "crash:", err)
		os.Exit(2)
	}
	if !ok {
		os.Exit(1)
	}
}

// run answers whether every push was stored once and every matched push delivered.
func run(o options) (bool, error) {
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()
	wd, err := newWorkdir()
	if err != nil {
		return false, err
	}
	ok := false
	defer func() { wd.close(o.keep || !ok) }() // a failed run keeps the service's log to read
	tg := startTarget(o.failRate)
	defer tg.close()
	svc, err := binsvc.Start(ctx, binsvc.Options{Binary: wd.bin, MySQLAddr: o.mysqlAddr, MySQLUser: o.mysqlUser,
		MySQLPass: o.mysqlPass, DBPrefix: "bench_crash_", Stderr: wd.logFile})
	if err != nil {
		return false, err
	}
	defer svc.Stop(o.keep)
	fmt.Println(svc.Header("./bench/crash"))
	res, err := measure(ctx, svc, tg, o)
	if err != nil {
		return false, err
	}
	if ok = report(res, o, wd.log); !ok || o.keep {
		fmt.Printf("kept: service log %s\n", wd.log)
	}
	if o.keep {
		fmt.Printf("kept: database %s\n", svc.DBName)
	}
	return ok, nil
}

// workdir is a temporary directory with the built binary and the service's log (the stderr
// of every instance, one after another).
type workdir struct {
	dir, bin, log string
	logFile       *os.File
}

func newWorkdir() (*workdir, error) {
	dir, err := os.MkdirTemp("", "bench-crash")
	if err != nil {
		return nil, err
	}
	wd := &workdir{dir: dir, log: filepath.Join(dir, "service.log")}
	if wd.bin, err = binsvc.Build(dir); err == nil {
		wd.logFile, err = os.Create(wd.log)
	}
	if err != nil {
		wd.close(false)
		return nil, err
	}
	return wd, nil
}

// close removes the directory, or with keepLog all but the log (not 40 MB of binary).
func (wd *workdir) close(keepLog bool) {
	if wd.logFile != nil {
		_ = wd.logFile.Close()
	}
	if keepLog {
		_ = os.Remove(wd.bin)
		return
	}
	_ = os.RemoveAll(wd.dir)
}

// measure sets up the rules, runs the load under kills, waits for the outbox and counts.
func measure(ctx context.Context, svc *binsvc.Service, tg *target, o options) (*result, error) {
	client := &http.Client{Timeout: 10 * time.Second}
	jwt, err := login(client, svc.Base)
	if err != nil {
		return nil, err
	}
	keys, err := createRules(client, svc.Base, jwt, tg.url, o.sync)
	if err != nil {
		return nil, err
	}
	tg.setKeys(keys)
	ld := newLoad(o.n, o.sync)
	loadDone := make(chan struct{})
	k := startKiller(ctx, svc, o.kills, o.killEvery, loadDone)
	ld.run(ctx, svc.Base, o.pushers)
	close(loadDone)
	if err := k.wait(); err != nil {
		return nil, err
	}
	res := &result{load: ld, killer: k, target: tg}
	if res.drain, err = waitDrain(ctx, svc, o.drainTimeout); err != nil {
		return nil, err
	}
	if res.stored, err = readStored(svc, o.n); err != nil {
		return nil, err
	}
	return res, nil
}
