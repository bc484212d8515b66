package app

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/zap"

	"wxcomponent/comm/config"
	"wxcomponent/internal/syncbuf"
)

// testApp is the real service wiring, started on free loopback ports.
type testApp struct {
	app         *App
	base, inner string
	stdout      *syncbuf.Buffer
	client      *http.Client
	stop        func()
	done        chan error
	once        sync.Once
}

func startApp(t *testing.T, env map[string]string) *testApp {
	t.Helper()
	ta := launchApp(t, env)
	ta.waitReady(t)
	return ta
}

// launchApp starts the service without waiting for its database; tweaks adjust the
// app before it serves.
func launchApp(t *testing.T, env map[string]string, tweaks ...func(*App)) *testApp {
	t.Helper()
	full := map[string]string{
		"PORT": "0", "INNER_ADDR": "127.0.0.1:0", "SQLITE_PATH": filepath.Join(t.TempDir(), "wx.db"),
		"DATA_DIR": t.TempDir(), "GIN_MODE": "test", "LOG_LEVEL": "warn",
	}
	for k, v := range env {
		full[k] = v
	}
	cfg, err := config.FromEnv(func(k string) string { return full[k] })
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncbuf.Buffer{}
	app, err := NewApp(ctx, cfg, zap.NewNop(), Options{Out: out})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	for _, tweak := range tweaks {
		tweak(app)
	}
	if err := app.Listen(); err != nil {
		t.Fatal(err)
	}
	ta := &testApp{app: app, stdout: out, stop: cancel, done: make(chan error, 1)}
	go func() { ta.done <- app.Serve(ctx) }()
	pub, inner := app.Addrs()
	ta.base = "http://" + strings.Replace(pub, "[::]", "127.0.0.1", 1)
	ta.inner = "http://" + inner
	jar, _ := cookiejar.New(nil)
	// A login costs a bcrypt (cost 12): seconds under the race detector on a busy machine; the
	// timeout only guards against a hang.
	ta.client = &http.Client{Jar: jar, Timeout: 60 * time.Second}
	t.Cleanup(func() { ta.shutdown(t); app.Close() })
	return ta
}

// waitReady polls /readyz until the database is up and the full handlers serve. Migrating
// and creating the admin (bcrypt) may take long on a busy machine: the deadline only guards
// against a hang.
func (ta *testApp) waitReady(t *testing.T) {
	t.Helper()
	waitWithin(t, 2*time.Minute, "/readyz to answer 200", func() bool {
		resp, err := http.Get(ta.base + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
}

func (ta *testApp) shutdown(t *testing.T) {
	ta.once.Do(func() {
		ta.stop()
		select {
		case err := <-ta.done:
			if err != nil {
				t.Errorf("serve returned %v", err)
			}
		case <-time.After(20 * time.Second):
			t.Error("graceful shutdown did not finish")
		}
	})
}

type envelope struct {
	Code     int             `json:"code"`
	ErrorMsg string          `json:"errorMsg"`
	Data     json.RawMessage `json:"data"`
}

// call sends a JSON request and decodes the envelope.
func (ta *testApp) call(t *testing.T, method, url string, body any) (int, envelope) {
	t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, url, r)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", ta.base) // as a browser does; the CSRF check wants it with the cookie
	resp, err := ta.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var env envelope
	raw, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(raw, &env); err != nil {
		t.Fatalf("%s %s: not an envelope (%d): %s", method, url, resp.StatusCode, raw)
	}
	return resp.StatusCode, env
}

func (ta *testApp) login(t *testing.T, user, pass string) {
	t.Helper()
	status, env := ta.call(t, "PUT", ta.base+"/wxcomponent/auth", map[string]string{"username": user, "password": pass})
	if status != 200 || env.Code != 0 {
		t.Fatalf("login: %d %+v", status, env)
	}
}

func TestBootServesConsoleAPIAndInnerListener(t *testing.T) {
	ta := startApp(t, map[string]string{"ADMIN_USERNAME": "ops", "ADMIN_PASSWORD": "Start1234"})
	for _, u := range []string{ta.base + "/healthz", ta.inner + "/healthz"} {
		resp, err := http.Get(u)
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("%s: %v %v", u, err, resp)
		}
		resp.Body.Close()
	}
	if status, env := ta.call(t, "GET", ta.base+"/wxcomponent/admin/me", nil); status != 401 || env.Code != 1000 {
		t.Fatalf("admin API without login: want 401/1000, got %d/%d", status, env.Code)
	}
	ta.login(t, "ops", "Start1234")
	status, env := ta.call(t, "GET", ta.base+"/wxcomponent/admin/me", nil)
	if status != 200 || !strings.Contains(string(env.Data), `"ops"`) {
		t.Fatalf("me after login: %d %s", status, env.Data)
	}
	if status, _ := ta.call(t, "GET", ta.base+"/inner/ticket", nil); status != 404 {
		t.Fatalf("the inner service must not be reachable on the public port, got %d", status)
	}
	resp, err := http.Get(ta.base + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "no-cache" {
		t.Fatalf("console index: %d cache=%q", resp.StatusCode, resp.Header.Get("Cache-Control"))
	}
}

func TestGeneratedPasswordIsPrintedOnceAndMustBeChanged(t *testing.T) {
	ta := startApp(t, nil)
	out := ta.stdout.String()
	i := strings.Index(out, "password: ")
	if i < 0 {
		t.Fatalf("initial password not printed: %q", out)
	}
	pw := strings.Fields(out[i+len("password: "):])[0]
	ta.login(t, "admin", pw)
	if status, env := ta.call(t, "GET", ta.base+"/wxcomponent/admin/system-info", nil); status != 200 {
		t.Fatalf("system-info is allowed before the change: %d %+v", status, env)
	}
	if status, _ := ta.call(t, "POST", ta.base+"/wxcomponent/admin/username", map[string]string{"username": "x"}); status != 403 {
		t.Fatalf("other endpoints must wait for the password change, got %d", status)
	}
	if status, env := ta.call(t, "POST", ta.base+"/wxcomponent/admin/userpwd", map[string]string{"oldPassword": pw, "password": "Chosen1234"}); status != 200 {
		t.Fatalf("change password: %d %+v", status, env)
	}
	if status, _ := ta.call(t, "POST", ta.base+"/wxcomponent/admin/username", map[string]string{"username": "root2", "password": "Chosen1234"}); status != 200 {
		t.Fatalf("after the change the console is unlocked, got %d", status)
	}
}

func TestLoginThrottleAnswers429WithRetryAfter(t *testing.T) {
	ta := startApp(t, map[string]string{"ADMIN_PASSWORD": "Start1234"})
	var status int
	var env envelope
	for i := 0; i < 6; i++ {
		status, env = ta.call(t, "PUT", ta.base+"/wxcomponent/auth", map[string]string{"username": "admin", "password": "nope"})
	}
	if status != 429 || env.Code != 1011 || !strings.Contains(string(env.Data), "retryAfter") {
		t.Fatalf("want 429/1011 with retryAfter, got %d %+v", status, env)
	}
}

// waitFor polls cond until it holds; background work (jobs) finishes within
// milliseconds, the long deadline only guards against a hang.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	waitWithin(t, 15*time.Second, what, cond)
}

// waitWithin polls cond until it holds or limit passes.
func waitWithin(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
