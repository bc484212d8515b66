package token

import (
	"context"
	"errors"
	"time"

	"go.uber.org/zap"
)

// Run is the ticket watchdog: every CheckInterval (or when woken), if no
// ticket arrived for Overdue and the AppSecret is known, it calls
// api_start_push_ticket, at most once per StartEvery across the cluster.
// It returns when ctx ends.
func (t *Tickets) Run(ctx context.Context) {
	tick := time.NewTicker(t.o.CheckInterval)
	defer tick.Stop()
	for {
		force := false
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		case <-t.wake:
			force = true
		}
		if _, err := t.Check(ctx, force); err != nil && ctx.Err() == nil {
			t.log.Warn("ticket watchdog", zap.Error(err))
		}
	}
}

// Check runs one watchdog round; force skips the age test. It reports
// whether api_start_push_ticket was called.
func (t *Tickets) Check(ctx context.Context, force bool) (bool, error) {
	if !force {
		overdue, err := t.overdue(ctx)
		if err != nil || !overdue {
			return false, err
		}
	}
	secret, _, err := t.secrets.Get(ctx)
	if err != nil || secret == "" {
		return false, err // nothing can be done without the AppSecret
	}
	// The lease is never released: it expires after StartEvery, which is what
	// limits the calls to one per period for the whole cluster.
	ok, err := t.store.AcquireLease(ctx, "start_push_ticket:"+t.appid, t.owner+"-"+newID(), t.o.StartEvery)
	if err != nil || !ok {
		return false, err
	}
	t.log.Warn("no recent component_verify_ticket: asking WeChat to push again")
	return true, t.api.StartPushTicket(ctx, secret)
}

// overdue tells whether the newest ticket is older than Overdue (or missing).
func (t *Tickets) overdue(ctx context.Context) (bool, error) {
	_, at, err := t.newest(ctx)
	if errors.Is(err, ErrNoTicket) {
		return true, nil
	}
	if err != nil {
		return false, err
	}
	return t.o.Now().Sub(at) >= t.o.Overdue, nil
}
