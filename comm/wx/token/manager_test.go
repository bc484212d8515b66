package token

import (
	"context"
	"errors"
	"testing"
	"time"

	"wxcomponent/comm/wx/api"
	"wxcomponent/db/dbtest"
)

var ctx = context.Background()

func TestComponentTokenServedFromDBAfterRestart(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		h := newHarness(t, dialect, nil)
		h.pushTicket()
		tok, err := h.mgr.Component(ctx)
		if err != nil {
			t.Fatal(err)
		}
		st := h.sim.State()
		if n := len(st.ComponentTokens); n != 1 || st.ComponentTokens[0].Value != tok.Value {
			t.Fatalf("token %q is not the one the simulator issued (%d issued)", tok.Value, n)
		}
		if want := h.clock.Now().Add(7200*time.Second - 5*time.Minute); !tok.ExpiresAt.Equal(want) {
			t.Fatalf("ExpiresAt = %v, want expires_in − 5 min = %v", tok.ExpiresAt, want)
		}
		again, _ := h.mgr.Component(ctx)
		restarted, err := h.restart().mgr.Component(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if again.Value != tok.Value || restarted.Value != tok.Value || !restarted.ExpiresAt.Equal(tok.ExpiresAt) {
			t.Fatalf("memory %q / restart %q differ from %q", again.Value, restarted.Value, tok.Value)
		}
		if n := h.calls("api_component_token"); n != 1 {
			t.Fatalf("api_component_token called %d times, want 1", n)
		}
	})
}

func TestRejectedComponentTokenHealsWithOneRefresh(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		h := newHarness(t, dialect, nil)
		ticket := h.pushTicket()
		first, err := h.mgr.Component(ctx)
		if err != nil {
			t.Fatal(err)
		}
		// Another process (say a debug run) fetches its own token: ours is superseded
		// and, once WeChat's overlap has passed, answers 40001 "not latest".
		if _, err := h.raw.GetComponentToken(ctx, testSecret, ticket); err != nil {
			t.Fatal(err)
		}
		h.clock.Advance(6 * time.Minute)
		if _, err := h.wx.CreatePreAuthCode(ctx); err != nil {
			t.Fatalf("call did not heal: %v", err)
		}
		if n := h.calls("api_component_token"); n != 3 {
			t.Fatalf("api_component_token called %d times, want 3 (ours, the other process', one heal)", n)
		}
		if n := h.calls("api_create_preauthcode"); n != 2 {
			t.Fatalf("api_create_preauthcode called %d times, want 2 (rejected, retried)", n)
		}
		healed, _ := h.mgr.Component(ctx)
		if healed.Value == first.Value {
			t.Fatal("the rejected token is still served")
		}
	})
}

func TestInvalidateOnlyDropsTheCurrentToken(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		h := newHarness(t, dialect, nil)
		h.pushTicket()
		tok, _ := h.mgr.Component(ctx)
		if err := h.mgr.Invalidate(ctx, api.KindComponent, "", "some-older-token"); err != nil {
			t.Fatal(err)
		}
		if again, _ := h.restart().mgr.Component(ctx); again.Value != tok.Value {
			t.Fatal("invalidating an older token dropped the current one")
		}
		if err := h.mgr.Invalidate(ctx, api.KindComponent, "", tok.Value); err != nil {
			t.Fatal(err)
		}
		if again, _ := h.mgr.Component(ctx); again.Value == tok.Value {
			t.Fatal("invalidated token still served")
		}
		if n := h.calls("api_component_token"); n != 2 {
			t.Fatalf("api_component_token called %d times, want 2", n)
		}
	})
}

func TestTicketProblems(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		h := newHarness(t, dialect, nil)
		_, err := h.mgr.Component(ctx)
		assertIs(t, err, ErrNoTicket)
		// A ticket WeChat does not know (61006) is stale, and says so.
		if err := h.tickets.Save(ctx, testAppID, "ticket@@@forged", h.clock.Now()); err != nil {
			t.Fatal(err)
		}
		_, err = h.mgr.Component(ctx)
		assertIs(t, err, ErrTicketStale)
		if api.ErrCode(err) != api.CodeTicketInvalid {
			t.Fatalf("err %v does not carry 61006", err)
		}
		// A real ticket older than 12 h is not used at all.
		h.pushTicket()
		h.clock.Advance(12*time.Hour + time.Second)
		before := h.calls("api_component_token")
		_, err = h.mgr.Component(ctx)
		assertIs(t, err, ErrNoTicket)
		if h.calls("api_component_token") != before {
			t.Fatal("an expired ticket was sent to WeChat")
		}
	})
}

func TestMissingAppSecret(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		h := newHarness(t, dialect, nil)
		h.pushTicket()
		h.secrets = newSecretsWithout(h)
		h.mgr = h.newManager()
		_, err := h.mgr.Component(ctx)
		assertIs(t, err, ErrNoAppSecret)
		if n := h.calls("api_component_token"); n != 0 {
			t.Fatalf("WeChat called %d times without a secret", n)
		}
	})
}

// assertIs checks that err is the sentinel (api/respond's tests check the envelope each maps to).
func assertIs(t *testing.T, err, sentinel error) {
	t.Helper()
	if !errors.Is(err, sentinel) {
		t.Fatalf("err = %v, want %v", err, sentinel)
	}
}
