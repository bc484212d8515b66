package codemgmt

import (
	"context"
	"time"

	"go.uber.org/zap"

	"wxcomponent/comm/randid"
)

// PollerOptions shapes the polling fallback; zero values take the defaults.
type PollerOptions struct {
	Every     time.Duration // how often a round runs (default 10 minutes)
	OlderThan time.Duration // audits with no news for this long are asked about (default 1 hour)
	Batch     int           // audits per round (default DefaultPollBatch)
}

// Polling defaults: WeChat audits take hours to days, and pushes are the normal path.
const (
	DefaultPollEvery     = 10 * time.Minute
	DefaultPollOlderThan = time.Hour
	pollLease            = "codemgmt:poll-audits"
)

// withDefaults fills zero fields.
func (o PollerOptions) withDefaults() PollerOptions {
	if o.Every <= 0 {
		o.Every = DefaultPollEvery
	}
	if o.OlderThan <= 0 {
		o.OlderThan = DefaultPollOlderThan
	}
	if o.Batch <= 0 {
		o.Batch = DefaultPollBatch
	}
	return o
}

// PollRound runs one polling round unless another instance sharing the database ran one less
// than o.Every ago: the round holds a lease for o.Every, so instances never ask WeChat twice
// about the same audit. ran tells whether this call polled.
func (s *Service) PollRound(ctx context.Context, o PollerOptions) (rep PollReport, ran bool, err error) {
	o = o.withDefaults()
	ok, err := s.store.AcquireLease(ctx, pollLease, "poll-"+randid.Hex(8), o.Every)
	if err != nil || !ok {
		return PollReport{}, false, err
	}
	rep, err = s.PollStuck(ctx, o.OlderThan, o.Batch)
	return rep, true, err
}

// RunPoller runs PollRound every o.Every until ctx ends; failures are logged and the next
// round tries again. main starts it in a goroutine.
func (s *Service) RunPoller(ctx context.Context, o PollerOptions) {
	o = o.withDefaults()
	t := time.NewTicker(o.Every)
	defer t.Stop()
	for {
		rep, ran, err := s.PollRound(ctx, o)
		if err != nil && ctx.Err() == nil {
			s.log.Warn("poll audits", zap.Error(err))
		}
		if ran && rep.Checked > 0 {
			s.log.Info("polled audits", zap.Int("checked", rep.Checked), zap.Int("changed", rep.Changed), zap.Int("failed", rep.Failed))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
