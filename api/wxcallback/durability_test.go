package wxcallback_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"wxcomponent/comm/config"
	"wxcomponent/comm/ingest"
	"wxcomponent/comm/jobs"
	"wxcomponent/comm/wx/crypt"
	"wxcomponent/db/dbtest"
)

func TestCrashAfterSuccessLosesNothing(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		h := newHarness(t, dialect, config.ModeStandard) // its queue is not running
		h.postSealed("/wxcallback/component", ticketXML("ticket@@@CRASH", 1700000004), "")

		// An instance claims the job and dies mid-run: its handler never returns.
		doomed := jobs.New(h.store, jobs.Options{Now: h.clock.Now, Lease: time.Minute, Timeout: 30 * time.Second})
		started, release := make(chan struct{}), make(chan struct{})
		doomed.Register(ingest.KindComponentPush, func(context.Context, jobs.Job) error {
			close(started)
			<-release
			return nil
		})
		var wg sync.WaitGroup
		wg.Go(func() { _, _ = doomed.ProcessOnce(context.Background(), 1) })
		defer func() { close(release); wg.Wait() }()
		<-started

		survivor := h.newQueue()
		if n, _ := survivor.ProcessOnce(context.Background(), 10); n != 0 {
			t.Fatal("job taken while the dead worker's lease still ran")
		}
		h.clock.Advance(2 * time.Minute)
		if n, err := survivor.ProcessOnce(context.Background(), 10); n != 1 || err != nil {
			t.Fatalf("after the lease expired: ran %d, %v", n, err)
		}
		if p := h.next().(ingest.ComponentPush); p.ComponentVerifyTicket != "ticket@@@CRASH" {
			t.Fatalf("payload %+v", p)
		}
	})
}

func TestFiftyConcurrentPushersLandOnce(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		h := newHarness(t, dialect, config.ModeStandard)
		const pushers, each = 50, 10
		var wg sync.WaitGroup
		for g := range pushers {
			wg.Go(func() {
				var q url.Values
				var body string
				for i := range each {
					plain := fmt.Sprintf(`<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o%d]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[m]]></Content><MsgId>%d</MsgId></xml>`, g, g*each+i+1)
					q, body = h.seal(plain, "gh_1", 0)
					if status, answer := h.post("/wxcallback/biz/wxba5fad812f8e6fb9", q, nil, body); status != http.StatusOK || answer != "success" {
						t.Errorf("pusher %d: %d %q", g, status, answer)
						return
					}
				}
				if status, _ := h.post("/wxcallback/biz/wxba5fad812f8e6fb9", q, nil, body); status != http.StatusOK {
					t.Errorf("pusher %d retry: %d", g, status) // WeChat retrying the last push
				}
			})
		}
		wg.Wait()
		h.wantCounts(0, pushers*each, 0)
	})
}

func TestBodyLimitEchoAndAppID(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		h := newHarness(t, dialect, config.ModeStandard)
		if status, _ := h.post("/wxcallback/component", url.Values{}, nil, strings.Repeat("x", 1<<20+1)); status != http.StatusRequestEntityTooLarge {
			t.Fatalf("oversized body: %d", status)
		}
		if status, _ := h.post("/wxcallback/biz/bad-appid!", url.Values{}, nil, "<xml/>"); status != http.StatusBadRequest {
			t.Fatalf("bad appid: %d", status)
		}
		ts := strconv.FormatInt(h.clock.Now().Unix(), 10)
		q := url.Values{"timestamp": {ts}, "nonce": {"42"}, "echostr": {"4375120948345356249"}, "signature": {crypt.Signature(token, ts, "42")}}
		for _, path := range []string{"/wxcallback/component", "/wxcallback/biz/wxba5fad812f8e6fb9"} {
			req, _ := http.NewRequest(http.MethodGet, h.url+path+"?"+q.Encode(), nil)
			if status, body := h.do(req); status != http.StatusOK || body != "4375120948345356249" {
				t.Fatalf("echo on %s: %d %q", path, status, body)
			}
		}
		q.Set("signature", strings.Repeat("f", 40))
		req, _ := http.NewRequest(http.MethodGet, h.url+"/wxcallback/component?"+q.Encode(), nil)
		if status, body := h.do(req); status != http.StatusUnauthorized || strings.Contains(body, "4375120948345356249") {
			t.Fatalf("forged echo: %d %q", status, body)
		}
		h.wantCounts(0, 0, 0)
	})
}
