package adminauth

import (
	"context"
	"time"
)

// FailureStore persists failed logins (dao.Store implements it).
type FailureStore interface {
	RecordLoginFailure(ctx context.Context, keys []string, at time.Time) error
	LoginFailuresSince(ctx context.Context, key string, since time.Time) ([]time.Time, error)
	ClearLoginFailures(ctx context.Context, keys []string) error
	PruneLoginFailures(ctx context.Context, before time.Time) error
}

// Limit is one sliding-window rule: at most Max failures per Window for a key.
type Limit struct {
	Max    int
	Window time.Duration
}

// Throttle limits failed logins over sliding windows kept in the database, so
// every instance sees the same counts. Keys are per (account, IP) — tight —,
// per IP — looser — and per account — loosest, so that one attacker is stopped
// by the first two long before the account itself would be locked, and a lock
// ends by itself as soon as the oldest failure leaves the window.
type Throttle struct {
	store   FailureStore
	now     func() time.Time
	Pair    Limit
	IP      Limit
	Account Limit
}

// NewThrottle builds a throttle with the default limits.
func NewThrottle(store FailureStore, now func() time.Time) *Throttle {
	return &Throttle{
		store:   store,
		now:     now,
		Pair:    Limit{Max: 5, Window: 15 * time.Minute},
		IP:      Limit{Max: 20, Window: 15 * time.Minute},
		Account: Limit{Max: 100, Window: 15 * time.Minute},
	}
}

// keyed is one counter key and the limit it is held to.
type keyed struct {
	key   string
	limit Limit
}

// keys lists the pair, IP and account keys of an attempt, in that order (Succeed relies on it).
func (t *Throttle) keys(ip, account string) []keyed {
	return []keyed{
		{"pair:" + account + "|" + ip, t.Pair},
		{"ip:" + ip, t.IP},
		{"acct:" + account, t.Account},
	}
}

// Check returns how long the caller must wait; zero means go ahead.
func (t *Throttle) Check(ctx context.Context, ip, account string) (time.Duration, error) {
	now := t.now()
	var wait time.Duration
	for _, k := range t.keys(ip, account) {
		times, err := t.store.LoginFailuresSince(ctx, k.key, now.Add(-k.limit.Window))
		if err != nil {
			return 0, err
		}
		if len(times) < k.limit.Max {
			continue
		}
		// Blocked until enough of the oldest failures have left the window.
		free := times[len(times)-k.limit.Max].Add(k.limit.Window).Sub(now)
		if free > wait {
			wait = free
		}
	}
	return wait, nil
}

// Fail records a failed attempt under every key.
func (t *Throttle) Fail(ctx context.Context, ip, account string) error {
	ks := t.keys(ip, account)
	names := make([]string, len(ks))
	for i, k := range ks {
		names[i] = k.key
	}
	return t.store.RecordLoginFailure(ctx, names, t.now())
}

// Succeed clears the pair and IP counters after a successful login. The
// account counter is kept so a distributed guesser is not reset by the owner.
func (t *Throttle) Succeed(ctx context.Context, ip, account string) error {
	ks := t.keys(ip, account)
	return t.store.ClearLoginFailures(ctx, []string{ks[0].key, ks[1].key})
}

// Prune drops failures older than the longest window.
func (t *Throttle) Prune(ctx context.Context) error {
	longest := max(t.Pair.Window, t.IP.Window, t.Account.Window)
	return t.store.PruneLoginFailures(ctx, t.now().Add(-longest))
}
