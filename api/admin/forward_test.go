package admin_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"wxcomponent/api/admin"
	"wxcomponent/comm/forward"
	"wxcomponent/comm/secretbox"
	"wxcomponent/db/dao"
	"wxcomponent/db/dbtest"
	"wxcomponent/middleware"
	"wxcomponent/routers"
)

// forwardServer mounts the forwarding endpoints on the real forwarder and database.
func forwardServer(t *testing.T, dialect string) (string, *observer.ObservedLogs) {
	box, err := secretbox.Load("", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	store := dao.New(dbtest.Open(t, dialect), dialect, nil)
	fw := forward.New(store, box, forward.Options{InnerPort: "8081"})
	core, logs := observer.New(zapcore.InfoLevel)
	gin.SetMode(gin.TestMode)
	r := gin.New()
	r.Use(middleware.RequestID(zap.New(core)))
	routers.AdminRoutes(r.Group("/wxcomponent/admin"), &routers.Handlers{Forward: admin.NewForwardHandler(fw)})
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	return srv.URL + "/wxcomponent/admin", logs
}

func TestForwardRulesAPI(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		base, logs := forwardServer(t, dialect)
		var mu sync.Mutex
		var gotSig, gotBody, gotTS string
		target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			b, _ := io.ReadAll(r.Body)
			mu.Lock()
			gotSig, gotBody, gotTS = r.Header.Get(forward.HeaderSignature), string(b), r.Header.Get(forward.HeaderTimestamp)
			mu.Unlock()
			if r.URL.Path == "/down" {
				http.Error(w, "maintenance", http.StatusServiceUnavailable)
				return
			}
			_, _ = io.WriteString(w, "pong "+r.URL.Path)
		}))
		defer target.Close()

		// Validation answers 1001 with the reason.
		for body, want := range map[string]string{
			`{"name":"n","data":{"port":8082,"path":"/x"}}`:                   "消息推送类型为空",
			`{"name":"n","msgType":"text","data":{"port":0,"path":"/x"}}`:     "端口须为 1–65535（或填写完整的 http(s) 地址）",
			`{"name":"n","msgType":"text","data":{"port":8082,"path":"x"}}`:   "路径须以 / 开头",
			`{"name":"n","msgType":"text","data":{"url":"ftp://h/x"}}`:        "地址须为 http:// 或 https:// 开头的完整地址",
			`{"name":"n","msgType":"text","data":{"port":8081,"path":"/in"}}`: "不能转发到本服务的内部令牌端口 8081",
			`not json`: `请求体须为规则对象 {"name","infoType","msgType","event","open","data":{"port","path","url","mode"}}`,
		} {
			status, env, raw := secretCall(t, http.MethodPut, base+"/callback-proxy-rule", body)
			if status != 400 || env["code"] != float64(1001) || env["data"] != want {
				t.Errorf("PUT %s: %d %s, want 1001 %q", body, status, raw, want)
			}
		}
		rule := `{"name":"客服消息","msgType":"text","open":1,"data":{"url":"` + target.URL + `/wx/$APPID$/msg","mode":"async"}}`
		_, env, raw := secretCall(t, http.MethodPut, base+"/callback-proxy-rule", rule)
		if env["code"] != float64(0) {
			t.Fatalf("create: %s", raw)
		}
		id := strconv.Itoa(int(env["data"].(map[string]any)["id"].(float64)))
		if _, env, _ := secretCall(t, http.MethodPut, base+"/callback-proxy-rule", rule); env["data"] != "该事件已存在转发规则" {
			t.Fatalf("duplicate: %v", env)
		}

		// The list carries the target, the masked key and the stats.
		// The original console asks for every rule at once (offset=0&limit=999): clamped, not refused.
		_, env, raw = secretCall(t, http.MethodGet, base+"/callback-proxy-rule-list?type=2&offset=0&limit=999", "")
		data := env["data"].(map[string]any)
		rules := data["rules"].([]any)
		if data["total"] != float64(1) || len(rules) != 1 {
			t.Fatalf("list: %s", raw)
		}
		r0 := rules[0].(map[string]any)
		hint := r0["keyHint"].(string)
		if r0["data"].(map[string]any)["mode"] != "async" || !strings.HasPrefix(hint, "whk_…") || r0["stats"].(map[string]any)["dead"] != float64(0) {
			t.Fatalf("rule: %v", r0)
		}
		if _, env, _ := secretCall(t, http.MethodGet, base+"/callback-proxy-rule-list?type=1", ""); env["data"].(map[string]any)["total"] != float64(0) {
			t.Fatalf("component list: %v", env)
		}

		// The key is masked unless revealed; the reveal is logged without the key.
		if _, env, _ := secretCall(t, http.MethodGet, base+"/callback-proxy-rule-key?id="+id, ""); env["data"].(map[string]any)["key"] != hint {
			t.Fatalf("masked key: %v", env)
		}
		_, env, _ = secretCall(t, http.MethodGet, base+"/callback-proxy-rule-key?id="+id+"&reveal=true", "")
		key := env["data"].(map[string]any)["key"].(string)
		if len(key) < 40 || forward.MaskKey(key) != hint {
			t.Fatalf("revealed key %q", key)
		}
		if logs.FilterMessage("audit: secret revealed").Len() != 1 || strings.Contains(logsText(logs), key) {
			t.Fatal("the reveal is not audited, or the key reached the log")
		}

		// callback-test: the target's answer as a string, signed with the rule's key.
		_, env, raw = secretCall(t, http.MethodPost, base+"/callback-test", `{"id":`+id+`}`)
		if env["code"] != float64(0) || env["data"] != "pong /wx/wxtestappid/msg" {
			t.Fatalf("test: %s", raw)
		}
		mu.Lock()
		ts, _ := strconv.ParseInt(gotTS, 10, 64)
		if gotSig != forward.Sign(key, ts, []byte(gotBody)) || !strings.Contains(gotBody, `"MsgType":"text"`) {
			t.Errorf("test request: signature %q body %s", gotSig, gotBody)
		}
		mu.Unlock()

		// A rotated key signs from now on and differs from the old one.
		_, env, _ = secretCall(t, http.MethodPost, base+"/callback-proxy-rule-key", `{"id":`+id+`}`)
		if rotated := env["data"].(map[string]any)["key"].(string); rotated == key || len(rotated) != len(key) {
			t.Fatalf("rotated key %q", rotated)
		}

		// Update to a failing target: the test answers 1010 with what the target said.
		down := `{"id":` + id + `,"name":"客服消息","msgType":"text","open":1,"data":{"url":"` + target.URL + `/down"}}`
		if _, env, raw := secretCall(t, http.MethodPost, base+"/callback-proxy-rule", down); env["code"] != float64(0) {
			t.Fatalf("update: %s", raw)
		}
		if status, env, _ := secretCall(t, http.MethodPost, base+"/callback-test", `{"id":`+id+`}`); status != 502 || env["code"] != float64(1010) ||
			env["data"] != "目标服务请求失败: HTTP 503: maintenance" {
			t.Fatalf("test of a failing target: %d %v", status, env)
		}
		closed := strings.Replace(down, `"open":1`, `"open":0`, 1)
		secretCall(t, http.MethodPost, base+"/callback-proxy-rule", closed)
		if _, env, _ := secretCall(t, http.MethodPost, base+"/callback-test", `{"id":`+id+`}`); env["code"] != float64(1008) || env["data"] != "该规则未启用或类型异常" {
			t.Fatalf("test of a closed rule: %v", env)
		}

		// Missing ids are 404 规则不存在, for every operation.
		for _, c := range []struct{ method, path, body string }{
			{http.MethodPost, "/callback-proxy-rule", `{"id":999,"name":"n","msgType":"image","data":{"port":8082,"path":"/x"}}`},
			{http.MethodDelete, "/callback-proxy-rule?id=999", ""},
			{http.MethodPost, "/callback-test", `{"id":999}`},
			{http.MethodGet, "/callback-proxy-rule-key?id=999", ""},
			{http.MethodPost, "/callback-proxy-replay", `{"ruleId":999,"all":true}`},
		} {
			if status, env, _ := secretCall(t, c.method, base+c.path, c.body); status != 404 || env["data"] != "规则不存在" {
				t.Errorf("%s %s: %d %v", c.method, c.path, status, env)
			}
		}

		// Deliveries and replay: input checked, keyset page answered.
		if _, env, _ := secretCall(t, http.MethodGet, base+"/callback-proxy-deliveries?status=lost", ""); env["code"] != float64(1001) {
			t.Fatalf("bad status: %v", env)
		}
		if _, env, _ := secretCall(t, http.MethodPost, base+"/callback-proxy-replay", `{"ruleId":1}`); env["code"] != float64(1001) {
			t.Fatalf("replay without all=true: %v", env)
		}
		_, env, raw = secretCall(t, http.MethodGet, base+"/callback-proxy-deliveries?ruleId="+id+"&limit=5", "")
		if d := env["data"].(map[string]any); env["code"] != float64(0) || len(d["records"].([]any)) != 0 || d["nextBeforeId"] != float64(0) {
			t.Fatalf("deliveries: %s", raw)
		}
		if _, env, _ := secretCall(t, http.MethodDelete, base+"/callback-proxy-rule?id="+id, ""); env["code"] != float64(0) {
			t.Fatalf("delete: %v", env)
		}
	})
}

func logsText(logs *observer.ObservedLogs) string {
	var b strings.Builder
	for _, e := range logs.All() {
		b.WriteString(e.Message)
		for _, f := range e.Context {
			b.WriteString(" " + f.String + " " + strconv.FormatInt(f.Integer, 10))
		}
	}
	return b.String()
}
