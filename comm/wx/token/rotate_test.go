package token

import (
	"testing"
	"time"

	"wxcomponent/comm/secretbox"
	"wxcomponent/comm/wx/api"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

// simRefreshToken is the refresh token the simulator currently accepts for appid.
func (h *harness) simRefreshToken(appid string) string {
	h.t.Helper()
	for _, a := range h.sim.State().Authorizers {
		if a.AppID == appid {
			return a.RefreshToken
		}
	}
	h.t.Fatalf("simulator knows no authorizer %s", appid)
	return ""
}

// assertStoredRefreshToken checks that the authorizers row holds the
// simulator's current refresh token, sealed.
func (h *harness) assertStoredRefreshToken(appid, step string) {
	h.t.Helper()
	var row model.Authorizer
	if err := h.gdb.Where("appid = ?", appid).Take(&row).Error; err != nil {
		h.t.Fatal(err)
	}
	want := h.simRefreshToken(appid)
	if !secretbox.IsSealed(row.RefreshToken) || row.RefreshToken == want {
		h.t.Fatalf("%s: refreshtoken column is not sealed: %q", step, row.RefreshToken)
	}
	if plain, err := h.mgr.OpenRefreshToken(appid, row.RefreshToken); err != nil || plain != want {
		h.t.Fatalf("%s: stored refresh token opens to %q, %v; the simulator holds %q", step, plain, err, want)
	}
}

func TestRotatedRefreshTokenIsKeptAndUsed(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		h := newHarness(t, dialect, nil)
		h.sim.SetRotateRefreshTokens(true)
		h.pushTicket()
		g := h.authorize(oaAppID)

		first, err := h.mgr.Authorizer(ctx, oaAppID)
		if err != nil {
			t.Fatal(err)
		}
		if h.simRefreshToken(oaAppID) == g.RefreshToken {
			t.Fatal("the simulator did not rotate the refresh token")
		}
		h.assertStoredRefreshToken(oaAppID, "after the first refresh")

		// WeChat rejected the access token: the next request refreshes again,
		// which only works with the refresh token the first refresh returned.
		if err := h.mgr.Invalidate(ctx, api.KindAuthorizer, oaAppID, first.Value); err != nil {
			t.Fatal(err)
		}
		second, err := h.mgr.Authorizer(ctx, oaAppID)
		if err != nil {
			t.Fatalf("second refresh: %v", err)
		}
		if second.Value == first.Value {
			t.Fatal("second refresh served the invalidated token")
		}
		h.assertStoredRefreshToken(oaAppID, "after the second refresh")
		if n := h.calls("api_authorizer_token"); n != 2 {
			t.Fatalf("api_authorizer_token called %d times, want 2", n)
		}

		// A new process with empty memory, once the access token expired,
		// refreshes with what the database holds.
		h.clock.Advance(2 * time.Hour)
		r := h.restart()
		third, err := r.mgr.Authorizer(ctx, oaAppID)
		if err != nil {
			t.Fatalf("refresh after restart: %v", err)
		}
		if third.Value == second.Value {
			t.Fatal("restart served the expired token")
		}
		r.assertStoredRefreshToken(oaAppID, "after the refresh by the restarted instance")
		if n := h.calls("api_authorizer_token"); n != 3 {
			t.Fatalf("api_authorizer_token called %d times, want 3", n)
		}
		var out map[string]any
		if err := r.wx.CallAuthorizer(ctx, oaAppID, "GET", "/cgi-bin/get_api_domain_ip", nil, nil, &out); err != nil {
			t.Fatalf("on-behalf call with the token from the rotated refresh token: %v", err)
		}

		// The grant's refresh token really is dead: without keeping the rotated
		// one the manager could not have refreshed a second time.
		_, err = h.raw.WithTokens(r.mgr).RefreshAuthorizerToken(ctx, oaAppID, g.RefreshToken)
		if !api.IsCode(err, api.CodeRefreshTokenBad) {
			t.Fatalf("the grant's refresh token after rotation: %v, want 61023", err)
		}
	})
}

// TestRotatedTokenNeverOverwritesANewerGrant: if the merchant re-authorizes
// while a refresh is in flight, the refresh's rotated token (already dead at
// WeChat) must not replace the newer grant's token.
func TestRotatedTokenNeverOverwritesANewerGrant(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		h := newHarness(t, dialect, nil)
		h.pushTicket()
		old := h.authorize(oaAppID)
		newer := h.authorize(oaAppID) // re-authorization: a new refresh token is stored
		h.assertStoredRefreshToken(oaAppID, "after re-authorizing")
		// A refresh that started with the old token comes back with a rotated one.
		h.mgr.keepRefreshToken(ctx, oaAppID, old.RefreshToken, "refreshtoken@@@from-a-stale-refresh")
		h.assertStoredRefreshToken(oaAppID, "after the stale refresh returned")
		if h.simRefreshToken(oaAppID) != newer.RefreshToken {
			t.Fatal("the simulator should still hold the newer grant's token")
		}
	})
}
