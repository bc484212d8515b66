package adminauth_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"wxcomponent/comm/adminauth"
	"wxcomponent/db/dbtest"
)

// throttled returns the Retry-After of a throttled login, or 0.
func throttled(err error) time.Duration {
	var th *adminauth.ThrottledError
	if errors.As(err, &th) {
		return th.RetryAfter
	}
	return 0
}

// The attack: many addresses × 5 wrong passwords used to lock the account
// for everyone. Now the attackers slow down and the owner is never held back.
func TestOwnerLogsInFromAFreshAddressDuringAnAttack(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		f.seed(t, "admin", "Passw0rd!")
		ctx := context.Background()
		for a := 1; a <= 40; a++ {
			for i := 0; i < 5; i++ {
				_, _ = f.svc.Login(ctx, fmt.Sprintf("127.0.0.%d", a), "admin", fmt.Sprintf("guess%d", i))
			}
			f.clock.advance(time.Second)
		}
		// An attacking address is held back, with a wait that ends (once the
		// account is under attack, each address's first miss already costs 30 s).
		_, err := f.svc.Login(ctx, "127.0.0.40", "admin", "guess9")
		if w := throttled(err); w <= 0 || w > 15*time.Minute {
			t.Fatalf("an attacking address must get 429 with a bounded Retry-After, got %v", err)
		}
		// The owner, from an address that has not failed, logs in at once.
		if _, err := f.svc.Login(ctx, "127.0.0.200", "admin", "Passw0rd!"); err != nil {
			t.Fatalf("the owner from a fresh address must log in during the attack: %v", err)
		}
		if _, err := f.svc.Login(ctx, "2001:db8:1::1", "admin", "Passw0rd!"); err != nil {
			t.Fatalf("the owner from a fresh IPv6 address must log in during the attack: %v", err)
		}
	})
}

// While the account is under attack, a source loses its free failures after one miss.
func TestUnderAttackOneMissHoldsASourceBack(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		f.seed(t, "admin", "Passw0rd!")
		ctx := context.Background()
		for a := 1; a <= 25; a++ {
			_, _ = f.svc.Login(ctx, fmt.Sprintf("10.0.0.%d", a), "admin", "guess")
		}
		if _, err := f.svc.Login(ctx, "10.0.0.3", "admin", "guess2"); throttled(err) <= 0 {
			t.Fatalf("a source that already missed must wait while the account is under attack, got %v", err)
		}
		// A quiet account gives a source its free failures back.
		f.clock.advance(16 * time.Minute)
		if _, err := f.svc.Login(ctx, "10.0.0.3", "admin", "Passw0rd!"); err != nil {
			t.Fatalf("after the attack window the right password works: %v", err)
		}
	})
}

// Addresses of one IPv6 /64 share a counter; another /64 does not.
func TestIPv6AddressesOfOnePrefixShareTheirFailures(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		f.seed(t, "admin", "Passw0rd!")
		ctx := context.Background()
		for i := 1; i <= 5; i++ {
			_, _ = f.svc.Login(ctx, fmt.Sprintf("2001:db8:aa:bb::%x", i), "admin", "guess")
		}
		if _, err := f.svc.Login(ctx, "2001:db8:aa:bb:ffff::9", "admin", "Passw0rd!"); throttled(err) <= 0 {
			t.Fatalf("a new address in the same /64 must be held back, got %v", err)
		}
		if _, err := f.svc.Login(ctx, "2001:db8:aa:bc::1", "admin", "Passw0rd!"); err != nil {
			t.Fatalf("another /64 must log in: %v", err)
		}
	})
}

// Each further miss doubles the wait, up to the cap.
func TestBackOffDoubles(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		f.seed(t, "admin", "Passw0rd!")
		ctx := context.Background()
		for i := 0; i < 5; i++ {
			_, _ = f.svc.Login(ctx, "6.6.6.6", "admin", "guess")
		}
		var waits []time.Duration
		for i := 0; i < 8; i++ {
			_, err := f.svc.Login(ctx, "6.6.6.6", "admin", "guess")
			w := throttled(err)
			if w <= 0 {
				t.Fatalf("round %d: want a wait, got %v", i, err)
			}
			waits = append(waits, w)
			f.clock.advance(w)
			_, _ = f.svc.Login(ctx, "6.6.6.6", "admin", "guess") // the next miss
		}
		want := []time.Duration{30, 60, 120, 240, 480, 900, 900, 900}
		for i, w := range waits {
			if w != want[i]*time.Second {
				t.Fatalf("waits %v, want %v seconds", waits, want)
			}
		}
	})
}

func TestSourceKey(t *testing.T) {
	for ip, want := range map[string]string{
		"1.2.3.4":              "src:1.2.3.4",
		"::ffff:1.2.3.4":       "src:1.2.3.4",
		"2001:db8:1:2:3:4:5:6": "src:2001:db8:1:2::/64",
		"2001:db8:1:2::":       "src:2001:db8:1:2::/64",
	} {
		if got := adminauth.SourceKey(ip); got != want {
			t.Errorf("SourceKey(%s) = %s, want %s", ip, got, want)
		}
	}
}
