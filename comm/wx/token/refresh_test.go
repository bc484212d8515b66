package token

import (
	"sync"
	"testing"
	"time"

	"wxcomponent/comm/wx/api"
	"wxcomponent/db/dbtest"
	"wxcomponent/internal/wxsim"
)

func TestRefreshStormGuard(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		h := newHarness(t, dialect, func(o *Options) { o.StormLimit = 2 })
		h.pushTicket()
		for i := range 2 {
			tok, err := h.mgr.Component(ctx)
			if err != nil {
				t.Fatalf("refresh %d: %v", i+1, err)
			}
			_ = h.mgr.Invalidate(ctx, api.KindComponent, "", tok.Value)
		}
		_, err := h.mgr.Component(ctx)
		assertIs(t, err, ErrRefreshStorm)
		if n := h.calls("api_component_token"); n != 2 {
			t.Fatalf("api_component_token called %d times, want 2", n)
		}
		h.clock.Advance(time.Hour) // the next hour has a fresh budget
		if _, err := h.mgr.Component(ctx); err != nil {
			t.Fatalf("after an hour: %v", err)
		}
	})
}

func TestBackgroundRefreshBeforeExpiry(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		h := newHarness(t, dialect, nil)
		h.pushTicket()
		h.authorize(oaAppID)
		comp, _ := h.mgr.Component(ctx)
		auth, _ := h.mgr.Authorizer(ctx, oaAppID)
		h.clock.Advance(70 * time.Minute) // 58 % of life: nothing due
		if n := h.mgr.RefreshDue(ctx); n != 0 {
			t.Fatalf("refreshed %d tokens early", n)
		}
		h.pushTicket()
		h.clock.Advance(35 * time.Minute) // 87.5 % > 80 % + 5 % jitter
		if n := h.mgr.RefreshDue(ctx); n != 2 {
			t.Fatalf("refreshed %d tokens, want 2", n)
		}
		c2, _ := h.mgr.Component(ctx)
		a2, _ := h.mgr.Authorizer(ctx, oaAppID)
		if c2.Value == comp.Value || a2.Value == auth.Value {
			t.Fatal("background refresh did not replace the tokens")
		}
		// Another instance sees the refreshed row and has nothing to do.
		if n := h.restart().mgr.RefreshDue(ctx); n != 0 {
			t.Fatalf("fresh instance refreshed %d tokens", n)
		}
		if n := h.calls("api_component_token"); n != 2 {
			t.Fatalf("api_component_token called %d times, want 2", n)
		}
	})
}

func TestConcurrentInstancesMakeOneUpstreamCall(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		h := newHarness(t, dialect, nil)
		h.pushTicket()
		instances := []*harness{h, h.otherInstance(), h.otherInstance()}
		// A slow WeChat makes every instance arrive while the first one is still fetching.
		h.sim.SetFault(wxsim.Fault{API: "api_component_token", Delay: 200 * time.Millisecond})
		var wg sync.WaitGroup
		got := make(chan string, 60)
		for _, in := range instances {
			for range 20 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					tok, err := in.mgr.Component(ctx)
					if err != nil {
						t.Error(err)
					}
					got <- tok.Value
				}()
			}
		}
		wg.Wait()
		close(got)
		first := ""
		for v := range got {
			if first == "" {
				first = v
			}
			if v != first {
				t.Fatalf("instances disagree: %q vs %q", v, first)
			}
		}
		if n := h.calls("api_component_token"); n != 1 {
			t.Fatalf("api_component_token called %d times by 3 instances, want 1", n)
		}
	})
}
