package authz_test

import (
	"sync"
	"testing"
	"time"

	"wxcomponent/comm/authz"
	"wxcomponent/comm/authz/authztest"
	"wxcomponent/comm/wx/msg"
	"wxcomponent/db/dao"
	"wxcomponent/db/dbtest"
)

// bindLinkState records state for the pre-auth code m names, as AuthURL does when it mints
// the link m's authorization went through.
func bindLinkState(t *testing.T, e *authztest.Env, m *msg.Message, state string) {
	t.Helper()
	if m.PreAuthCode == "" {
		t.Fatal("push names no pre-auth code")
	}
	if err := e.Store.PutAuthMarker(ctx, dao.MarkerAuthState, m.PreAuthCode, state, e.Clock.Now().Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
}

// heldAuthorize authorizes appid with the push held back and returns the code and the push.
func heldAuthorize(t *testing.T, e *authztest.Env, appid string) (string, *msg.Message) {
	t.Helper()
	e.Hold()
	g := e.Authorize(appid)
	held := e.Release()
	if len(held) != 1 {
		t.Fatalf("%d pushes held, want 1", len(held))
	}
	return g.AuthCode, held[0]
}

// wantState fails unless appid's recorded state is want.
func wantState(t *testing.T, e *authztest.Env, appid, want, when string) {
	t.Helper()
	if got := e.Row(appid).AuthState; got != want {
		t.Fatalf("%s: authstate = %q, want %q", when, got, want)
	}
}

// TestReplayedCodeCannotRewriteState: the redirect that exchanges the code records its state;
// the same code posted again, with any state, changes nothing (and still succeeds).
func TestReplayedCodeCannotRewriteState(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := authztest.New(t, dialect, authztest.Options{})
		code, push := heldAuthorize(t, e, authztest.OA)
		if _, err := e.Svc.ExchangeRedirect(ctx, code, "customerA"); err != nil {
			t.Fatal(err)
		}
		wantState(t, e, authztest.OA, "customerA", "first exchange")
		for _, state := range []string{"attacker", ""} {
			a, err := e.Svc.ExchangeRedirect(ctx, code, state)
			if err != nil || a.AppID != authztest.OA {
				t.Fatalf("replay with %q = %+v, %v", state, a, err)
			}
			wantState(t, e, authztest.OA, "customerA", "replay with "+state)
		}
		// The push, binding no state, changes nothing either.
		if err := e.Svc.HandleComponentPush(ctx, push.InfoType, push); err != nil {
			t.Fatal(err)
		}
		wantState(t, e, authztest.OA, "customerA", "late push")
		if n := e.Sim.CallCount("api_query_auth"); n != 1 {
			t.Errorf("api_query_auth called %d times, want 1", n)
		}
	})
}

// TestBoundStateBeatsBrowserState covers every order of the push (which carries the link's
// bound state) and the redirect (which carries the browser's).
func TestBoundStateBeatsBrowserState(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := authztest.New(t, dialect, authztest.Options{})

		// Redirect first with a forged state, then the push: the bound state replaces it.
		code, push := heldAuthorize(t, e, authztest.OA)
		bindLinkState(t, e, push, "customerA")
		if _, err := e.Svc.ExchangeRedirect(ctx, code, "forged"); err != nil {
			t.Fatal(err)
		}
		wantState(t, e, authztest.OA, "forged", "redirect exchanged first")
		for i := 0; i < 2; i++ { // a retried push is as good
			if err := e.Svc.HandleComponentPush(ctx, push.InfoType, push); err != nil {
				t.Fatal(err)
			}
			wantState(t, e, authztest.OA, "customerA", "push after the redirect")
		}
		if _, err := e.Svc.ExchangeRedirect(ctx, code, "attacker"); err != nil {
			t.Fatal(err)
		}
		wantState(t, e, authztest.OA, "customerA", "replay after the push")

		// Push first: the redirect's state is a replay's, ignored.
		code, push = heldAuthorize(t, e, authztest.MiniProgram)
		bindLinkState(t, e, push, "customerB")
		if err := e.Svc.HandleComponentPush(ctx, push.InfoType, push); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Svc.ExchangeRedirect(ctx, code, "forged"); err != nil {
			t.Fatal(err)
		}
		wantState(t, e, authztest.MiniProgram, "customerB", "redirect after the push")
	})
}

// TestBoundStateKnownBeforeRedirectExchange: a push on another instance has bound the link's
// state to the code but not exchanged it yet; the redirect that does exchange it records the
// bound state, not its own.
func TestBoundStateKnownBeforeRedirectExchange(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := authztest.New(t, dialect, authztest.Options{})
		code, _ := heldAuthorize(t, e, authztest.OA)
		if err := e.Store.PutAuthMarker(ctx, dao.MarkerCodeState, code, "customerA", e.Clock.Now().Add(-time.Hour)); err != nil {
			t.Fatal(err)
		}
		a, err := e.Svc.ExchangeRedirect(ctx, code, "forged")
		if err != nil || a.AuthState != "customerA" {
			t.Fatalf("redirect = %+v, %v", a, err)
		}
		wantState(t, e, authztest.OA, "customerA", "redirect")
	})
}

// TestLatePushKeepsNewerGrantState: a push retried after the account authorized again (with
// another link) does not put the older link's state back.
func TestLatePushKeepsNewerGrantState(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := authztest.New(t, dialect, authztest.Options{})
		code1, push1 := heldAuthorize(t, e, authztest.OA)
		bindLinkState(t, e, push1, "old-link")
		if _, err := e.Svc.ExchangeRedirect(ctx, code1, ""); err != nil {
			t.Fatal(err)
		}
		e.Clock.Advance(time.Minute)
		_, push2 := heldAuthorize(t, e, authztest.OA)
		bindLinkState(t, e, push2, "new-link")
		if err := e.Svc.HandleComponentPush(ctx, push2.InfoType, push2); err != nil {
			t.Fatal(err)
		}
		wantState(t, e, authztest.OA, "new-link", "second authorization")
		if err := e.Svc.HandleComponentPush(ctx, push1.InfoType, push1); err != nil {
			t.Fatal(err)
		}
		wantState(t, e, authztest.OA, "new-link", "late push of the first code")
	})
}

// TestConcurrentPushAndRedirect races the push (bound state) on one instance against a
// redirect with a forged state on another: whichever exchanges the code, the bound state is
// what stays recorded.
func TestConcurrentPushAndRedirect(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := authztest.New(t, dialect, authztest.Options{})
		other := authz.New(e.Store, e.WX, e.Tokens, authztest.AppID,
			authz.Options{MPBase: e.SimURL, OpenBase: e.SimURL, Now: e.Clock.Now})
		e.Authorize(authztest.OA) // the account exists, as for a re-authorization
		for round := 0; round < 8; round++ {
			e.Clock.Advance(time.Minute)
			code, push := heldAuthorize(t, e, authztest.OA)
			want := "bound-" + string(rune('a'+round))
			bindLinkState(t, e, push, want)
			var wg sync.WaitGroup
			wg.Add(2)
			go func() {
				defer wg.Done()
				// Either may lose the race with a "code used" answer; the outcome must not depend on it.
				_ = e.Svc.HandleComponentPush(ctx, push.InfoType, push)
			}()
			go func() {
				defer wg.Done()
				_, _ = other.ExchangeRedirect(ctx, code, "forged")
			}()
			wg.Wait()
			wantState(t, e, authztest.OA, want, "round "+want)
		}
	})
}
