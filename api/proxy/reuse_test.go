package proxy

import (
	"testing"

	commproxy "wxcomponent/comm/proxy"
)

type gen struct {
	cfg commproxy.Config
	n   *int
}

type counting struct{ cur gen }

func (c *counting) Current() commproxy.Config { return c.cur.cfg }
func (c *counting) Generation() any           { return c.cur.n }

// One reverse proxy serves every request of a configuration; a change builds one new proxy.
func TestOneProxyPerConfiguration(t *testing.T) {
	one, two := 1, 2
	src := &counting{gen{commproxy.Config{Open: true, URL: "http://127.0.0.1:9"}, &one}}
	g := New(src)
	first := g.proxy()
	if first == nil || g.proxy() != first || g.proxy() != first {
		t.Fatal("the same configuration must reuse its reverse proxy")
	}
	src.cur = gen{commproxy.Config{Open: true, URL: "http://127.0.0.1:10"}, &two}
	second := g.proxy()
	if second == first || g.proxy() != second {
		t.Fatal("a changed configuration builds one new reverse proxy")
	}
}
