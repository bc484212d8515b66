package main

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// result is everything measured, read after the outbox drained.
type result struct {
	load   *load
	killer *killer
	target *target
	drain  drain
	stored stored
}

// verdict counts what must be zero for the run to pass. A matched push not delivered is lost
// only once the outbox drained; before, it may be waiting for a retry (1 s, 5 s, 30 s, 5 min…).
type verdict struct {
	unanswered, storedTwice, missing, undelivered, multiID, unmatchedDelivered, badSig int
	drained                                                                            bool
}

// failures names each non-zero count, for the FAIL line.
func (v verdict) failures() []string {
	var out []string
	for _, f := range []struct {
		n    int
		what string
	}{{v.unanswered, "pushes never answered success"}, {v.storedTwice, "pushes stored twice"},
		{v.missing, "pushes answered success but not stored"}, {v.undelivered, v.undeliveredName()},
		{v.multiID, "pushes delivered under two delivery ids"}, {v.unmatchedDelivered, "unmatched pushes delivered"},
		{v.badSig, "bad signatures"}} {
		if f.n > 0 {
			out = append(out, fmt.Sprintf("%d %s", f.n, f.what))
		}
	}
	return out
}

func (v verdict) undeliveredName() string {
	if v.drained {
		return "matched pushes lost (outbox drained, never delivered)"
	}
	return "matched pushes not delivered within -drain-timeout"
}

// report prints the figures and answers whether nothing was lost or stored twice.
func report(r *result, o options, serviceLog string) bool {
	tc := r.target.counts()
	v := judge(r, tc)
	printLoad(r, o)
	printStored(r, v)
	printForwarding(r, tc, v)
	printServiceLog(serviceLog)
	if r.drain.timedOut {
		fmt.Printf("outbox:    not drained within -drain-timeout %s: %v\n", o.drainTimeout, r.drain.byStatus)
	}
	if f := v.failures(); len(f) > 0 {
		fmt.Printf("FAIL: %s\n", strings.Join(f, "; "))
		return false
	}
	fmt.Println("PASS: every push answered success is stored once, every matched push reached the business service")
	return true
}

func judge(r *result, tc targetCounts) verdict {
	v := verdict{drained: !r.drain.timedOut}
	for seq, p := range r.load.pushes {
		rows, got := r.stored.perPush[seq], tc.byPush[seq]
		switch {
		case !p.answered:
			v.unanswered++
		case rows == 0:
			v.missing++
		}
		if rows > 1 {
			v.storedTwice++
		}
		if p.matched && (p.answered || rows > 0) && got == 0 {
			v.undelivered++
		}
		if !p.matched && got > 0 {
			v.unmatchedDelivered++
		}
	}
	v.multiID, v.badSig = tc.multiID, tc.badSig
	return v
}

func printLoad(r *result, o options) {
	l, k := r.load, r.killer
	var answered, attempts int
	for _, p := range l.pushes {
		attempts += p.attempts
		if p.answered {
			answered++
		}
	}
	took := l.end.Sub(l.start)
	fmt.Printf("load:      %d pushes by %d pushers in %s (%.0f answered/s, kills and restarts included)\n",
		len(l.pushes), o.pushers, took.Round(time.Millisecond), float64(answered)/took.Seconds())
	fmt.Printf("           %d answered success after %d attempts: %d re-sends (%s)\n",
		answered, attempts, attempts-len(l.pushes), orNone(l.causeList()))
	fmt.Printf("faults:    %d SIGKILLs %s apart (%d while pushes were being sent); kill → /readyz 200 p50 %s  max %s\n",
		len(k.ready), o.killEvery, k.duringLoad, pct(k.ready, 50), pct(k.ready, 100))
}

func printStored(r *result, v verdict) {
	s := r.stored
	fmt.Printf("stored:    %d rows in wxcallback_biz (%d of other pushes); pushes stored twice: %d; answered success but missing: %d\n",
		s.rows, s.foreign, v.storedTwice, v.missing)
}

func printForwarding(r *result, tc targetCounts, v verdict) {
	var matched, delivered int
	for seq, p := range r.load.pushes {
		if p.matched && p.answered {
			matched++
			if tc.byPush[seq] > 0 {
				delivered++
			}
		}
	}
	d := r.drain
	rows := 0
	for _, n := range d.byStatus {
		rows += n
	}
	fmt.Printf("forwarded: %d pushes matched; %d outbox rows (%d delivered, %d dead letters), drained %s after the load and the last restart\n",
		matched, rows, d.byStatus["delivered"], d.byStatus["dead"], d.took.Round(time.Millisecond))
	fmt.Printf("target:    %d requests (%d answered 500); %d deliveries accepted, %d distinct pushes delivered; %s: %d\n",
		tc.requests, tc.refused, tc.accepted, delivered, v.undeliveredName(), v.undelivered)
	fmt.Printf("           repeats of a delivery id: %d (allowed: at least once after a crash); pushes under two delivery ids: %d; "+
		"unmatched pushes delivered: %d; bad signatures: %d; other bodies: %d\n",
		tc.repeats, tc.multiID, v.unmatchedDelivered, tc.badSig, tc.foreign)
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// pct is the p-th percentile (p 100: the maximum) of d.
func pct(d []time.Duration, p int) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	return s[min(len(s)-1, len(s)*p/100)].Round(time.Millisecond)
}
