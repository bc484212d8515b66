package main

import (
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"wxcomponent/comm/wx/crypt"
)

// Delivery modes of the load.
const (
	modeJSON      = "json"
	modeEncrypted = "encrypted"
)

const bizPath = "/wxcallback/biz/wxbench000000001"

// request is one push as it goes over the wire.
type request struct {
	target string // path and query
	header string // extra header lines, each ending in CRLF
	body   []byte
}

// generator renders distinct pushes; WeChat's side of the work (sealing) is done per push, as
// WeChat does, and costs the client a few microseconds.
type generator struct {
	mode        string
	ticketEvery int
	crypter     *crypt.Crypter
	start       int64 // CreateTime base, so every run's pushes are new
}

func newGenerator(o options, mode string) *generator {
	c, err := crypt.New(benchToken, benchAESKey, benchAppID)
	if err != nil {
		panic(err) // constant, valid keys
	}
	return &generator{mode: mode, ticketEvery: o.ticketEvery, crypter: c, start: time.Now().Unix()}
}

// pool renders n pushes (numbered from 1) on every CPU.
func (g *generator) pool(n int) []request {
	out := make([]request, n)
	workers := runtime.NumCPU()
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < n; i += workers {
				out[i] = g.push(int64(i + 1))
			}
		})
	}
	wg.Wait()
	return out
}

// push renders push number n: a ticket (unique CreateTime) every ticketEvery pushes, otherwise
// a user text message with a unique MsgId.
func (g *generator) push(n int64) request {
	if g.ticketEvery > 0 && n%int64(g.ticketEvery) == 0 {
		return g.render("/wxcallback/component", "", g.ticket(n))
	}
	return g.render(bizPath, "gh_bench0001", g.text(n))
}

func (g *generator) ticket(n int64) string {
	ct, t := strconv.FormatInt(g.start+n, 10), "ticket@@@bench"+strconv.FormatInt(n, 10)
	if g.mode == modeJSON {
		return `{"AppId":"` + benchAppID + `","CreateTime":` + ct + `,"InfoType":"component_verify_ticket","ComponentVerifyTicket":"` + t + `"}`
	}
	return `<xml><AppId><![CDATA[` + benchAppID + `]]></AppId><CreateTime>` + ct +
		`</CreateTime><InfoType><![CDATA[component_verify_ticket]]></InfoType><ComponentVerifyTicket><![CDATA[` + t + `]]></ComponentVerifyTicket></xml>`
}

func (g *generator) text(n int64) string {
	id, ts := strconv.FormatInt(n, 10), strconv.FormatInt(g.start, 10)
	if g.mode == modeJSON {
		return `{"ToUserName":"gh_bench0001","FromUserName":"obench` + id + `","CreateTime":` + ts + `,"MsgType":"text","Content":"hello ` + id + `","MsgId":` + id + `}`
	}
	return `<xml><ToUserName><![CDATA[gh_bench0001]]></ToUserName><FromUserName><![CDATA[obench` + id + `]]></FromUserName><CreateTime>` + ts +
		`</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello ` + id + `]]></Content><MsgId>` + id + `</MsgId></xml>`
}

// render wraps a plaintext message for the mode: JSON with X-Wx-Source, or sealed XML.
func (g *generator) render(path, toUser, plain string) request {
	if g.mode == modeJSON {
		return request{target: path, header: "Content-Type: application/json\r\nX-Wx-Source: wx\r\n", body: []byte(plain)}
	}
	q, body, err := g.crypter.SealPush([]byte(plain), toUser, strconv.FormatInt(time.Now().Unix(), 10), "123456789")
	if err != nil {
		panic(err)
	}
	return request{target: path + "?" + q.Encode(), header: "Content-Type: text/xml\r\n", body: body}
}

// result is what one mode's run measured.
type result struct {
	sent, failed int64
	firstErr     string
	elapsed      time.Duration
	latencies    []time.Duration
}

// loadRun is the shared state of the pushers of one mode.
type loadRun struct {
	pool     []request
	addr     string
	deadline time.Time
	seq      atomic.Int64
	failed   atomic.Int64
	errOnce  sync.Once
	firstErr string
}

// fire runs o.concurrency pushers, each on its own keep-alive connection, until the duration
// or the request budget is spent.
func fire(o options, mode, addr string) *result {
	r := &loadRun{pool: newGenerator(o, mode).pool(min(o.requests, o.pool)), addr: addr}
	lat := make([][]time.Duration, o.concurrency)
	var wg sync.WaitGroup
	start := time.Now()
	r.deadline = start.Add(o.duration)
	for w := range lat {
		wg.Go(func() { lat[w] = r.pusher() })
	}
	wg.Wait()
	res := &result{elapsed: time.Since(start), failed: r.failed.Load(), firstErr: r.firstErr}
	for _, l := range lat {
		res.latencies = append(res.latencies, l...)
	}
	res.sent = int64(len(res.latencies))
	return res
}

// pusher sends pushes from the pool until it is used up or time is over, and returns the
// latency of each.
func (r *loadRun) pusher() []time.Duration {
	c, err := dial(r.addr)
	if err != nil {
		r.fail(err)
		return nil
	}
	defer c.close()
	var lat []time.Duration
	for n := r.seq.Add(1); n <= int64(len(r.pool)) && time.Now().Before(r.deadline); n = r.seq.Add(1) {
		d, err := c.post(r.pool[n-1])
		lat = append(lat, d)
		if err != nil {
			r.fail(err)
			return lat // the connection state is unknown after an error
		}
	}
	return lat
}

func (r *loadRun) fail(err error) {
	r.failed.Add(1)
	r.errOnce.Do(func() { r.firstErr = err.Error() })
}
