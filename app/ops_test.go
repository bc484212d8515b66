package app

import (
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"wxcomponent/api/console"
	"wxcomponent/db"
	"wxcomponent/db/dbtest"
)

func TestSecurityHeadersOnConsoleAndAPI(t *testing.T) {
	ta := startApp(t, nil)
	get := func(path, proto string) http.Header {
		req, _ := http.NewRequest(http.MethodGet, ta.base+path, nil)
		if proto != "" {
			req.Header.Set("X-Forwarded-Proto", proto)
		}
		resp, err := ta.client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.Header
	}
	for path, csp := range map[string]string{"/": console.Policy, "/wxcomponent/admin/me": "default-src 'none'; frame-ancestors 'none'", "/healthz": "default-src 'none'; frame-ancestors 'none'"} {
		h := get(path, "")
		if h.Get("Content-Security-Policy") != csp || h.Get("X-Content-Type-Options") != "nosniff" ||
			h.Get("Referrer-Policy") != "strict-origin-when-cross-origin" || h.Get("Strict-Transport-Security") != "" {
			t.Errorf("GET %s over http: %v", path, h)
		}
		if h := get(path, "https"); h.Get("Strict-Transport-Security") != "max-age=31536000" {
			t.Errorf("GET %s behind a TLS proxy: no HSTS: %v", path, h)
		}
	}
}

// innerGet calls the token service with the given Host header.
func innerGet(t *testing.T, ta *testApp, host string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, ta.inner+"/inner/ticket", nil)
	req.Host = host
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestTokenServiceAnswersLoopbackHostsOnly(t *testing.T) {
	ta := startApp(t, map[string]string{"INNER_ALLOWED_HOSTS": "wxcomponent.sidecar"})
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(ta.inner, "http://"))
	for _, host := range []string{"127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port, "wxcomponent.sidecar:" + port} {
		// No ticket was pushed yet: the service's own answer, not the Host guard's.
		if status, body := innerGet(t, ta, host); status == http.StatusForbidden || !strings.Contains(body, `"code":1007`) {
			t.Errorf("Host %s: %d %s", host, status, body)
		}
	}
	for _, host := range []string{"rebind.attacker.example:" + port, "127.0.0.1.nip.io:" + port} {
		if status, body := innerGet(t, ta, host); status != http.StatusForbidden || !strings.Contains(body, `"code":1000`) {
			t.Errorf("Host %s: %d %s, want 403 and code 1000", host, status, body)
		}
	}
}

func mode(t *testing.T, path string) os.FileMode {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Mode().Perm()
}

func TestLocalFilesArePrivateToTheOwner(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	dbPath := filepath.Join(data, "wxcomponent.db")
	ta := startApp(t, map[string]string{"DATA_DIR": data, "SQLITE_PATH": dbPath, "ADMIN_USERNAME": "ops", "ADMIN_PASSWORD": "Start1234"})
	ta.login(t, "ops", "Start1234") // a write, so the WAL holds something
	want := map[string]os.FileMode{data: 0o700, dbPath: 0o600, dbPath + "-wal": 0o600, dbPath + "-shm": 0o600, filepath.Join(data, "secret.key"): 0o600}
	for p, m := range want {
		if got := mode(t, p); got != m {
			t.Errorf("%s: mode %o, want %o", filepath.Base(p), got, m)
		}
	}
	ta.shutdown(t)
	ta.app.Close()
	// Files an older release left readable by everyone are restricted at the next start.
	for _, p := range []string{dbPath, filepath.Join(data, "secret.key")} {
		if err := os.Chmod(p, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	startApp(t, map[string]string{"DATA_DIR": data, "SQLITE_PATH": dbPath})
	for _, p := range []string{dbPath, filepath.Join(data, "secret.key")} {
		if got := mode(t, p); got != 0o600 {
			t.Errorf("%s after restart: mode %o, want 600", filepath.Base(p), got)
		}
	}
}

func TestServesBeforeTheDatabaseIsReachable(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			env := map[string]string{"ADMIN_USERNAME": "ops", "ADMIN_PASSWORD": "Start1234"}
			var makeReachable func()
			if dialect == db.MySQL {
				opts := dbtest.Options(t, db.MySQL)
				gate := newGateProxy(t, opts.MySQLAddress)
				env["MYSQL_ADDRESS"], env["MYSQL_USERNAME"], env["MYSQL_DATABASE"] = gate.addr, opts.MySQLUsername, opts.MySQLDatabase
				makeReachable = gate.open
			} else {
				// A file where the database's directory should be: like a volume not mounted yet.
				blocker := filepath.Join(t.TempDir(), "volume")
				if err := os.WriteFile(blocker, nil, 0o600); err != nil {
					t.Fatal(err)
				}
				env["SQLITE_PATH"] = filepath.Join(blocker, "wx.db")
				makeReachable = func() { _ = os.Remove(blocker) }
			}
			// Quick retries: the test waits for the attempt after the database came back.
			ta := launchApp(t, env, func(a *App) { a.retry = backoff{first: 20 * time.Millisecond, max: 100 * time.Millisecond} })
			waitFor(t, "a failed attempt", func() bool {
				status, body := ta.get(t, "/readyz")
				return status == http.StatusServiceUnavailable && strings.Contains(body, " failed, retrying in ")
			})
			if status, _ := ta.get(t, "/healthz"); status != http.StatusOK {
				t.Errorf("/healthz while the database is down: %d", status)
			}
			if status, body := ta.get(t, "/"); status != http.StatusOK || !strings.Contains(body, "服务商微管家") {
				t.Errorf("console page while the database is down: %d", status)
			}
			if status, env := ta.call(t, "PUT", ta.base+"/wxcomponent/auth", map[string]string{"username": "ops", "password": "Start1234"}); status != http.StatusServiceUnavailable || env.Code != 1002 || !strings.Contains(env.ErrorMsg, "数据库尚未就绪") {
				t.Errorf("login while the database is down: %d %+v", status, env)
			}
			makeReachable()
			ta.waitReady(t)
			ta.login(t, "ops", "Start1234")
		})
	}
}

// get fetches a path of the public listener and returns the status and body.
func (ta *testApp) get(t *testing.T, path string) (int, string) {
	t.Helper()
	resp, err := ta.client.Get(ta.base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// gateProxy stands in front of a real MySQL: while closed it hangs up on every
// connection (the database looks down); once opened it forwards them.
type gateProxy struct {
	addr   string
	target string
	isOpen atomic.Bool
	wg     sync.WaitGroup
}

func newGateProxy(t *testing.T, target string) *gateProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	g := &gateProxy{addr: ln.Addr().String(), target: target}
	var conns sync.Map
	t.Cleanup(func() {
		_ = ln.Close()
		conns.Range(func(k, _ any) bool { _ = k.(net.Conn).Close(); return true })
		g.wg.Wait()
	})
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			if !g.isOpen.Load() {
				_ = c.Close()
				continue
			}
			up, err := net.Dial("tcp", g.target)
			if err != nil {
				_ = c.Close()
				continue
			}
			conns.Store(c, true)
			conns.Store(up, true)
			g.wg.Add(2)
			go func() { defer g.wg.Done(); _, _ = io.Copy(up, c); _ = up.Close() }()
			go func() { defer g.wg.Done(); _, _ = io.Copy(c, up); _ = c.Close() }()
		}
	}()
	return g
}

func (g *gateProxy) open() { g.isOpen.Store(true) }
