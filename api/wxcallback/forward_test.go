package wxcallback_test

import (
	"context"
	"crypto/rand"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"go.uber.org/zap/zaptest"
	"gorm.io/gorm"

	"wxcomponent/api/wxcallback"
	"wxcomponent/app"
	"wxcomponent/app/wire"
	"wxcomponent/comm/callback"
	"wxcomponent/comm/clocktest"
	"wxcomponent/comm/config"
	"wxcomponent/comm/forward"
	"wxcomponent/comm/ingest"
	"wxcomponent/comm/secretbox"
	"wxcomponent/comm/wx/crypt"
	"wxcomponent/db/dao"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
	"wxcomponent/routers"
)

// fwStack is one instance of the real push path with forwarding: handler, verifier, writer
// with the outbox hook, and the forwarder as replier, built by the service's constructors.
type fwStack struct {
	*harness
	fw *forward.Forwarder
}

// fwWorld is what the instances of a test share: database, clock, SECRET_KEY.
type fwWorld struct {
	t       *testing.T
	dialect string
	db      *gorm.DB
	clock   *clocktest.Clock
	box     *secretbox.Box
}

func newFwWorld(t *testing.T, dialect string) *fwWorld {
	key := make([]byte, secretbox.KeySize)
	_, _ = rand.Read(key)
	box, err := secretbox.New(key)
	if err != nil {
		t.Fatal(err)
	}
	return &fwWorld{t: t, dialect: dialect, db: dbtest.Open(t, dialect), clock: clocktest.New(time.Now().UTC().Truncate(time.Second)), box: box}
}

func (w *fwWorld) stack(o forward.Options) *fwStack {
	t := w.t
	log := zaptest.NewLogger(t)
	store := dao.New(w.db, w.dialect, w.clock.Now)
	fw := wire.NewForwarder(context.Background(), store, w.box, wire.ForwardConfig{
		SyncTimeout: o.SyncTimeout, Now: w.clock.Now, Logger: log, Options: o,
	})
	in := wire.NewIngest(store, callback.StaticKeys{Token: token, EncodingAESKey: aesKey}, wire.IngestConfig{
		Mode: config.ModeStandard, AppID: appID, Now: w.clock.Now, Logger: log, Writer: ingest.Options{Hooks: []ingest.Hook{fw}},
	})
	srv := httptest.NewServer(routers.Public(&routers.Deps{Log: log, Handlers: routers.Handlers{
		Push: app.PushHandler(in, 0, wxcallback.ForwardReplier{Forwarder: fw}),
	}}))
	t.Cleanup(func() { srv.Close(); in.Writer.Close() })
	cr, err := crypt.New(token, aesKey, appID)
	if err != nil {
		t.Fatal(err)
	}
	return &fwStack{harness: &harness{t: t, url: srv.URL, store: store, clock: w.clock, crypter: cr}, fw: fw}
}

// bizTarget is a business service that records the pushes it gets; block, when set, is
// waited on before answering (started is signalled first).
type bizTarget struct {
	srv     *httptest.Server
	mu      sync.Mutex
	bodies  []string
	ids     []string
	started chan struct{}
	block   chan struct{}
	status  int
	reply   string
}

func newBizTarget(t *testing.T, reply string) *bizTarget {
	bt := &bizTarget{status: http.StatusOK, reply: reply, started: make(chan struct{}, 100)}
	bt.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		bt.mu.Lock()
		bt.bodies, bt.ids = append(bt.bodies, string(b)), append(bt.ids, r.Header.Get(forward.HeaderDelivery))
		block, status, reply := bt.block, bt.status, bt.reply
		bt.mu.Unlock()
		bt.started <- struct{}{}
		if block != nil {
			<-block
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, reply)
	}))
	t.Cleanup(bt.srv.Close)
	return bt
}

func (bt *bizTarget) got() (bodies, ids []string) {
	bt.mu.Lock()
	defer bt.mu.Unlock()
	return append([]string(nil), bt.bodies...), append([]string(nil), bt.ids...)
}

func (s *fwStack) syncRule(bt *bizTarget) {
	s.t.Helper()
	_, err := s.fw.CreateRule(context.Background(), forward.RuleInput{Name: "客服消息", MsgType: "text", Open: 1,
		Data: forward.Target{URL: bt.srv.URL + "/wx/$APPID$/msg", Mode: forward.ModeSync}})
	if err != nil {
		s.t.Fatal(err)
	}
}

func (s *fwStack) deliveries() []model.ForwardDelivery {
	s.t.Helper()
	var rows []model.ForwardDelivery
	if err := s.store.DB().Order("id").Find(&rows).Error; err != nil {
		s.t.Fatal(err)
	}
	return rows
}

const userText = "<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[oUser]]></FromUserName>" +
	"<CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content><MsgId>880001</MsgId></xml>"

const serviceReply = "<xml><ToUserName><![CDATA[oUser]]></ToUserName><FromUserName><![CDATA[gh_0123456789ab]]></FromUserName>" +
	"<CreateTime>1700000001</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[您好，请问有什么可以帮您]]></Content></xml>"

// Standard mode, sync rule: the business service gets the decrypted push, and its XML answer
// goes back to WeChat encrypted (§1.9). WeChat's retry of the push is not delivered again.
func TestSyncForwardEncryptedPassiveReply(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		s := newFwWorld(t, dialect).stack(forward.Options{})
		bt := newBizTarget(t, serviceReply)
		s.syncRule(bt)
		q, body := s.seal(userText, "gh_0123456789ab", 0)
		status, answer := s.post("/wxcallback/biz/wxauthorizer0001", q, nil, body)
		if status != http.StatusOK {
			t.Fatalf("status %d %q", status, answer)
		}
		plain, err := s.crypter.OpenReply([]byte(answer))
		if err != nil {
			t.Fatalf("the answer is not an encrypted reply: %v (%q)", err, answer)
		}
		if string(plain) != serviceReply {
			t.Fatalf("decrypted reply %q", plain)
		}
		if bodies, _ := bt.got(); len(bodies) != 1 || bodies[0] != userText {
			t.Fatalf("the service got %q", bodies)
		}
		rows := s.deliveries()
		if len(rows) != 1 || rows[0].Status != model.DeliveryDelivered || rows[0].Mode != forward.ModeSync || rows[0].Attempts != 1 {
			t.Fatalf("deliveries %+v", rows)
		}
		s.wantSuccess(s.post("/wxcallback/biz/wxauthorizer0001", q, nil, body))
		if bodies, _ := bt.got(); len(bodies) != 1 {
			t.Fatalf("a WeChat retry was delivered again: %d deliveries", len(bodies))
		}
	})
}

// A business service that does not answer in time: WeChat gets "success" within the budget,
// and the worker delivers the push later under the same delivery id.
func TestSyncForwardSlowTargetFallsBackToOutbox(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		s := newFwWorld(t, dialect).stack(forward.Options{SyncTimeout: 300 * time.Millisecond})
		bt := newBizTarget(t, serviceReply)
		release := make(chan struct{})
		bt.block = release
		s.syncRule(bt)
		s.postSealed("/wxcallback/biz/wxauthorizer0001", userText, "gh_0123456789ab")
		close(release)
		row := s.deliveries()[0]
		if row.Status != model.DeliveryPending || row.Attempts != 1 || !row.NextAt.Equal(s.clock.Now().Add(time.Second)) {
			t.Fatalf("after the timeout: %+v", row)
		}
		bt.mu.Lock()
		bt.block = nil
		bt.mu.Unlock()
		s.clock.Advance(time.Second)
		if n, err := s.fw.ProcessOnce(context.Background(), 10); n != 1 || err != nil {
			t.Fatalf("worker: %d %v", n, err)
		}
		_, ids := bt.got()
		if len(ids) != 2 || ids[0] != ids[1] {
			t.Fatalf("delivery ids %q: a retry must carry the first attempt's id", ids)
		}
		if row = s.deliveries()[0]; row.Status != model.DeliveryDelivered {
			t.Fatalf("after the retry: %+v", row)
		}
	})
}

// WeChat retries a push while its sync delivery is still under way, on another instance: the
// retry is answered "success" without a second delivery, and the first gets the reply.
func TestWeChatRetryRacingSyncDelivery(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		w := newFwWorld(t, dialect)
		a, b := w.stack(forward.Options{}), w.stack(forward.Options{})
		bt := newBizTarget(t, serviceReply)
		release := make(chan struct{})
		bt.block = release
		a.syncRule(bt)
		if err := b.fw.Load(context.Background()); err != nil {
			t.Fatal(err)
		}
		q, body := a.seal(userText, "gh_0123456789ab", 0)
		first := make(chan string, 1)
		go func() {
			_, answer := a.post("/wxcallback/biz/wxauthorizer0001", q, nil, body)
			first <- answer
		}()
		<-bt.started
		b.wantSuccess(b.post("/wxcallback/biz/wxauthorizer0001", q, nil, body))
		close(release)
		plain, err := a.crypter.OpenReply([]byte(<-first))
		if err != nil || string(plain) != serviceReply {
			t.Fatalf("first answer: %q %v", plain, err)
		}
		if bodies, _ := bt.got(); len(bodies) != 1 {
			t.Fatalf("the push was delivered %d times", len(bodies))
		}
		if rows := a.deliveries(); len(rows) != 1 || rows[0].Status != model.DeliveryDelivered {
			t.Fatalf("deliveries %+v", rows)
		}
	})
}
