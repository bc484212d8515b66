package authz_test

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"wxcomponent/comm/authz/authztest"
	"wxcomponent/comm/jobs"
	"wxcomponent/comm/wx/msg"
	"wxcomponent/comm/wx/token"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

func TestRevokeKeepsRowAndPurgesTokens(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := authztest.New(t, dialect, authztest.Options{})
		e.Authorize(authztest.OA)
		if _, err := e.Tokens.Authorizer(ctx, authztest.OA); err != nil {
			t.Fatal(err)
		}
		e.Revoke(authztest.OA)
		a := e.Row(authztest.OA)
		if a.Status != model.AuthorizerRevoked || a.RefreshToken != "" || a.NickName == "" {
			t.Fatalf("after revoke: status %d refresh %q nickname %q", a.Status, a.RefreshToken, a.NickName)
		}
		var n int64
		e.DB.Model(&model.WxToken{}).Where("appid = ?", authztest.OA).Count(&n)
		if n != 0 {
			t.Errorf("%d wxtoken rows left after revoke", n)
		}
		if _, err := e.Tokens.Authorizer(ctx, authztest.OA); !errors.Is(err, token.ErrAuthorizerRevoked) {
			t.Errorf("token after revoke: %v, want ErrAuthorizerRevoked", err)
		}
	})
}

func TestReauthorizeReplacesTokens(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := authztest.New(t, dialect, authztest.Options{})
		e.Authorize(authztest.OA)
		old, err := e.Tokens.Authorizer(ctx, authztest.OA)
		if err != nil {
			t.Fatal(err)
		}
		e.Revoke(authztest.OA)
		g := e.Authorize(authztest.OA)
		a := e.Row(authztest.OA)
		if a.Status != model.AuthorizerActive {
			t.Fatalf("status after re-authorization = %d", a.Status)
		}
		assertSealed(t, e, a, g.RefreshToken)
		assertFreshWorkingToken(t, e, authztest.OA, old.Value)
	})
}

// TestReauthorizeWithoutRevoke is the original's issue #10: after an updateauthorized the
// cached token was still served and WeChat rejected it as "not latest".
func TestReauthorizeWithoutRevoke(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := authztest.New(t, dialect, authztest.Options{})
		e.Authorize(authztest.OA, 1, 2)
		old, err := e.Tokens.Authorizer(ctx, authztest.OA)
		if err != nil {
			t.Fatal(err)
		}
		g := e.Authorize(authztest.OA, 1, 2, 3)
		if g.InfoType != "updateauthorized" {
			t.Fatalf("second grant pushed %s", g.InfoType)
		}
		if got := e.Row(authztest.OA).FuncInfo; got != "|1|2|3" {
			t.Errorf("funcinfo after update = %q", got)
		}
		e.Clock.Advance(10 * time.Minute) // past WeChat's overlap for the superseded token
		assertFreshWorkingToken(t, e, authztest.OA, old.Value)
	})
}

// assertFreshWorkingToken checks the manager serves a token other than old that WeChat accepts.
func assertFreshWorkingToken(t *testing.T, e *authztest.Env, appid, old string) {
	t.Helper()
	tok, err := e.Tokens.Authorizer(ctx, appid)
	if err != nil {
		t.Fatal(err)
	}
	if tok.Value == old {
		t.Fatal("the superseded authorizer token is still served")
	}
	var out struct {
		IPList []string `json:"ip_list"`
	}
	if err := e.WX.CallAuthorizer(ctx, appid, http.MethodGet, "/cgi-bin/get_api_domain_ip", nil, nil, &out); err != nil {
		t.Fatalf("on-behalf call with the new token: %v", err)
	}
}

func TestStaleUnauthorizedIgnored(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := authztest.New(t, dialect, authztest.Options{})
		e.Authorize(authztest.OA)
		before := e.Row(authztest.OA).AuthTime.Add(-time.Minute)
		if err := e.Svc.HandleUnauthorized(ctx, authztest.OA, before); err != nil {
			t.Fatal(err)
		}
		if st := e.Row(authztest.OA).Status; st != model.AuthorizerActive {
			t.Fatalf("an unauthorized push older than the grant revoked it (status %d)", st)
		}
	})
}

func TestAuthorizationPushMarksPermanentFailures(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := authztest.New(t, dialect, authztest.Options{})
		e.Hold()
		g := e.Authorize(authztest.OA)
		e.Release()
		p := &msg.Message{InfoType: msg.InfoAuthorized, AppID: authztest.AppID,
			CreateTime: e.Clock.Now().Unix(), AuthorizerAppid: authztest.OA, AuthorizationCode: g.AuthCode}
		if err := e.Svc.HandleAuthorizationPush(ctx, p); err != nil {
			t.Fatal(err)
		}
		if err := e.Svc.HandleAuthorizationPush(ctx, p); err != nil { // a redelivered job is fine too
			t.Fatalf("second run: %v", err)
		}
		p.AuthorizationCode = ""
		if err := e.Svc.HandleAuthorizationPush(ctx, p); !jobs.IsPermanent(err) {
			t.Fatalf("malformed push: %v, want a permanent error", err)
		}
		p.InfoType = "notify_third_fasteregister" // not ours
		if err := e.Svc.HandleAuthorizationPush(ctx, p); err != nil {
			t.Fatal(err)
		}
	})
}
