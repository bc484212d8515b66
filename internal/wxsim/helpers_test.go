package wxsim

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"wxcomponent/comm/clocktest"
)

// Test platform credentials (vector F of wechat-protocol.md uses the same key and appid).
const (
	testAppID  = "wx0123456789abcdef"
	testSecret = "testsecret"
	testToken  = "testtoken"
	testAESKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
	oaAppID    = "wx570bc396a51b8ff8"
	mpAppID    = "wxd101a85aa106f53e"
)

// received is one request the fake service got.
type received struct {
	Path   string
	Query  url.Values
	Header http.Header
	Body   []byte
}

// receiver plays our service: it records pushes and answers with reply(n) for the n-th request.
type receiver struct {
	mu    sync.Mutex
	got   []received
	reply func(n int, r received) (int, string)
}

func (rv *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rec := received{Path: r.URL.Path, Query: r.URL.Query(), Header: r.Header.Clone(), Body: body}
	rv.mu.Lock()
	rv.got = append(rv.got, rec)
	n, reply := len(rv.got), rv.reply
	rv.mu.Unlock()
	status, text := http.StatusOK, "success"
	if reply != nil {
		status, text = reply(n, rec)
	}
	w.WriteHeader(status)
	_, _ = io.WriteString(w, text)
}

func (rv *receiver) requests() []received {
	rv.mu.Lock()
	defer rv.mu.Unlock()
	return append([]received(nil), rv.got...)
}

func (rv *receiver) setReply(f func(n int, r received) (int, string)) {
	rv.mu.Lock()
	defer rv.mu.Unlock()
	rv.reply = f
}

// env is a simulator on an httptest server plus a fake service receiving its pushes.
type env struct {
	t     *testing.T
	sim   *Sim
	srv   *httptest.Server
	clock *clocktest.Clock
	recv  *receiver
}

// newEnv starts a standard-mode simulator; mutate adjusts the config before New.
func newEnv(t *testing.T, mutate func(*Config)) *env {
	t.Helper()
	e := &env{t: t, clock: clocktest.New(time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)), recv: &receiver{}}
	svc := httptest.NewServer(e.recv)
	t.Cleanup(svc.Close)
	cfg := Config{ComponentAppID: testAppID, ComponentSecret: testSecret, Token: testToken,
		EncodingAESKey: testAESKey, CallbackBase: svc.URL, Now: e.clock.Now}
	if mutate != nil {
		mutate(&cfg)
	}
	sim, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	e.sim = sim
	e.srv = httptest.NewServer(sim.Handler())
	t.Cleanup(func() { e.srv.Close(); sim.Close() })
	return e
}

// call performs a request against the simulator and decodes the JSON answer.
func (e *env) call(method, path string, query url.Values, body any) map[string]any {
	e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = bytes.NewBufferString(b)
	default:
		raw, _ := json.Marshal(b)
		rd = bytes.NewReader(raw)
	}
	u := e.srv.URL + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	req, _ := http.NewRequest(method, u, rd)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	var out map[string]any
	dec := json.NewDecoder(resp.Body)
	dec.UseNumber()
	if err := dec.Decode(&out); err != nil {
		e.t.Fatalf("%s %s: status %d, decode: %v", method, path, resp.StatusCode, err)
	}
	return out
}

// post is call with POST.
func (e *env) post(path string, query url.Values, body any) map[string]any {
	e.t.Helper()
	return e.call(http.MethodPost, path, query, body)
}

// errcode returns the errcode of an answer (0 when absent).
func errcode(m map[string]any) int {
	n, _ := m["errcode"].(json.Number)
	v, _ := n.Int64()
	return int(v)
}

// wantErr fails unless the answer carries errcode want.
func wantErr(t *testing.T, m map[string]any, want int) {
	t.Helper()
	if got := errcode(m); got != want {
		t.Fatalf("errcode = %d, want %d (answer %v)", got, want, m)
	}
}

// ticket pushes a ticket and returns it.
func (e *env) ticket() string {
	e.t.Helper()
	tk, _, err := e.sim.PushTicket(context.Background())
	if err != nil {
		e.t.Fatalf("PushTicket: %v", err)
	}
	return tk
}

// componentToken obtains a fresh component_access_token.
func (e *env) componentToken() string {
	e.t.Helper()
	m := e.post(pathComponentToken, nil, map[string]string{"component_appid": testAppID,
		"component_appsecret": testSecret, "component_verify_ticket": e.ticket()})
	tok, _ := m["component_access_token"].(string)
	if tok == "" {
		e.t.Fatalf("no component token: %v", m)
	}
	return tok
}

// ctq is the query carrying a component token.
func ctq(tok string) url.Values { return url.Values{"component_access_token": {tok}} }

// ctqAccess is the query carrying an authorizer token.
func ctqAccess(tok string) url.Values { return url.Values{"access_token": {tok}} }

// queryAuth exchanges an auth code and returns authorization_info.
func (e *env) queryAuth(ctok, code string) map[string]any {
	e.t.Helper()
	m := e.post(pathQueryAuth, ctq(ctok), map[string]string{"component_appid": testAppID, "authorization_code": code})
	info, ok := m["authorization_info"].(map[string]any)
	if !ok {
		e.t.Fatalf("api_query_auth: %v", m)
	}
	return info
}

// authorize grants appid via the Go API and fails the test on error.
func (e *env) authorize(appid string, funcs ...int) Grant {
	e.t.Helper()
	g, _, err := e.sim.Authorize(context.Background(), appid, funcs...)
	if err != nil {
		e.t.Fatalf("Authorize(%s): %v", appid, err)
	}
	return g
}
