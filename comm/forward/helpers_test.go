package forward_test

import (
	"context"
	"crypto/rand"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"go.uber.org/zap/zaptest"
	"gorm.io/gorm"

	"wxcomponent/comm/callback"
	"wxcomponent/comm/clocktest"
	"wxcomponent/comm/forward"
	"wxcomponent/comm/ingest"
	"wxcomponent/comm/secretbox"
	"wxcomponent/comm/wx/msg"
	"wxcomponent/db/dao"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

const bizAppID = "wxbiz0123456789ab"

// instance is one service instance's forwarding: its forwarder and the ingest writer whose
// transactions queue the deliveries, on a shared database.
type instance struct {
	t      *testing.T
	store  *dao.Store
	fw     *forward.Forwarder
	writer *ingest.Writer
}

// env is a database, a clock and a key shared by the instances of a test.
type env struct {
	t       *testing.T
	dialect string
	db      *gorm.DB
	clock   *clocktest.Clock
	box     *secretbox.Box
}

func newEnv(t *testing.T, dialect string) *env {
	t.Helper()
	key := make([]byte, secretbox.KeySize)
	_, _ = rand.Read(key)
	box, err := secretbox.New(key)
	if err != nil {
		t.Fatal(err)
	}
	return &env{t: t, dialect: dialect, db: dbtest.Open(t, dialect), clock: clocktest.New(time.Now().UTC().Truncate(time.Second)), box: box}
}

// instance builds one instance; o's clock, logger and reload default to the env's / fast ones.
func (e *env) instance(o forward.Options) *instance {
	e.t.Helper()
	return e.instanceOn(o, nil)
}

// instanceOn builds one instance whose forwarder uses wrap(store) (the store itself when nil).
func (e *env) instanceOn(o forward.Options, wrap func(*dao.Store) forward.Store) *instance {
	e.t.Helper()
	if o.Now == nil {
		o.Now = e.clock.Now
	}
	if o.Reload == 0 {
		o.Reload = 20 * time.Millisecond
	}
	if o.Poll == 0 {
		o.Poll = 20 * time.Millisecond
	}
	o.Logger = zaptest.NewLogger(e.t)
	store := dao.New(e.db, e.dialect, e.clock.Now)
	var fs forward.Store = store
	if wrap != nil {
		fs = wrap(store)
	}
	fw := forward.New(fs, e.box, o)
	if err := fw.Load(context.Background()); err != nil {
		e.t.Fatal(err)
	}
	w := ingest.New(store, nil, ingest.Options{Hooks: []ingest.Hook{fw}})
	w.Start()
	e.t.Cleanup(w.Close)
	return &instance{t: e.t, store: store, fw: fw, writer: w}
}

// run runs the instance's forwarder until the test ends, or until the returned stop.
func (in *instance) run() (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { in.fw.Run(ctx) })
	in.t.Cleanup(func() { cancel(); wg.Wait() })
	return cancel
}

// push decodes plain as an authentic plaintext push received now.
func (e *env) push(plain string) *callback.Push {
	e.t.Helper()
	m, err := msg.Parse([]byte(plain))
	if err != nil {
		e.t.Fatal(err)
	}
	return &callback.Push{Plain: []byte(plain), Msg: m, DedupeKey: m.DedupeKey(), ReceivedAt: e.clock.Now()}
}

// storeBiz stores a biz push through the writer and returns its result.
func (in *instance) storeBiz(p *callback.Push) ingest.Result {
	in.t.Helper()
	res, err := in.writer.StoreBiz(context.Background(), bizAppID, p)
	if err != nil {
		in.t.Fatal(err)
	}
	return res
}

func textXML(id int, content string) string {
	return "<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[oUser]]></FromUserName>" +
		"<CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[" + content +
		"]]></Content><MsgId>" + strconv.Itoa(id) + "</MsgId></xml>"
}

func eventXML(event string, n int) string {
	return "<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[oUser" + strconv.Itoa(n) +
		"]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType>" +
		"<Event><![CDATA[" + event + "]]></Event></xml>"
}

// received is one request a target got.
type received struct {
	header http.Header
	body   string
	path   string
}

// target is a business service on a local port: it records every request and answers with
// answer (200 "success" when nil).
type target struct {
	srv    *httptest.Server
	mu     sync.Mutex
	got    []received
	arrive chan received
	answer func(r received) (int, string)
}

func newTarget(t *testing.T) *target {
	tg := &target{arrive: make(chan received, 1000)}
	tg.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		rc := received{header: r.Header.Clone(), body: string(b), path: r.URL.Path}
		tg.mu.Lock()
		tg.got = append(tg.got, rc)
		answer := tg.answer
		tg.mu.Unlock()
		status, body := http.StatusOK, "success"
		if answer != nil {
			status, body = answer(rc)
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
		tg.arrive <- rc
	}))
	t.Cleanup(tg.srv.Close)
	return tg
}

func (tg *target) setAnswer(fn func(r received) (int, string)) {
	tg.mu.Lock()
	defer tg.mu.Unlock()
	tg.answer = fn
}

func (tg *target) requests() []received {
	tg.mu.Lock()
	defer tg.mu.Unlock()
	return append([]received(nil), tg.got...)
}

// next waits for the next request; the deadline only bounds a hang.
func (tg *target) next(t *testing.T) received {
	t.Helper()
	select {
	case r := <-tg.arrive:
		return r
	case <-time.After(30 * time.Second):
		t.Fatal("the target got no request")
		return received{}
	}
}

// createRule makes an open rule and returns its id.
func (in *instance) createRule(r forward.RuleInput) uint {
	in.t.Helper()
	if r.Name == "" {
		r.Name = "rule"
	}
	r.Open = 1
	id, err := in.fw.CreateRule(context.Background(), r)
	if err != nil {
		in.t.Fatalf("create rule: %v", err)
	}
	return id
}

// urlTarget is the rule target of tg at path, in mode.
func (tg *target) rule(path, mode string) forward.Target {
	return forward.Target{URL: tg.srv.URL + path, Mode: mode}
}

// deliveries returns every delivery row, oldest first.
func (in *instance) deliveries() []model.ForwardDelivery {
	in.t.Helper()
	var rows []model.ForwardDelivery
	if err := in.store.DB().Order("id").Find(&rows).Error; err != nil {
		in.t.Fatal(err)
	}
	return rows
}

// eventually polls cond until it holds; the deadline only bounds a hang.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// bizRecord is the record a biz push is stored as.
func bizRecord(p *callback.Push) ingest.Record { return ingest.BizRecord(bizAppID, p) }
