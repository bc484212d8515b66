package main

import (
	"context"
	"fmt"
	"time"

	"wxcomponent/bench/internal/binsvc"
)

// drain is the outbox once it drained (or the drain timed out).
type drain struct {
	took     time.Duration
	byStatus map[string]int // wx_forward_delivery rows by status
	timedOut bool
}

// waitDrain polls the outbox until no row is pending or running. A row a killed instance had
// claimed stays running until its lease expires, then the live instance claims it again.
func waitDrain(ctx context.Context, svc *binsvc.Service, limit time.Duration) (drain, error) {
	start := time.Now()
	for {
		by, err := outboxByStatus(svc)
		if err != nil {
			return drain{}, err
		}
		d := drain{took: time.Since(start), byStatus: by}
		if by["pending"]+by["running"] == 0 {
			return d, nil
		}
		if d.took > limit {
			d.timedOut = true
			return d, nil
		}
		select {
		case <-ctx.Done():
			return d, ctx.Err()
		case <-time.After(250 * time.Millisecond):
		}
	}
}

func outboxByStatus(svc *binsvc.Service) (map[string]int, error) {
	var rows []struct {
		Status string
		N      int
	}
	err := svc.DB.Raw("SELECT status, COUNT(*) AS n FROM wx_forward_delivery GROUP BY status").Scan(&rows).Error
	by := map[string]int{}
	for _, r := range rows {
		by[r.Status] = r.N
	}
	return by, err
}

// stored is what wxcallback_biz holds: rows per push (by seq).
type stored struct {
	rows    int
	perPush []int
	foreign int // rows that are none of the bench's pushes
}

// readStored reads every stored push's body and counts the rows of each of the bench's pushes:
// the dedupe key is unique, so this finds a push stored twice under two keys too.
func readStored(svc *binsvc.Service, n int) (stored, error) {
	s := stored{perPush: make([]int, n)}
	rows, err := svc.DB.Raw("SELECT postbody FROM wxcallback_biz").Rows()
	if err != nil {
		return s, err
	}
	defer func() { _ = rows.Close() }()
	for rows.Next() {
		var body string
		if err := rows.Scan(&body); err != nil {
			return s, err
		}
		s.rows++
		if seq, ok := pushSeq([]byte(body)); ok && seq < n {
			s.perPush[seq]++
		} else {
			s.foreign++
		}
	}
	if err := rows.Err(); err != nil {
		return s, fmt.Errorf("read wxcallback_biz: %w", err)
	}
	return s, nil
}
