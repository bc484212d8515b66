package token

import (
	"testing"
	"time"

	"wxcomponent/comm/secretbox"
	"wxcomponent/comm/wx/api"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

func TestAuthorizerTokenAndRefreshTokenSealing(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		h := newHarness(t, dialect, nil)
		h.pushTicket()
		g := h.authorize(oaAppID)
		// A row written by the original template holds the refresh token in plain text.
		h.upsertAuthorizer(oaAppID, g.RefreshToken, model.AuthorizerActive)
		tok, err := h.mgr.Authorizer(ctx, oaAppID)
		if err != nil {
			t.Fatal(err)
		}
		var info map[string]any
		if err := h.wx.CallAuthorizer(ctx, oaAppID, "GET", "/cgi-bin/get_api_domain_ip", nil, nil, &info); err != nil {
			t.Fatalf("on-behalf call with %q: %v", tok.Value, err)
		}
		var row model.Authorizer
		h.gdb.Where("appid = ?", oaAppID).Take(&row)
		if !secretbox.IsSealed(row.RefreshToken) {
			t.Fatalf("legacy plain refresh token was not re-sealed: %q", row.RefreshToken)
		}
		if plain, err := h.mgr.OpenRefreshToken(oaAppID, row.RefreshToken); err != nil || plain != g.RefreshToken {
			t.Fatalf("re-sealed refresh token opens to %q, %v", plain, err)
		}
		restarted, err := h.restart().mgr.Authorizer(ctx, oaAppID)
		if err != nil || restarted.Value != tok.Value {
			t.Fatalf("restart served %q, %v; want %q", restarted.Value, err, tok.Value)
		}
		if n := h.calls("api_authorizer_token"); n != 1 {
			t.Fatalf("api_authorizer_token called %d times, want 1", n)
		}
	})
}

func TestRejectedAuthorizerTokenHealsWithOneRefresh(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		h := newHarness(t, dialect, nil)
		h.pushTicket()
		g := h.authorize(oaAppID)
		if _, err := h.mgr.Authorizer(ctx, oaAppID); err != nil {
			t.Fatal(err)
		}
		if _, err := h.raw.WithTokens(h.mgr).RefreshAuthorizerToken(ctx, oaAppID, g.RefreshToken); err != nil {
			t.Fatal(err)
		}
		h.clock.Advance(6 * time.Minute)
		var out map[string]any
		if err := h.wx.CallAuthorizer(ctx, oaAppID, "GET", "/cgi-bin/get_api_domain_ip", nil, nil, &out); err != nil {
			t.Fatalf("call did not heal: %v", err)
		}
		if n := h.calls("api_authorizer_token"); n != 3 {
			t.Fatalf("api_authorizer_token called %d times, want 3", n)
		}
		if n := h.calls("get_api_domain_ip"); n != 2 {
			t.Fatalf("get_api_domain_ip called %d times, want 2", n)
		}
	})
}

func TestAuthorizerErrors(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		h := newHarness(t, dialect, nil)
		h.pushTicket()
		_, err := h.mgr.Authorizer(ctx, "")
		assertIs(t, err, ErrAppIDRequired)
		_, err = h.mgr.Authorizer(ctx, "wxunknown")
		assertIs(t, err, ErrUnknownAuthorizer)
		h.authorize(oaAppID)
		if _, err := h.sim.Revoke(ctx, oaAppID); err != nil {
			t.Fatal(err)
		}
		_, err = h.mgr.Authorizer(ctx, oaAppID) // WeChat answers 61003
		assertIs(t, err, ErrAuthorizerRevoked)
		h.upsertAuthorizer(oaAppID, "", model.AuthorizerRevoked)
		before := h.calls("api_authorizer_token")
		_, err = h.mgr.Authorizer(ctx, oaAppID) // known revoked: WeChat not asked
		assertIs(t, err, ErrAuthorizerRevoked)
		if h.calls("api_authorizer_token") != before {
			t.Fatal("WeChat asked for a revoked authorizer's token")
		}
	})
}

func TestReauthorizationEvictAndPurge(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		h := newHarness(t, dialect, nil)
		h.pushTicket()
		h.authorize(oaAppID)
		first, _ := h.mgr.Authorizer(ctx, oaAppID)
		h.authorize(oaAppID) // new refresh token; the old one answers 61023
		if err := h.mgr.EvictAuthorizer(ctx, oaAppID); err != nil {
			t.Fatal(err)
		}
		second, err := h.mgr.Authorizer(ctx, oaAppID)
		if err != nil || second.Value == first.Value {
			t.Fatalf("after re-authorization: %q, %v", second.Value, err)
		}
		if err := h.mgr.PurgeAuthorizer(ctx, oaAppID); err != nil {
			t.Fatal(err)
		}
		if _, err := h.store.GetWxToken(ctx, int(api.KindAuthorizer), oaAppID); err == nil {
			t.Fatal("purged token row still there")
		}
	})
}

func TestAdoptQueryAuthToken(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		h := newHarness(t, dialect, nil)
		h.pushTicket()
		g := h.authorize(oaAppID)
		info, err := h.wx.QueryAuth(ctx, g.AuthCode)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := h.mgr.Adopt(ctx, info.AppID(), info.AccessToken, info.ExpiresIn); err != nil {
			t.Fatal(err)
		}
		tok, err := h.restart().mgr.Authorizer(ctx, oaAppID)
		if err != nil || tok.Value != info.AccessToken {
			t.Fatalf("adopted token not served: %q, %v", tok.Value, err)
		}
		if n := h.calls("api_authorizer_token"); n != 0 {
			t.Fatalf("api_authorizer_token called %d times, want 0", n)
		}
	})
}
