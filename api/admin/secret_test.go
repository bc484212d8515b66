package admin_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"wxcomponent/api/admin"
	"wxcomponent/comm/secretbox"
	"wxcomponent/comm/secrets"
	"wxcomponent/db/dao"
	"wxcomponent/db/dbtest"
	"wxcomponent/middleware"
	"wxcomponent/routers"
)

const secretValue = "0123456789abcdefABCDEF0123456789"

// secretServer mounts the handler behind the request-id middleware, whose
// logger is observed so audit lines can be checked.
func secretServer(t *testing.T, dialect string, env string) (*httptest.Server, *observer.ObservedLogs) {
	box, err := secretbox.Load("", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	store := dao.New(dbtest.Open(t, dialect), dialect, nil)
	svc := secrets.New(store, box, secrets.Options{EnvAppSecret: env})
	core, logs := observer.New(zapcore.InfoLevel)
	gin.SetMode(gin.TestMode)
	r := gin.New()
	r.Use(middleware.RequestID(zap.New(core)))
	routers.AdminRoutes(r.Group("/wxcomponent/admin"), &routers.Handlers{Secrets: admin.NewSecretHandler(svc)})
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	return srv, logs
}

// secretCall performs a request and decodes the envelope.
func secretCall(t *testing.T, method, url, body string) (int, map[string]any, string) {
	t.Helper()
	req, _ := http.NewRequest(method, url, bytes.NewBufferString(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(resp.Body)
	var env map[string]any
	_ = json.Unmarshal(buf.Bytes(), &env)
	return resp.StatusCode, env, buf.String()
}

func TestSecretEndpoints(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		srv, logs := secretServer(t, dialect, "")
		base := srv.URL + "/wxcomponent/admin"
		if st, env, _ := secretCall(t, "POST", base+"/secret", `{"secret":"too short"}`); st != 400 || env["code"].(float64) != 1001 {
			t.Fatalf("invalid secret: %d %v", st, env)
		}
		st, _, body := secretCall(t, "POST", base+"/secret", `{"secret":"`+secretValue+`"}`)
		if st != 200 || strings.Contains(body, secretValue) {
			t.Fatalf("save: %d %s", st, body)
		}
		_, env, body := secretCall(t, "GET", base+"/secret", "")
		data := env["data"].(map[string]any)
		if data["secret"] != "01234***6789" || data["configured"] != true || data["source"] != "console" || strings.Contains(body, secretValue) {
			t.Fatalf("masked: %s", body)
		}
		if logs.FilterMessageSnippet("secret revealed").Len() != 0 {
			t.Fatal("audit line without reveal")
		}
		_, env, _ = secretCall(t, "GET", base+"/secret?reveal=true", "")
		if env["data"].(map[string]any)["secret"] != secretValue {
			t.Fatalf("reveal: %v", env)
		}
		audit := logs.FilterMessageSnippet("secret revealed").All()
		if len(audit) != 1 || audit[0].ContextMap()["request_id"] == "" {
			t.Fatalf("audit lines %v", audit)
		}
		for _, e := range logs.All() {
			if strings.Contains(e.Message, secretValue) || strings.Contains(strings.Join(fieldStrings(e.ContextMap()), " "), secretValue) {
				t.Fatalf("secret logged: %v", e)
			}
		}
	})
}

func TestCallbackSecretEndpoints(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		srv, _ := secretServer(t, dialect, "")
		base := srv.URL + "/wxcomponent/admin"
		if st, _, _ := secretCall(t, "POST", base+"/callback-secrets", `{}`); st != 400 {
			t.Fatalf("empty body: %d", st)
		}
		if st, env, _ := secretCall(t, "POST", base+"/callback-secrets", `{"encodingAESKey":"short"}`); st != 400 || !strings.Contains(env["data"].(string), "43") {
			t.Fatalf("bad key: %d %v", st, env)
		}
		key := "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
		st, env, body := secretCall(t, "POST", base+"/callback-secrets", `{"token":"mytoken123","encodingAESKey":"`+key+`"}`)
		if st != 200 || strings.Contains(body, key) || strings.Contains(body, "mytoken123") {
			t.Fatalf("save: %d %s", st, body)
		}
		data := env["data"].(map[string]any)
		if data["token"].(map[string]any)["configured"] != true || data["encodingAESKey"].(map[string]any)["masked"] != "abcde***DEFG" {
			t.Fatalf("status: %s", body)
		}
	})
}

func TestSecretFromEnvCannotBeChanged(t *testing.T) {
	srv, _ := secretServer(t, "sqlite", secretValue)
	base := srv.URL + "/wxcomponent/admin"
	if st, env, _ := secretCall(t, "POST", base+"/secret", `{"secret":"`+strings.Repeat("a", 32)+`"}`); st != 409 || env["code"].(float64) != 1008 {
		t.Fatalf("env secret changed: %d %v", st, env)
	}
	if _, env, _ := secretCall(t, "GET", base+"/secret", ""); env["data"].(map[string]any)["source"] != "env" {
		t.Fatalf("source: %v", env)
	}
}

// fieldStrings renders log fields for a leak check.
func fieldStrings(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for _, v := range m {
		b, _ := json.Marshal(v)
		out = append(out, string(b))
	}
	return out
}
