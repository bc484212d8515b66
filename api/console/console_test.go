package console_test

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/fstest"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"

	"wxcomponent/api/console"
	"wxcomponent/routers"
)

func serve(t *testing.T, h *console.Handler, path string) *httptest.ResponseRecorder {
	t.Helper()
	gin.SetMode(gin.TestMode)
	e := routers.Starting(&routers.Deps{Log: zap.NewNop(), Console: h}, func() string { return "" })
	w := httptest.NewRecorder()
	e.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
	return w
}

func TestBuiltConsoleCacheHeaders(t *testing.T) {
	files := fstest.MapFS{
		"index.html":                         {Data: []byte(`<script src="/wxcomponent/assets/index-abc123.js"></script>`)},
		"wxcomponent/assets/index-abc123.js": {Data: []byte("console.log(1)")},
	}
	h := console.New(files, []byte("placeholder"))
	if !h.Built() {
		t.Fatal("a dist with index.html is a built console")
	}
	idx := serve(t, h, "/")
	if idx.Code != 200 || idx.Header().Get("Cache-Control") != "no-cache" || idx.Body.String() == "placeholder" {
		t.Fatalf("index: %d %q", idx.Code, idx.Header().Get("Cache-Control"))
	}
	js := serve(t, h, "/wxcomponent/assets/index-abc123.js")
	if js.Code != 200 || js.Header().Get("Cache-Control") != "public, max-age=31536000, immutable" {
		t.Fatalf("hashed asset: %d %q", js.Code, js.Header().Get("Cache-Control"))
	}
	if ct := js.Header().Get("Content-Type"); ct != "text/javascript; charset=utf-8" && ct != "application/javascript" {
		t.Fatalf("asset content type %q", ct)
	}
	if missing := serve(t, h, "/wxcomponent/assets/gone.js"); missing.Code != 404 || missing.Header().Get("Cache-Control") != "no-store" {
		t.Fatalf("a missing asset must not be cached: %d %q", missing.Code, missing.Header().Get("Cache-Control"))
	}
	if esc := serve(t, h, "/wxcomponent/assets/../../index.html"); esc.Code == 200 && esc.Header().Get("Cache-Control") == "public, max-age=31536000, immutable" {
		t.Fatal("path traversal out of the assets folder must not be served as an asset")
	}
}

func TestPlaceholderWhenNotBuilt(t *testing.T) {
	h := console.New(fstest.MapFS{".gitkeep": {}}, []byte("<p>console not built</p>"))
	if h.Built() {
		t.Fatal("an empty dist is not a built console")
	}
	w := serve(t, h, "/")
	if w.Code != 200 || w.Body.String() != "<p>console not built</p>" {
		t.Fatalf("placeholder: %d %s", w.Code, w.Body.String())
	}
}
