package main

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
	"time"

	"wxcomponent/comm/forward"
	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// counter sums the calls and the time spent in one kind of step.
type counter struct {
	calls, rows atomic.Int64
	nanos       atomic.Int64
}

func (c *counter) add(start time.Time, rows int) {
	c.calls.Add(1)
	c.rows.Add(int64(rows))
	c.nanos.Add(int64(time.Since(start)))
}

func (c *counter) String() string {
	n := c.calls.Load()
	if n == 0 {
		return "0 calls"
	}
	total := time.Duration(c.nanos.Load())
	return fmt.Sprintf("%d calls, %d rows, %v each, %v in all", n, c.rows.Load(), (total / time.Duration(n)).Round(time.Microsecond), total.Round(time.Millisecond))
}

// timedStore counts the time the forwarder spends in each outbox statement.
type timedStore struct {
	forward.Store
	claim, finish counter
}

func (s *timedStore) ClaimDeliveries(ctx context.Context, c dao.DeliveryClaim) ([]model.ForwardDelivery, error) {
	start := time.Now()
	rows, err := s.Store.ClaimDeliveries(ctx, c)
	s.claim.add(start, len(rows))
	return rows, err
}

func (s *timedStore) FinishDelivery(ctx context.Context, o dao.DeliveryOutcome) (bool, error) {
	start := time.Now()
	ok, err := s.Store.FinishDelivery(ctx, o)
	s.finish.add(start, 1)
	return ok, err
}

func (s *timedStore) FinishDeliveries(ctx context.Context, outs []dao.DeliveryOutcome) (int64, error) {
	start := time.Now()
	n, err := s.Store.FinishDeliveries(ctx, outs)
	s.finish.add(start, len(outs))
	return n, err
}

// timedTransport counts the time of the POSTs to the target (request to response headers).
type timedTransport struct {
	next http.RoundTripper
	c    counter
}

func (t *timedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	start := time.Now()
	resp, err := t.next.RoundTrip(r)
	t.c.add(start, 1)
	return resp, err
}
