package wxcallback_test

import (
	"context"
	"errors"
	"testing"

	"wxcomponent/comm/config"
	"wxcomponent/comm/ingest"
	"wxcomponent/db/dbtest"
	"wxcomponent/internal/wxsim"
)

// newSim points the project's WeChat simulator at the harness, in the harness's mode.
func newSim(t *testing.T, h *harness, mode string) *wxsim.Sim {
	t.Helper()
	sim, err := wxsim.New(wxsim.Config{ComponentAppID: appID, ComponentSecret: "simsecret", Token: token,
		EncodingAESKey: aesKey, CallbackBase: h.url, Mode: mode, Now: h.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Close)
	return sim
}

func TestSimulatorPushesInBothModes(t *testing.T) {
	for _, mode := range []string{config.ModeStandard, config.ModeCloudRun} {
		t.Run(mode, func(t *testing.T) {
			dbtest.ForEach(t, func(t *testing.T, dialect string) {
				h := newHarness(t, dialect, mode)
				h.runJobs()
				sim := newSim(t, h, mode)
				ctx := context.Background()
				ticket, _, err := sim.PushTicket(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if p := h.next().(ingest.ComponentPush); p.ComponentVerifyTicket != ticket {
					t.Fatalf("ticket job %+v, want %s", p, ticket)
				}
				authorizer := sim.Config().Authorizers[0]
				grant, _, err := sim.Authorize(ctx, authorizer.AppID)
				if err != nil {
					t.Fatal(err)
				}
				if p := h.next().(ingest.ComponentPush); p.InfoType != grant.InfoType || p.AuthorizationCode != grant.AuthCode || p.AuthorizerAppid != authorizer.AppID {
					t.Fatalf("authorization job %+v, grant %+v", p, grant)
				}
				if _, err := sim.PushText(ctx, authorizer.AppID, "o-user", "hello"); err != nil {
					t.Fatal(err)
				}
				if _, err := sim.Revoke(ctx, authorizer.AppID); err != nil {
					t.Fatal(err)
				}
				if p := h.next().(ingest.ComponentPush); p.InfoType != "unauthorized" {
					t.Fatalf("revocation job %+v", p)
				}
				h.wantCounts(3, 1, 3)
			})
		})
	}
}

func TestSimulatorTamperedPushesAreRefused(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		h := newHarness(t, dialect, config.ModeStandard)
		sim := newSim(t, h, config.ModeStandard)
		for _, tamper := range []wxsim.Tamper{wxsim.TamperSignature, wxsim.TamperAppID} {
			if err := sim.SetTamper(tamper); err != nil {
				t.Fatal(err)
			}
			if _, res, err := sim.PushTicket(context.Background()); !errors.Is(err, wxsim.ErrNotDelivered) || res.Attempts[0].Status != 401 {
				t.Fatalf("%s: %v %+v", tamper, err, res.Attempts)
			}
		}
		h.wantCounts(0, 0, 0)
	})
}
