package wxcallback_test

import (
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"wxcomponent/comm/config"
	"wxcomponent/db"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

// TestStalledDatabaseAnswers503AndKeepsTheLateWrite: while the database stalls, a push is
// answered 503 (WeChat retries) instead of hanging past WeChat's 5 s; the write still lands when
// the database recovers, and WeChat's retry is then answered success without a second row.
func TestStalledDatabaseAnswers503AndKeepsTheLateWrite(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		gdb, stall := stallableDB(t, dialect)
		h := newHarnessWith(t, config.ModeStandard, harnessOptions{dialect: dialect, db: gdb,
			commitTimeout: 300 * time.Millisecond, writeTimeout: time.Minute})
		h.postSealed("/wxcallback/component", ticketXML("ticket@@@BEFORE", 1700000000), "")

		q, body := h.seal(ticketXML("ticket@@@STALLED", 1700000001), "", 0)
		thaw := stall()
		status, answer := h.post("/wxcallback/component", q, nil, body)
		if status != http.StatusServiceUnavailable || answer == "success" {
			thaw()
			t.Fatalf("push during the stall: %d %q", status, answer)
		}
		thaw()
		h.waitForRows(2) // the late write lands
		h.wantSuccess(h.post("/wxcallback/component", q, nil, body))
		h.wantCounts(2, 0, 2)
	})
}

// waitForRows waits until the component table holds n rows; the deadline only bounds a hang.
func (h *harness) waitForRows(n int64) {
	h.t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if c, _, _ := h.counts(); c == n {
			return
		}
	}
	h.t.Fatalf("component rows never reached %d", n)
}

// stallableDB opens a migrated database and a stall function that freezes it until the returned
// thaw is called: MariaDB behind a TCP proxy that stops forwarding bytes (the shared server is
// never stopped), SQLite by another connection holding the write lock.
func stallableDB(t *testing.T, dialect string) (*gorm.DB, func() (thaw func())) {
	t.Helper()
	opts := dbtest.Options(t, dialect)
	direct := openDB(t, opts)
	if err := db.Migrate(direct, dialect); err != nil {
		t.Fatal(err)
	}
	if dialect == db.SQLite {
		return direct, func() func() { return holdWriteLock(t, openDB(t, opts)) }
	}
	p := newFreezableProxy(t, opts.MySQLAddress)
	opts.MySQLAddress = p.addr()
	return openDB(t, opts), func() func() { p.setFrozen(true); return func() { p.setFrozen(false) } }
}

func openDB(t *testing.T, o db.Options) *gorm.DB {
	t.Helper()
	g, _, err := db.Open(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if s, err := g.DB(); err == nil {
			_ = s.Close()
		}
	})
	return g
}

// holdWriteLock starts a write transaction on g and returns its release; SQLite has one writer,
// so every other write waits meanwhile.
func holdWriteLock(t *testing.T, g *gorm.DB) func() {
	t.Helper()
	tx := g.Begin()
	ts := time.Unix(0, 0).UTC()
	if err := tx.Create(&model.BizCallbackRecord{ReceiveTime: ts, CreateTime: ts, PostBody: "lock"}).Error; err != nil {
		t.Fatal(err)
	}
	return func() { tx.Rollback() }
}

// freezableProxy forwards TCP connections to a target and can stop forwarding bytes, like a
// database that stopped answering.
type freezableProxy struct {
	ln     net.Listener
	target string
	mu     sync.Mutex
	cond   *sync.Cond
	frozen bool
	conns  []net.Conn
	closed bool
}

func newFreezableProxy(t *testing.T, target string) *freezableProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &freezableProxy{ln: ln, target: target}
	p.cond = sync.NewCond(&p.mu)
	go p.serve()
	t.Cleanup(p.close)
	return p
}

func (p *freezableProxy) addr() string { return p.ln.Addr().String() }

func (p *freezableProxy) setFrozen(f bool) {
	p.mu.Lock()
	p.frozen = f
	p.mu.Unlock()
	p.cond.Broadcast()
}

func (p *freezableProxy) serve() {
	for {
		client, err := p.ln.Accept()
		if err != nil {
			return
		}
		server, err := net.Dial("tcp", p.target)
		if err != nil {
			_ = client.Close()
			continue
		}
		if !p.track(client, server) {
			return
		}
		go p.pipe(server, client)
		go p.pipe(client, server)
	}
}

// track remembers the connections for close; false once the proxy is closed.
func (p *freezableProxy) track(conns ...net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		for _, c := range conns {
			_ = c.Close()
		}
		return false
	}
	p.conns = append(p.conns, conns...)
	return true
}

// pipe copies src to dst, holding each chunk while the proxy is frozen.
func (p *freezableProxy) pipe(dst, src net.Conn) {
	defer func() { _ = dst.Close(); _ = src.Close() }()
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			p.mu.Lock()
			for p.frozen && !p.closed {
				p.cond.Wait()
			}
			p.mu.Unlock()
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return // EOF or closed: the deferred closes end the other direction too
		}
	}
}

func (p *freezableProxy) close() {
	p.mu.Lock()
	p.closed = true
	conns := p.conns
	p.mu.Unlock()
	p.cond.Broadcast()
	_ = p.ln.Close()
	for _, c := range conns {
		_ = c.Close()
	}
}
