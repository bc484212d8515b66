package admin_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"wxcomponent/api/admin"
	"wxcomponent/comm/callback"
	"wxcomponent/comm/config"
	"wxcomponent/routers"
)

func callbackConfig(t *testing.T, info admin.CallbackConfigInfo, keys callback.KeySource, proto string) map[string]any {
	t.Helper()
	gin.SetMode(gin.TestMode)
	engine := gin.New()
	routers.AdminRoutes(engine.Group("/wxcomponent/admin"), &routers.Handlers{CallbackConfig: admin.NewCallbackConfigHandler(info, keys)})
	req := httptest.NewRequest(http.MethodGet, "http://wxc.example.com/wxcomponent/admin/callback-config", nil)
	if proto != "" {
		req.Header.Set("X-Forwarded-Proto", proto)
	}
	rec := httptest.NewRecorder()
	engine.ServeHTTP(rec, req)
	var env struct {
		Code int            `json:"code"`
		Data map[string]any `json:"data"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &env); err != nil || env.Code != 0 {
		t.Fatalf("%d %s", rec.Code, rec.Body.String())
	}
	return env.Data
}

func TestCallbackConfigCloudRun(t *testing.T) {
	info := admin.CallbackConfigInfo{Mode: config.ModeCloudRun, AppID: "wx0123456789abcdef", EnvID: "wx0123-prod", Hostname: "wxcomponent-12-abc"}
	got := callbackConfig(t, info, callback.StaticKeys{}, "https")
	want := map[string]any{
		"envId": "wx0123-prod", "service": "wxcomponent", "componentPath": "/wxcallback/component",
		"bizPath": "/wxcallback/biz/$APPID$", "textMode": "json", "mode": "cloudrun", "appid": "wx0123456789abcdef",
		"componentUrl": "https://wxc.example.com/wxcallback/component", "bizUrl": "https://wxc.example.com/wxcallback/biz/$APPID$",
		"tokenConfigured": false, "encodingAESKeyConfigured": false,
	}
	for k, v := range want {
		if got[k] != v {
			t.Fatalf("%s = %v, want %v", k, got[k], v)
		}
	}
}

func TestCallbackConfigStandard(t *testing.T) {
	keys := callback.StaticKeys{Token: "secret-token", EncodingAESKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"}
	got := callbackConfig(t, admin.CallbackConfigInfo{Mode: config.ModeStandard, AppID: "wx1"}, keys, "gopher")
	if got["textMode"] != "xml" || got["componentUrl"] != "http://wxc.example.com/wxcallback/component" ||
		got["tokenConfigured"] != true || got["encodingAESKeyConfigured"] != true {
		t.Fatalf("%v", got)
	}
	raw, _ := json.Marshal(got)
	if strings.Contains(string(raw), "secret-token") || strings.Contains(string(raw), "ABCDEFG") {
		t.Fatalf("keys leaked: %s", raw)
	}
}
