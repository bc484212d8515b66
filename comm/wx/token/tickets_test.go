package token

import (
	"errors"
	"testing"
	"time"

	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

func TestTicketsKeptDurablyAndMirrored(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		h := newHarness(t, dialect, nil)
		var last string
		for range 7 {
			last = h.pushTicket()
			h.clock.Advance(10 * time.Minute)
		}
		// WeChat retrying the same push must not add a row.
		if err := h.tickets.Save(ctx, testAppID, last, h.clock.Now()); err != nil {
			t.Fatal(err)
		}
		got, at, err := h.tickets.Latest(ctx)
		if err != nil || got != last {
			t.Fatalf("Latest = %q, %v; want %q", got, err, last)
		}
		if want := h.clock.Now().Add(-10 * time.Minute); !at.Equal(want) {
			t.Fatalf("receivedAt = %v, want %v", at, want)
		}
		var n int64
		h.gdb.Model(&model.ComponentTicket{}).Where("appid = ?", testAppID).Count(&n)
		if n != 5 {
			t.Fatalf("%d tickets kept, want the last 5", n)
		}
		if v, err := h.store.GetKV(ctx, model.KVTicket); err != nil || v != last {
			t.Fatalf("comm ticket = %q, %v", v, err)
		}
		// Another platform's ticket is kept apart and leaves ours alone.
		if err := h.tickets.Save(ctx, "wxotherplatform", "ticket@@@other", h.clock.Now()); err != nil {
			t.Fatal(err)
		}
		if got, _, _ := h.tickets.Latest(ctx); got != last {
			t.Fatalf("another platform's ticket replaced ours: %q", got)
		}
	})
}

func TestLegacyTicketFallback(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		h := newHarness(t, dialect, nil)
		// A database upgraded from the original template: only comm `ticket`.
		row := model.Comm{Key: model.KVTicket, Value: "ticket@@@legacy", CreateTime: h.clock.Now(), UpdateTime: h.clock.Now()}
		if err := h.gdb.Create(&row).Error; err != nil {
			t.Fatal(err)
		}
		if got, _, err := h.tickets.Latest(ctx); err != nil || got != "ticket@@@legacy" {
			t.Fatalf("Latest = %q, %v", got, err)
		}
		h.clock.Advance(13 * time.Hour)
		if _, _, err := h.tickets.Latest(ctx); !errors.Is(err, ErrNoTicket) {
			t.Fatalf("13 h old legacy ticket: err = %v, want ErrNoTicket", err)
		}
	})
}

func TestWatchdogRestartsPushesOncePerPeriod(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		h := newHarness(t, dialect, nil)
		h.pushTicket()
		h.clock.Advance(20 * time.Minute)
		if called, err := h.tickets.Check(ctx, false); err != nil || called {
			t.Fatalf("20 min after a ticket: called=%v err=%v", called, err)
		}
		h.clock.Advance(15 * time.Minute)
		if called, err := h.tickets.Check(ctx, false); err != nil || !called {
			t.Fatalf("35 min without a ticket: called=%v err=%v", called, err)
		}
		h.sim.Wait() // WeChat answers, then pushes a ticket
		if _, at, err := h.tickets.Latest(ctx); err != nil || !at.Equal(h.clock.Now()) {
			t.Fatalf("no ticket pushed after api_start_push_ticket: %v %v", at, err)
		}
		// Pushes stop again: a second instance asking within 30 min is refused by the lease.
		h.clock.Advance(31 * time.Minute)
		other := h.otherInstance()
		h.clock.Advance(-2 * time.Minute) // 29 min after the first call
		if called, _ := other.tickets.Check(ctx, true); called {
			t.Fatal("api_start_push_ticket called twice within 30 min")
		}
		h.clock.Advance(2 * time.Minute)
		if called, err := other.tickets.Check(ctx, false); err != nil || !called {
			t.Fatalf("31 min later: called=%v err=%v", called, err)
		}
		if n := h.calls("api_start_push_ticket"); n != 2 {
			t.Fatalf("api_start_push_ticket called %d times, want 2", n)
		}
	})
}

func TestWatchdogNeedsTheAppSecret(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		h := newHarness(t, dialect, nil)
		tk := NewTickets(h.store, h.raw, newSecretsWithout(h), testAppID, TicketOptions{Now: h.clock.Now})
		if called, err := tk.Check(ctx, true); err != nil || called {
			t.Fatalf("without a secret: called=%v err=%v", called, err)
		}
	})
}
