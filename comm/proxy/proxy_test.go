package proxy_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap"

	"wxcomponent/comm/fault"
	"wxcomponent/comm/proxy"
	"wxcomponent/db/dao"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

var rules = proxy.Rules{ForbiddenPorts: []int{8080, 8081}, LocalHosts: []string{"10.0.0.5"}}

func TestBuildAcceptsPortsPathsAndURLs(t *testing.T) {
	for _, c := range []struct {
		in   proxy.Request
		want proxy.Config
	}{
		{proxy.Request{Open: true, Port: 8082}, proxy.Config{Open: true, Port: 8082, URL: "http://127.0.0.1:8082"}},
		{proxy.Request{Open: true, Port: 9000, Path: "/api"}, proxy.Config{Open: true, Port: 9000, Path: "/api", URL: "http://127.0.0.1:9000"}},
		{proxy.Request{}, proxy.Config{}}, // the original's default: closed, port 0
		{proxy.Request{Open: true, URL: "http://biz:3000/"}, proxy.Config{Open: true, Port: 3000, URL: "http://biz:3000"}},
		{proxy.Request{Open: true, URL: "https://biz.internal/app"}, proxy.Config{Open: true, Port: 443, URL: "https://biz.internal/app"}},
		// Another host may use the port numbers that are ours on this one.
		{proxy.Request{Open: true, URL: "http://other:8081"}, proxy.Config{Open: true, Port: 8081, URL: "http://other:8081"}},
	} {
		got, err := rules.Build(c.in)
		if err != nil || got != c.want {
			t.Errorf("Build(%+v) = %+v, %v; want %+v", c.in, got, err, c.want)
		}
	}
}

func TestBuildRefusesWithAClearMessage(t *testing.T) {
	for _, c := range []struct {
		in   proxy.Request
		want string
	}{
		{proxy.Request{Open: true, Port: 0}, "1-65535"},
		{proxy.Request{Open: true, Port: 70000}, "1-65535"},
		{proxy.Request{Open: true, Port: -1}, "1-65535"},
		{proxy.Request{Open: true, Port: 9000, Path: "api"}, "须以 / 开头"},
		{proxy.Request{Open: true, Port: 9000, Path: "/a?b"}, "?"},
		{proxy.Request{Open: true, Port: 9000, Path: "/../x"}, ".."},
		{proxy.Request{Open: true, Port: 8081}, "8081"},
		{proxy.Request{Open: true, Port: 8080}, "own listener"},
		{proxy.Request{Open: true, URL: "ftp://x"}, "http(s)"},
		{proxy.Request{Open: true, URL: "http://"}, "http(s)"},
		{proxy.Request{Open: true, URL: "biz:3000"}, "http(s)"},
		{proxy.Request{Open: true, URL: "http://u:p@biz"}, "userinfo"},
		{proxy.Request{Open: true, URL: "http://biz/?a=1"}, "query"},
		{proxy.Request{Open: true, URL: "http://biz:0"}, "1-65535"},
		{proxy.Request{Open: true, URL: "http://127.0.0.1:8081"}, "8081"},
		{proxy.Request{Open: true, URL: "http://localhost:8080/x"}, "8080"},
		{proxy.Request{Open: true, URL: "http://[::1]:8081"}, "8081"},
		{proxy.Request{Open: true, URL: "http://0.0.0.0:8081"}, "8081"},
		{proxy.Request{Open: true, URL: "http://10.0.0.5:8081"}, "8081"},
	} {
		_, err := rules.Build(c.in)
		if !fault.Is(err, fault.Invalid) || !strings.Contains(fault.Message(err), c.want) {
			t.Errorf("Build(%+v) = %v; want an Invalid fault mentioning %q", c.in, err, c.want)
		}
	}
}

func TestTargetJoinsURLAndPath(t *testing.T) {
	c := proxy.Config{Open: true, Port: 3000, Path: "/p/", URL: "http://biz:3000/base"}
	u, ok := c.Target()
	if !ok || u.String() != "http://biz:3000/base/p" {
		t.Fatalf("target = %v %v", u, ok)
	}
	c.Open = false
	if _, ok := c.Target(); ok {
		t.Fatal("a closed proxy has no target")
	}
	if u, ok := c.Endpoint(); !ok || u.Host != "biz:3000" {
		t.Fatalf("the console tests a closed proxy's endpoint too: %v %v", u, ok)
	}
}

// A row written by the original ({open, port} with url, or without it) reads back.
func TestDecodeReadsTheOriginalsRows(t *testing.T) {
	for raw, want := range map[string]proxy.Config{
		`{"open":true,"port":8082,"path":"","url":"http://127.0.0.1:8082"}`: {Open: true, Port: 8082, URL: "http://127.0.0.1:8082"},
		`{"open":false,"port":9000}`:                                        {Port: 9000, URL: "http://127.0.0.1:9000"},
	} {
		got, err := proxy.Decode(raw)
		if err != nil || got != want {
			t.Errorf("Decode(%s) = %+v, %v", raw, got, err)
		}
	}
}

// Two instances on one database: a change saved on one is in force on the other after its
// next poll, and a hand-broken row closes the proxy rather than half-applying it.
func TestSecondInstanceFollowsAfterReload(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		ctx := context.Background()
		g := dbtest.Open(t, dialect)
		a := proxy.New(dao.New(g, dialect, time.Now), rules, zap.NewNop())
		b := proxy.New(dao.New(g, dialect, time.Now), rules, zap.NewNop())
		if err := b.Reload(ctx); err != nil || b.Current().Open {
			t.Fatalf("nothing stored: closed, got %+v %v", b.Current(), err)
		}
		gen := b.Generation()
		saved, err := a.Save(ctx, proxy.Request{Open: true, Port: 9000, Path: "/x"})
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Reload(ctx); err != nil {
			t.Fatal(err)
		}
		if b.Current() != saved || b.Generation() == gen {
			t.Fatalf("second instance has %+v, want %+v (and a new generation)", b.Current(), saved)
		}
		gen = b.Generation()
		_ = b.Reload(ctx)
		if b.Generation() != gen {
			t.Fatal("an unchanged row must not replace the value (the gateway would rebuild for nothing)")
		}
		if err := dao.New(g, dialect, time.Now).SetKV(ctx, model.KVProxy, "{broken"); err != nil {
			t.Fatal(err)
		}
		_ = b.Reload(ctx)
		if b.Current().Open {
			t.Fatal("a row that does not decode must leave the proxy closed")
		}
	})
}
