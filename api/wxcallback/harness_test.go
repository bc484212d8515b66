package wxcallback_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap/zaptest"
	"gorm.io/gorm"

	"wxcomponent/api/admin"
	"wxcomponent/app"
	"wxcomponent/app/wire"
	"wxcomponent/comm/callback"
	"wxcomponent/comm/clocktest"
	"wxcomponent/comm/ingest"
	"wxcomponent/comm/jobs"
	"wxcomponent/comm/wx/crypt"
	"wxcomponent/db/dao"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
	"wxcomponent/routers"
)

const (
	appID  = "wx0123456789abcdef"
	token  = "testtoken"
	aesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
)

// harness is the real stack, built by the service's constructors (app/wire, app.PushHandler)
// and served by its public engine: handler + verifier + ingest writer + job queue on a real
// database, over HTTP.
type harness struct {
	t       *testing.T
	url     string
	store   *dao.Store
	queue   *jobs.Queue
	clock   *clocktest.Clock
	crypter *crypt.Crypter
	// handled receives the payload of every component_push and biz_push job run by queue.
	handled chan any
}

func newHarness(t *testing.T, dialect, mode string) *harness {
	t.Helper()
	return newHarnessWith(t, mode, harnessOptions{dialect: dialect})
}

// harnessOptions vary the stack: the database (dbtest.Open of dialect when nil), the handler's
// commit bound and the writer's transaction limit (their defaults when 0).
type harnessOptions struct {
	dialect       string
	db            *gorm.DB
	commitTimeout time.Duration
	writeTimeout  time.Duration
}

func newHarnessWith(t *testing.T, mode string, o harnessOptions) *harness {
	t.Helper()
	gin.SetMode(gin.TestMode)
	log := zaptest.NewLogger(t)
	clk := clocktest.New(time.Now().UTC().Truncate(time.Second))
	if o.db == nil {
		o.db = dbtest.Open(t, o.dialect)
	}
	store := dao.New(o.db, o.dialect, clk.Now)
	h := &harness{t: t, store: store, clock: clk, handled: make(chan any, 1000)}
	in := wire.NewIngest(store, callback.StaticKeys{Token: token, EncodingAESKey: aesKey}, wire.IngestConfig{
		Mode: mode, AppID: appID, Now: clk.Now, Logger: log, Writer: ingest.Options{WriteTimeout: o.writeTimeout},
		Jobs: jobs.Options{Now: clk.Now, Lease: time.Minute, Timeout: 30 * time.Second, PollInterval: 20 * time.Millisecond},
	})
	w := in.Writer
	h.queue = in.Queue
	h.report(h.queue)
	// The service's public engine (body limit, middleware), and the records viewer beside it,
	// unauthenticated here.
	viewer := gin.New()
	routers.AdminRoutes(viewer.Group("/admin"), &routers.Handlers{CallbackRecords: admin.NewCallbackRecordsHandler(store, nil)})
	engine := http.NewServeMux()
	engine.Handle("/admin/", viewer)
	engine.Handle("/", routers.Public(&routers.Deps{Log: log, Handlers: routers.Handlers{Push: app.PushHandler(in, o.commitTimeout)}}))
	srv := httptest.NewServer(engine)
	t.Cleanup(func() { srv.Close(); w.Close() })
	h.url = srv.URL
	var err error
	if h.crypter, err = crypt.New(token, aesKey, appID); err != nil {
		t.Fatal(err)
	}
	return h
}

// newQueue builds a queue on the harness database whose handlers report to h.handled.
func (h *harness) newQueue() *jobs.Queue {
	q := jobs.New(h.store, jobs.Options{Now: h.clock.Now, Lease: time.Minute, Timeout: 30 * time.Second, PollInterval: 20 * time.Millisecond})
	h.report(q)
	return q
}

// report registers on q the push handlers that report each payload to h.handled.
func (h *harness) report(q *jobs.Queue) {
	q.Register(ingest.KindComponentPush, func(_ context.Context, j jobs.Job) error {
		p, err := ingest.DecodeComponentPush(j)
		h.handled <- p
		return err
	})
	q.Register(ingest.KindBizPush, func(_ context.Context, j jobs.Job) error {
		p, err := ingest.DecodeBizPush(j)
		h.handled <- p
		return err
	})
}

// runJobs runs the harness queue until the test ends.
func (h *harness) runJobs() {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { h.queue.Run(ctx, 2) })
	h.t.Cleanup(func() { cancel(); wg.Wait() })
}

// next waits for the next job run; the deadline only bounds a hang.
func (h *harness) next() any {
	h.t.Helper()
	select {
	case p := <-h.handled:
		return p
	case <-time.After(30 * time.Second):
		h.t.Fatal("no job ran")
		return nil
	}
}

// seal encrypts plain as WeChat would, timestamped at offset from the harness clock.
func (h *harness) seal(plain, toUser string, offset time.Duration) (url.Values, string) {
	h.t.Helper()
	ts := strconv.FormatInt(h.clock.Now().Add(offset).Unix(), 10)
	q, body, err := h.crypter.SealPush([]byte(plain), toUser, ts, "987654321")
	if err != nil {
		h.t.Fatal(err)
	}
	return q, string(body)
}

// post sends one push and returns the status and body of the answer.
func (h *harness) post(path string, q url.Values, header http.Header, body string) (int, string) {
	h.t.Helper()
	req, err := http.NewRequest(http.MethodPost, h.url+path+"?"+q.Encode(), strings.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	return h.do(req)
}

func (h *harness) do(req *http.Request) (int, string) {
	h.t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		h.t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// postSealed seals plain and posts it, expecting "success".
func (h *harness) postSealed(path, plain, toUser string) {
	h.t.Helper()
	q, body := h.seal(plain, toUser, 0)
	h.wantSuccess(h.post(path, q, nil, body))
}

func (h *harness) wantSuccess(status int, body string) {
	h.t.Helper()
	if status != http.StatusOK || body != "success" {
		h.t.Fatalf("want 200 success, got %d %q", status, body)
	}
}

// counts returns the rows of the two record tables and of the job table.
func (h *harness) counts() (component, biz, jobCount int64) {
	h.t.Helper()
	db := h.store.DB()
	for m, n := range map[any]*int64{&model.ComponentCallbackRecord{}: &component, &model.BizCallbackRecord{}: &biz, &model.Job{}: &jobCount} {
		if err := db.Model(m).Count(n).Error; err != nil {
			h.t.Fatal(err)
		}
	}
	return component, biz, jobCount
}

func (h *harness) wantCounts(component, biz, jobCount int64) {
	h.t.Helper()
	c, b, j := h.counts()
	if c != component || b != biz || j != jobCount {
		h.t.Fatalf("rows: component %d biz %d jobs %d, want %d %d %d", c, b, j, component, biz, jobCount)
	}
}

func ticketXML(ticket string, createTime int64) string {
	return "<xml><AppId><![CDATA[" + appID + "]]></AppId><CreateTime>" + strconv.FormatInt(createTime, 10) +
		"</CreateTime><InfoType><![CDATA[component_verify_ticket]]></InfoType><ComponentVerifyTicket><![CDATA[" +
		ticket + "]]></ComponentVerifyTicket></xml>"
}
