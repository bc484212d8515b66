// Command forward measures message forwarding on a scratch database: the latency from a push
// reaching the real push handler (standard mode, encrypted) to the business service getting it,
// for a sync rule (with the encrypted passive reply back to "WeChat") and an async rule, and the
// outbox's throughput draining N queued deliveries, with the time spent in claims, outcome
// writes and POSTs. Last, the same POSTs sent with bare net/http to the same target give the
// ceiling to compare the outbox with. It prints the figures.
//
//	go run ./bench/forward -n 500 -drain 10000        # MariaDB (scratch database, dropped)
//	go run ./bench/forward -db sqlite
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"
	"gorm.io/gorm"

	"wxcomponent/api/wxcallback"
	"wxcomponent/app"
	"wxcomponent/app/wire"
	"wxcomponent/bench/internal/mysqlflag"
	"wxcomponent/comm/callback"
	"wxcomponent/comm/config"
	"wxcomponent/comm/forward"
	"wxcomponent/comm/ingest"
	"wxcomponent/comm/secretbox"
	"wxcomponent/comm/wx/crypt"
	"wxcomponent/db"
	"wxcomponent/db/dao"
	"wxcomponent/db/model"
	"wxcomponent/routers"
)

// Identity of the simulated platform; test values, not secrets.
const (
	appID  = "wx0123456789abcdef"
	token  = "benchtoken"
	aesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
	reply  = "<xml><ToUserName><![CDATA[oUser]]></ToUserName><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[ok]]></Content></xml>"
)

type options struct {
	dialect, mysqlAddr, mysqlUser, mysqlPass string
	n, drain, workers                        int
	cpuprofile                               string
}

func main() {
	var o options
	flag.StringVar(&o.dialect, "db", "mysql", "mysql (a scratch database is created and dropped) or sqlite")
	mysqlflag.Vars(&o.mysqlAddr, &o.mysqlUser, &o.mysqlPass)
	flag.IntVar(&o.n, "n", 500, "pushes per latency run (sent one after another)")
	flag.IntVar(&o.drain, "drain", 10000, "queued deliveries for the throughput run")
	flag.IntVar(&o.workers, "workers", 16, "outbox workers of the throughput run (FORWARD_WORKERS)")
	flag.StringVar(&o.cpuprofile, "cpuprofile", "", "write a CPU profile of the throughput run to this file")
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "forward bench:", err)
		os.Exit(1)
	}
}

func run(o options) error {
	g, dialect, cleanup, err := openDB(o)
	defer cleanup()
	if err != nil {
		return err
	}
	box, err := secretbox.New(randomBytes(secretbox.KeySize))
	if err != nil {
		return err
	}
	store := dao.New(g, dialect, time.Now)
	tg := startTarget()
	defer tg.srv.Close()
	fmt.Printf("forward bench on %s, %d pushes per latency run, target %s\n", dialect, o.n, tg.url)
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	fw := wire.NewForwarder(ctx, store, box, wire.ForwardConfig{SyncTimeout: 3 * time.Second, Workers: 4, Logger: zap.NewNop()})
	in := wire.NewIngest(store, callback.StaticKeys{Token: token, EncodingAESKey: aesKey}, wire.IngestConfig{
		Mode: config.ModeStandard, AppID: appID, Writer: ingest.Options{Hooks: []ingest.Hook{fw}},
	})
	defer in.Writer.Close()
	var wg sync.WaitGroup
	wg.Go(func() { fw.Run(ctx) })
	gin.SetMode(gin.ReleaseMode)
	push := serve(routers.Public(&routers.Deps{Log: zap.NewNop(), Handlers: routers.Handlers{
		Push: app.PushHandler(in, 0, wxcallback.ForwardReplier{Forwarder: fw})}}))
	defer push.Close()
	id, err := fw.CreateRule(ctx, forward.RuleInput{Name: "bench", MsgType: "text", Open: 1, Data: forward.Target{URL: tg.url + "/msg", Mode: forward.ModeSync}})
	if err != nil {
		return err
	}
	cr, err := crypt.New(token, aesKey, appID)
	if err != nil {
		return err
	}
	if err := latency(push.URL, cr, tg, o.n, 0, true); err != nil {
		return err
	}
	if err := fw.UpdateRule(ctx, forward.RuleInput{ID: id, Name: "bench", MsgType: "text", Open: 1, Data: forward.Target{URL: tg.url + "/msg", Mode: forward.ModeAsync}}); err != nil {
		return err
	}
	if err := latency(push.URL, cr, tg, o.n, o.n, false); err != nil {
		return err
	}
	stop()
	wg.Wait()
	if err := throughput(store, box, id, o); err != nil {
		return err
	}
	return baseline(tg.url+"/msg", o)
}

// baseline sends the drain's POSTs with bare net/http, as many at once as the outbox has
// workers, to the same target: the ceiling the outbox's database work is measured against.
func baseline(url string, o options) error {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: o.workers}}
	body := []byte("<xml>" + strings.Repeat("x", 600) + "</xml>")
	next := make(chan struct{}, o.drain)
	for range o.drain {
		next <- struct{}{}
	}
	close(next)
	var wg sync.WaitGroup
	var failed atomic.Int64
	start := time.Now()
	for range o.workers {
		wg.Go(func() {
			for range next {
				if _, err := post(client, url, body); err != nil {
					failed.Add(1)
				}
			}
		})
	}
	wg.Wait()
	took := time.Since(start)
	if n := failed.Load(); n > 0 {
		return fmt.Errorf("baseline: %d of %d POSTs failed", n, o.drain)
	}
	fmt.Printf("net/http baseline: the same %d POSTs to the same target by %d goroutines in %v: %.0f POSTs/s\n",
		o.drain, o.workers, took.Round(time.Millisecond), float64(o.drain)/took.Seconds())
	return nil
}

// latency sends n pushes one after another and prints the time until the target got each
// (and, for sync, until the encrypted reply was back).
func latency(base string, cr *crypt.Crypter, tg *target, n, offset int, sync bool) error {
	var toTarget, roundTrip []time.Duration
	client := &http.Client{Timeout: 10 * time.Second}
	for i := range n {
		msgID := strconv.Itoa(1_000_000 + offset + i)
		plain := "<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[oUser]]></FromUserName><CreateTime>" +
			strconv.FormatInt(time.Now().Unix(), 10) + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content><MsgId>" + msgID + "</MsgId></xml>"
		q, body, err := cr.SealPush([]byte(plain), "gh_0123456789ab", strconv.FormatInt(time.Now().Unix(), 10), "123456")
		if err != nil {
			return err
		}
		start := time.Now()
		answer, err := post(client, base+"/wxcallback/biz/wxauthorizer0001?"+q.Encode(), body)
		if err != nil {
			return err
		}
		rt := time.Since(start)
		if sync {
			if got, err := cr.OpenReply(answer); err != nil || string(got) != reply {
				return fmt.Errorf("push %d: no encrypted passive reply (%v): %.100s", i, err, answer)
			}
		}
		at := tg.wait(msgID)
		toTarget, roundTrip = append(toTarget, at.Sub(start)), append(roundTrip, rt)
	}
	name := "async"
	if sync {
		name = "sync "
	}
	fmt.Printf("%s push → business service: p50 %v  p99 %v   push → WeChat answered: p50 %v  p99 %v\n",
		name, pct(toTarget, 50), pct(toTarget, 99), pct(roundTrip, 50), pct(roundTrip, 99))
	return nil
}

// throughput queues o.drain deliveries and times a fresh forwarder draining them.
func throughput(store *dao.Store, box *secretbox.Box, ruleID uint, o options) error {
	ctx := context.Background()
	now := time.Now().UTC()
	body := strings.Repeat("x", 600)
	for done := 0; done < o.drain; {
		batch := make([]model.ForwardDelivery, 0, 500)
		for ; done < o.drain && len(batch) < 500; done++ {
			batch = append(batch, model.ForwardDelivery{RuleID: ruleID, Source: model.ForwardBiz, RecordID: uint(10_000_000 + done),
				AppID: "wxauthorizer0001", MsgType: "text", Body: "<xml>" + body + "</xml>", Mode: forward.ModeAsync,
				Status: model.DeliveryPending, NextAt: now, CreatedAt: now, UpdatedAt: now})
		}
		if _, err := store.InsertDeliveries(ctx, batch); err != nil {
			return err
		}
	}
	ts := &timedStore{Store: store}
	client := forward.NewClient()
	tt := &timedTransport{next: client.Transport}
	client.Transport = tt
	fw := forward.New(ts, box, forward.Options{Workers: o.workers, Logger: zap.NewNop(), Client: client})
	if err := fw.Load(ctx); err != nil {
		return err
	}
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	var wg sync.WaitGroup
	if o.cpuprofile != "" {
		f, err := os.Create(o.cpuprofile)
		if err != nil {
			return err
		}
		defer func() { _ = f.Close() }()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	start := time.Now()
	wg.Go(func() { fw.Run(runCtx) })
	for {
		var left int64
		if err := store.DB().Model(&model.ForwardDelivery{}).Where("status <> ?", model.DeliveryDelivered).Count(&left).Error; err != nil {
			return err
		}
		if left == 0 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	took := time.Since(start)
	stop()
	wg.Wait()
	fmt.Printf("outbox: %d queued deliveries drained in %v by %d workers: %.0f deliveries/s\n", o.drain, took.Round(time.Millisecond), o.workers, float64(o.drain)/took.Seconds())
	fmt.Printf("  claims:   %v\n  finishes: %v\n  POSTs:    %v\n", &ts.claim, &ts.finish, &tt.c)
	return nil
}

func post(c *http.Client, u string, body []byte) ([]byte, error) {
	resp, err := c.Post(u, "application/xml", strings.NewReader(string(body)))
	if err != nil {
		return nil, err
	}
	defer func() { _ = resp.Body.Close() }()
	b, err := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("push answered %d: %s", resp.StatusCode, b)
	}
	return b, err
}

func pct(d []time.Duration, p int) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[min(len(s)-1, len(s)*p/100)].Round(10 * time.Microsecond)
}

// target is the business service: it notes when each MsgId arrived and answers the reply.
type target struct {
	srv  *http.Server
	url  string
	mu   sync.Mutex
	seen map[string]chan time.Time
}

var msgIDRe = regexp.MustCompile(`<MsgId>(\d+)</MsgId>`)

func startTarget() *target {
	tg := &target{seen: map[string]chan time.Time{}}
	tg.srv = &http.Server{ReadHeaderTimeout: 5 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		if m := msgIDRe.FindSubmatch(b); m != nil {
			tg.slot(string(m[1])) <- time.Now()
		}
		_, _ = io.WriteString(w, reply)
	})}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go func() { _ = tg.srv.Serve(ln) }()
	tg.url = "http://" + ln.Addr().String()
	return tg
}

func (tg *target) slot(id string) chan time.Time {
	tg.mu.Lock()
	defer tg.mu.Unlock()
	if tg.seen[id] == nil {
		tg.seen[id] = make(chan time.Time, 1)
	}
	return tg.seen[id]
}

func (tg *target) wait(id string) time.Time { return <-tg.slot(id) }

type server struct {
	URL   string
	Close func()
}

func serve(h http.Handler) server {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	return server{URL: "http://" + ln.Addr().String(), Close: func() { _ = srv.Close() }}
}

// openDB creates a scratch MySQL database (dropped by cleanup) or a temporary SQLite file.
func openDB(o options) (*gorm.DB, string, func(), error) {
	var undo []func()
	cleanup := func() {
		for i := len(undo) - 1; i >= 0; i-- {
			undo[i]()
		}
	}
	opts := db.Options{Logger: zap.NewNop()}
	if o.dialect == db.SQLite {
		dir, err := os.MkdirTemp("", "forward-bench-")
		if err != nil {
			return nil, "", cleanup, err
		}
		undo = append(undo, func() { _ = os.RemoveAll(dir) })
		opts.SQLitePath = filepath.Join(dir, "bench.db")
	} else {
		admin, _, err := db.Open(db.Options{MySQLAddress: o.mysqlAddr, MySQLUsername: o.mysqlUser, MySQLPassword: o.mysqlPass, Logger: zap.NewNop()})
		if err != nil {
			return nil, "", cleanup, err
		}
		name := "wxc_bench_" + hex.EncodeToString(randomBytes(6))
		if err := admin.Exec("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci").Error; err != nil {
			return nil, "", cleanup, err
		}
		undo = append(undo, func() { _ = admin.Exec("DROP DATABASE IF EXISTS `" + name + "`").Error })
		opts.MySQLAddress, opts.MySQLUsername, opts.MySQLPassword, opts.MySQLDatabase = o.mysqlAddr, o.mysqlUser, o.mysqlPass, name
	}
	g, dialect, err := db.Open(opts)
	if err != nil {
		return nil, "", cleanup, err
	}
	undo = append(undo, func() {
		if s, err := g.DB(); err == nil {
			_ = s.Close()
		}
	})
	return g, dialect, cleanup, db.Migrate(g, dialect)
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}
