package admin_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"wxcomponent/api/admin"
	"wxcomponent/comm/wx/token/tokentest"
	"wxcomponent/db/dbtest"
	"wxcomponent/internal/wxsim"
	"wxcomponent/routers"
)

// tokenEnvelope is the response envelope with the token endpoints' data.
type tokenEnvelope struct {
	Code int `json:"code"`
	Data struct {
		Token      string `json:"token"`
		ExpiresAt  int64  `json:"expiresAt"`
		Ticket     string `json:"ticket"`
		ReceivedAt int64  `json:"receivedAt"`
		AgeSeconds int64  `json:"ageSeconds"`
	} `json:"data"`
	Raw string `json:"-"`
}

// tokenServer mounts the handler as routers/ does, under /wxcomponent/admin.
func tokenServer(t *testing.T, s *tokentest.Stack, cloudbase string) *httptest.Server {
	gin.SetMode(gin.TestMode)
	r := gin.New()
	h := admin.NewTokenHandler(s.Manager, s.Tickets, admin.TokenOptions{Now: s.Clock.Now, CloudbaseFile: cloudbase})
	routers.AdminRoutes(r.Group("/wxcomponent/admin"), &routers.Handlers{Tokens: h})
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	return srv
}

func getToken(t *testing.T, url string) (int, tokenEnvelope) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var raw struct {
		Code int             `json:"code"`
		Data json.RawMessage `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&raw); err != nil {
		t.Fatal(err)
	}
	env := tokenEnvelope{Code: raw.Code, Raw: string(raw.Data)}
	_ = json.Unmarshal(raw.Data, &env.Data) // error answers carry a string
	return resp.StatusCode, env
}

func TestAdminTokenEndpoints(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		s := tokentest.New(t, dialect)
		base := tokenServer(t, s, filepath.Join(t.TempDir(), "missing")).URL + "/wxcomponent/admin"
		if st, env := getToken(t, base+"/component-access-token"); st != 503 || env.Code != 1007 {
			t.Fatalf("no ticket: %d %+v", st, env)
		}
		if st, env := getToken(t, base+"/ticket"); st != 503 || env.Code != 1007 {
			t.Fatalf("no ticket: %d %+v", st, env)
		}
		ticket := s.PushTicket(t)
		s.Clock.Advance(90 * time.Second)
		st, env := getToken(t, base+"/ticket")
		if st != 200 || env.Data.Ticket != ticket || env.Data.AgeSeconds != 90 || env.Data.ReceivedAt != s.Clock.Now().Unix()-90 {
			t.Fatalf("ticket: %d %+v", st, env)
		}
		st, env = getToken(t, base+"/component-access-token")
		if st != 200 || env.Data.Token == "" || env.Data.ExpiresAt != s.Clock.Now().Add(115*time.Minute).Unix() {
			t.Fatalf("component token: %d %+v", st, env)
		}
		if st, env := getToken(t, base+"/authorizer-access-token"); st != 400 || env.Code != 1001 {
			t.Fatalf("missing appid: %d %+v", st, env)
		}
		s.Authorize(t, "wx570bc396a51b8ff8")
		if st, env := getToken(t, base+"/authorizer-access-token?appid=wx570bc396a51b8ff8"); st != 200 || env.Data.Token == "" {
			t.Fatalf("authorizer token: %d %+v", st, env)
		}
	})
}

func TestAdminTokenWeChatErrorIsBadGateway(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		s := tokentest.New(t, dialect)
		base := tokenServer(t, s, "").URL + "/wxcomponent/admin"
		s.PushTicket(t)
		s.Sim.SetFault(wxsim.Fault{API: "api_component_token", Errcode: 61004})
		resp, err := http.Get(base + "/component-access-token")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var env struct {
			Code int    `json:"code"`
			Data string `json:"data"`
		}
		_ = json.NewDecoder(resp.Body).Decode(&env)
		if resp.StatusCode != 502 || env.Code != 1002 || !strings.HasPrefix(env.Data, "errcode 61004: ") {
			t.Fatalf("%d %+v", resp.StatusCode, env)
		}
	})
}

func TestAdminCloudbaseToken(t *testing.T) {
	s := tokentest.New(t, "sqlite")
	file := filepath.Join(t.TempDir(), "cloudbase_access_token")
	base := tokenServer(t, s, file).URL + "/wxcomponent/admin"
	if _, env := getToken(t, base+"/cloudbase-access-token"); env.Code != 0 || env.Data.Token != "" {
		t.Fatalf("absent file: %+v", env)
	}
	if err := os.WriteFile(file, []byte("cbtoken\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, env := getToken(t, base+"/cloudbase-access-token"); env.Data.Token != "cbtoken" {
		t.Fatalf("file token: %+v", env)
	}
}
