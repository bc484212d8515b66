package routers_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"

	"wxcomponent/routers"
)

func get(e http.Handler, path string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Host = "127.0.0.1"
	e.ServeHTTP(w, req)
	return w
}

func TestStartingAnswersLivenessButNotReadiness(t *testing.T) {
	gin.SetMode(gin.TestMode)
	d := &routers.Deps{Log: zap.NewNop()}
	reason := func() string { return "connecting to the database" }
	for name, e := range map[string]*gin.Engine{"public": routers.Starting(d, reason), "inner": routers.StartingInner(d, reason)} {
		if w := get(e, "/healthz"); w.Code != 200 {
			t.Errorf("%s /healthz: %d", name, w.Code)
		}
		if w := get(e, "/readyz"); w.Code != 503 || w.Body.String() != `{"reason":"connecting to the database","status":"starting"}` {
			t.Errorf("%s /readyz: %d %s", name, w.Code, w.Body.String())
		}
		w := get(e, "/wxcomponent/admin/me")
		if w.Code != 503 || w.Header().Get("Retry-After") == "" ||
			w.Body.String() != `{"code":1002,"errorMsg":"服务启动中，数据库尚未就绪，请稍后重试","data":"connecting to the database"}` {
			t.Errorf("%s API while starting: %d %s", name, w.Code, w.Body.String())
		}
	}
	if w := get(routers.Public(d), "/readyz"); w.Code != 200 {
		t.Errorf("full engine /readyz: %d", w.Code)
	}
}

// The own 404 keeps the security headers even where a fallback exists; dropping them from a
// really proxied response is the gateway's job (api/proxy tests it), not noRoute's.
func TestOwn404KeepsTheSecurityHeadersBesideAFallback(t *testing.T) {
	gin.SetMode(gin.TestMode)
	d := &routers.Deps{Log: zap.NewNop(), Fallback: func(c *gin.Context) { c.String(http.StatusOK, "business page") }}
	e := routers.Public(d)
	own := get(e, "/wxcomponent/nope")
	if own.Header().Get("Content-Security-Policy") == "" || own.Header().Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("own 404 lacks the security headers: %v", own.Header())
	}
}
