package adminauth

import (
	"context"
	"net"
	"time"
)

// FailureStore persists failed logins (dao.Store implements it).
type FailureStore interface {
	RecordLoginFailure(ctx context.Context, keys []string, at time.Time) error
	LoginFailuresSince(ctx context.Context, key string, since time.Time) ([]time.Time, error)
	CountLoginFailuresSince(ctx context.Context, key string, since time.Time) (int64, error)
	ClearLoginFailures(ctx context.Context, keys []string) error
	PruneLoginFailures(ctx context.Context, before time.Time) error
}

// Policy is the throttle's tuning; NewThrottle sets the documented defaults.
type Policy struct {
	// Window is how long a failure counts against its source.
	Window time.Duration
	// Free is how many failures a source may make within Window before back-off starts.
	Free int
	// Base is the first back-off; each further failure doubles it, up to Max.
	Base, Max time.Duration
	// AttackWindow and AttackMax: an account with at least AttackMax failures (from any
	// source) within AttackWindow is under attack, and while it is, a source that has
	// failed at all within Window gets no free failures. Sources without failures are
	// never held back, so the owner logs in from a fresh address during an attack.
	AttackWindow time.Duration
	AttackMax    int
}

// Throttle slows down the sources of failed logins, never the account itself.
// A source is an IPv4 address or an IPv6 /64 (one subscriber's prefix, so
// rotating addresses inside it gains nothing). Each source has a few free
// failures, then waits Base·2^n after its last failure. The failures live in
// the database, so every instance sees the same counts, and every wait ends by
// itself.
type Throttle struct {
	store FailureStore
	now   func() time.Time
	Policy
}

// NewThrottle builds a throttle with the default policy.
func NewThrottle(store FailureStore, now func() time.Time) *Throttle {
	return &Throttle{store: store, now: now, Policy: Policy{
		Window: time.Hour, Free: 5, Base: 30 * time.Second, Max: 15 * time.Minute,
		AttackWindow: 15 * time.Minute, AttackMax: 20,
	}}
}

// SourceKey groups an address into its throttling source: the IPv4 address, or
// the /64 of an IPv6 address. Anything unparsable is its own source.
func SourceKey(ip string) string {
	parsed := net.ParseIP(ip)
	switch {
	case parsed == nil:
		return "src:" + ip
	case parsed.To4() != nil:
		return "src:" + parsed.To4().String()
	default:
		return "src:" + parsed.Mask(net.CIDRMask(64, 128)).String() + "/64"
	}
}

func accountKey(account string) string { return "acct:" + account }

// Check returns how long the source of ip must wait before trying account
// (zero: go ahead) and whether the source has failed recently at all, in which
// case it gets no place in the hashing queue (see Service.Login).
func (t *Throttle) Check(ctx context.Context, ip, account string) (wait time.Duration, failed bool, err error) {
	now := t.now()
	times, err := t.store.LoginFailuresSince(ctx, SourceKey(ip), now.Add(-t.Window))
	if err != nil || len(times) == 0 {
		return 0, false, err // a source without failures is never held back
	}
	attacks, err := t.store.CountLoginFailuresSince(ctx, accountKey(account), now.Add(-t.AttackWindow))
	if err != nil {
		return 0, true, err
	}
	free := t.Free
	if attacks >= int64(t.AttackMax) {
		free = 1
	}
	if len(times) < free {
		return 0, true, nil
	}
	wait = t.backoff(len(times)-free) - now.Sub(times[len(times)-1])
	return max(wait, 0), true, nil
}

// backoff is Base·2^n, capped at Max.
func (t *Throttle) backoff(n int) time.Duration {
	d := t.Base
	for i := 0; i < n && d < t.Max; i++ {
		d *= 2
	}
	return min(d, t.Max)
}

// Fail records a failed attempt against the source and the account.
func (t *Throttle) Fail(ctx context.Context, ip, account string) error {
	return t.store.RecordLoginFailure(ctx, []string{SourceKey(ip), accountKey(account)}, t.now())
}

// Succeed clears the source's failures after a successful login. The account's
// count is kept, so the owner logging in does not reset a distributed guesser.
func (t *Throttle) Succeed(ctx context.Context, ip, _ string) error {
	return t.store.ClearLoginFailures(ctx, []string{SourceKey(ip)})
}

// Prune drops failures older than the longest window.
func (t *Throttle) Prune(ctx context.Context) error {
	return t.store.PruneLoginFailures(ctx, t.now().Add(-max(t.Window, t.AttackWindow)))
}
