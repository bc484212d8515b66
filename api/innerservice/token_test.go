package innerservice_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"wxcomponent/api/innerservice"
	"wxcomponent/comm/wx/token/tokentest"
	"wxcomponent/db/dbtest"
	"wxcomponent/routers"
)

func TestInnerTokenEndpoints(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		s := tokentest.New(t, dialect)
		gin.SetMode(gin.TestMode)
		r := gin.New()
		routers.InnerRoutes(r.Group("/inner"), &routers.Handlers{Inner: innerservice.NewTokenHandler(s.Manager, s.Tickets)})
		srv := httptest.NewServer(r)
		defer srv.Close()
		get := func(path string) (int, map[string]any) {
			resp, err := http.Get(srv.URL + "/inner" + path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var env map[string]any
			_ = json.NewDecoder(resp.Body).Decode(&env)
			return resp.StatusCode, env
		}
		if st, env := get("/ticket"); st != 503 || env["code"].(float64) != 1007 {
			t.Fatalf("no ticket: %d %v", st, env)
		}
		ticket := s.PushTicket(t)
		_, env := get("/ticket")
		data := env["data"].(map[string]any)
		if data["ticket"] != ticket || int64(data["expiresAt"].(float64)) != s.Clock.Now().Add(12*time.Hour).Unix() {
			t.Fatalf("ticket: %v", env)
		}
		_, env = get("/component-access-token")
		data = env["data"].(map[string]any)
		if data["token"] == "" || int64(data["expiresAt"].(float64)) != s.Clock.Now().Add(115*time.Minute).Unix() {
			t.Fatalf("component token: %v", env)
		}
		if st, env := get("/authorizer-access-token"); st != 400 || env["code"].(float64) != 1001 {
			t.Fatalf("missing appid: %d %v", st, env)
		}
		if st, env := get("/authorizer-access-token?appid=wxnotauthorized"); st != 404 || env["code"].(float64) != 1001 {
			t.Fatalf("unknown appid: %d %v", st, env)
		}
		s.Authorize(t, "wx570bc396a51b8ff8")
		if _, env := get("/authorizer-access-token?appid=wx570bc396a51b8ff8"); env["data"].(map[string]any)["token"] == "" {
			t.Fatalf("authorizer token: %v", env)
		}
	})
}
