package app

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

func portOf(t *testing.T, addr string) int {
	t.Helper()
	_, p, err := net.SplitHostPort(strings.TrimPrefix(addr, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	n, _ := strconv.Atoi(p)
	return n
}

// The proxy configurator end to end: validation with clear messages (never our own listeners),
// the console's test request, and unmatched paths reaching the business service.
func TestProxyConfiguratorServesTheBusinessService(t *testing.T) {
	ta := startApp(t, map[string]string{"ADMIN_USERNAME": "admin", "ADMIN_PASSWORD": "Start1234"})
	ta.login(t, "admin", "Start1234")
	biz := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, "business "+r.Method+" "+r.URL.RequestURI())
	}))
	t.Cleanup(biz.Close)
	admin := ta.base + "/wxcomponent/admin"

	_, env := ta.call(t, "GET", admin+"/proxy", nil)
	if env.Code != 0 || string(env.Data) != `{"open":false,"port":0,"url":""}` {
		t.Fatalf("closed by default: %s", env.Data)
	}
	for _, bad := range []map[string]any{
		{"open": true, "port": 70000},
		{"open": true, "port": portOf(t, ta.inner)},
		{"open": true, "port": portOf(t, ta.base)},
		{"open": true, "url": ta.inner},
		{"open": true, "port": 9000, "path": "api"},
		{"open": true, "url": "ftp://example.com"},
	} {
		status, env := ta.call(t, "POST", admin+"/proxy", bad)
		if status != 400 || env.Code != 1001 || len(env.Data) < 5 {
			t.Errorf("POST /proxy %v: want 1001 with a message, got %d %+v", bad, status, env)
		}
	}
	port := portOf(t, biz.URL)
	if _, env := ta.call(t, "POST", admin+"/proxy", map[string]any{"open": true, "port": port, "path": "/svc"}); env.Code != 0 {
		t.Fatalf("save: %+v", env)
	}
	_, env = ta.call(t, "GET", admin+"/proxy", nil)
	want := `{"open":true,"port":` + strconv.Itoa(port) + `,"path":"/svc","url":"http://127.0.0.1:` + strconv.Itoa(port) + `"}`
	if string(env.Data) != want {
		t.Fatalf("GET /proxy = %s, want %s", env.Data, want)
	}
	_, env = ta.call(t, "POST", admin+"/proxy-test", nil)
	var probe struct {
		Status int    `json:"status"`
		Body   string `json:"body"`
	}
	if env.Code != 0 || json.Unmarshal(env.Data, &probe) != nil || probe.Status != 200 || probe.Body != "business GET /svc" {
		t.Fatalf("proxy-test: %+v %s", env, env.Data)
	}
	status, body := ta.get(t, "/shop/item?id=3")
	if status != 200 || body != "business GET /svc/shop/item?id=3" {
		t.Fatalf("proxied: %d %q", status, body)
	}
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	status, env = ta.call(t, "POST", admin+"/proxy-test", map[string]any{"url": dead.URL})
	if status != 502 || env.Code != 1010 || !strings.Contains(string(env.Data), "无法连接") {
		t.Fatalf("proxy-test of a dead target: %d %+v %s", status, env, env.Data)
	}
}
