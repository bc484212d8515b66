package authz_test

import (
	"context"
	"strings"
	"testing"

	"wxcomponent/comm/authz"
	"wxcomponent/comm/authz/authztest"
	"wxcomponent/comm/fault"
	"wxcomponent/comm/secretbox"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

var ctx = context.Background()

func TestAuthorizedPushStoresAuthorizer(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := authztest.New(t, dialect, authztest.Options{})
		g := e.Authorize(authztest.OA)
		a := e.Row(authztest.OA)
		switch {
		case a.NickName != "全网发布测试公众号" || a.UserName != "gh_3c884a361561":
			t.Errorf("profile = %q %q", a.NickName, a.UserName)
		case a.FuncInfo != "|1|2|3|4|6|7|11|15|24":
			t.Errorf("funcinfo = %q", a.FuncInfo)
		case a.AppType != authz.AppTypeOA || a.ServiceType != 2:
			t.Errorf("apptype %d servicetype %d", a.AppType, a.ServiceType)
		case a.VerifyInfo != 0: // 0 = WeChat-verified; must not become the column default -1
			t.Errorf("verifyinfo = %d", a.VerifyInfo)
		case a.Status != model.AuthorizerActive || a.AccountStatus != 1:
			t.Errorf("status %d accountstatus %d", a.Status, a.AccountStatus)
		case a.BasicConfig != `{"isPhoneConfigured":true,"isEmailConfigured":true}`:
			t.Errorf("basicconfig = %s", a.BasicConfig)
		}
		assertSealed(t, e, a, g.RefreshToken)
		// The token query_auth returned was adopted: no api_authorizer_token call needed.
		if _, err := e.Tokens.Authorizer(ctx, authztest.OA); err != nil {
			t.Fatal(err)
		}
		if n := e.Sim.CallCount("api_authorizer_token"); n != 0 {
			t.Errorf("api_authorizer_token called %d times", n)
		}
	})
}

func TestMiniProgramAuthorization(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := authztest.New(t, dialect, authztest.Options{})
		e.Authorize(authztest.MiniProgram)
		a := e.Row(authztest.MiniProgram)
		if a.AppType != authz.AppTypeMiniProgram || !strings.Contains(a.FuncInfo+"|", "|18|") {
			t.Fatalf("apptype %d funcinfo %q", a.AppType, a.FuncInfo)
		}
	})
}

// assertSealed checks the stored refresh token is sealed and opens to want.
func assertSealed(t *testing.T, e *authztest.Env, a *model.Authorizer, want string) {
	t.Helper()
	if !secretbox.IsSealed(a.RefreshToken) || strings.Contains(a.RefreshToken, want) {
		t.Fatalf("refresh token stored as %q, want sealed", a.RefreshToken)
	}
	got, err := e.Tokens.OpenRefreshToken(a.AppID, a.RefreshToken)
	if err != nil || got != want {
		t.Fatalf("sealed refresh token opens to %q, %v; want %q", got, err, want)
	}
}

func TestRedirectAfterPushIsIdempotent(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := authztest.New(t, dialect, authztest.Options{})
		g := e.Authorize(authztest.OA)
		a, err := e.Svc.ExchangeRedirect(ctx, g.AuthCode, "tenant-42")
		if err != nil {
			t.Fatal(err)
		}
		if a.AppID != authztest.OA || a.NickName == "" {
			t.Fatalf("redirect exchange = %+v", a)
		}
		if n := e.Sim.CallCount("api_query_auth"); n != 1 {
			t.Errorf("api_query_auth called %d times, want 1", n)
		}
		// The push exchanged the code: a state posted with it afterwards is not recorded, even
		// though none is (the browser's word counts only from the call that exchanges the code).
		if got := e.Row(authztest.OA).AuthState; got != "" {
			t.Errorf("authstate = %q, want none", got)
		}
	})
}

func TestRedirectBeforePush(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := authztest.New(t, dialect, authztest.Options{})
		e.Hold()
		g := e.Authorize(authztest.MiniProgram)
		held := e.Release()
		a, err := e.Svc.ExchangeRedirect(ctx, g.AuthCode, "")
		if err != nil || a.NickName != "全网发布测试小程序" {
			t.Fatalf("redirect exchange = %+v, %v", a, err)
		}
		for _, m := range held { // the late push must succeed, not fail on the used code
			if err := e.Svc.HandleComponentPush(ctx, m.InfoType, m); err != nil {
				t.Fatalf("late %s push: %v", m.InfoType, err)
			}
		}
		assertSealed(t, e, e.Row(authztest.MiniProgram), g.RefreshToken)
	})
}

func TestCodeUsedElsewhere(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := authztest.New(t, dialect, authztest.Options{})
		e.Hold()
		g := e.Authorize(authztest.OA)
		held := e.Release()
		// Another deployment exchanged the code: WeChat now answers 61009 and we hold no marker.
		if _, err := e.WX.QueryAuth(ctx, g.AuthCode); err != nil {
			t.Fatal(err)
		}
		_, err := e.Svc.ExchangeRedirect(ctx, g.AuthCode, "")
		if !fault.Is(err, fault.Invalid) {
			t.Fatalf("redirect with a used code: %v, want an Invalid fault", err)
		}
		// The push with the same code fails too while nothing is stored for the account…
		if err := e.Svc.HandleComponentPush(ctx, held[0].InfoType, held[0]); err == nil {
			t.Fatal("push with a used code and no stored account succeeded")
		}
	})
}
