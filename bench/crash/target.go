package main

import (
	"encoding/json"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"wxcomponent/comm/forward"
)

// target is the business service: it records every delivery it accepts — the delivery id and
// which push the body is — and answers 200 "success" (or 500 at failRate, before recording,
// so a refused delivery counts as not received).
type target struct {
	srv      *http.Server
	url      string
	failRate float64

	mu         sync.Mutex
	keys       []string
	requests   int
	refused    int
	badSig     int
	foreign    int            // bodies that are none of the bench's pushes
	byDelivery map[string]int // X-Wxcomponent-Delivery → times accepted
	byPush     map[int]map[string]bool
}

func startTarget(failRate float64) *target {
	tg := &target{failRate: failRate, byDelivery: map[string]int{}, byPush: map[int]map[string]bool{}}
	tg.srv = &http.Server{ReadHeaderTimeout: 5 * time.Second, Handler: http.HandlerFunc(tg.serve)}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go func() { _ = tg.srv.Serve(ln) }()
	tg.url = "http://" + ln.Addr().String()
	return tg
}

func (tg *target) close() { _ = tg.srv.Close() }

func (tg *target) setKeys(keys []string) {
	tg.mu.Lock()
	defer tg.mu.Unlock()
	tg.keys = keys
}

func (tg *target) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return // the service hung up: nothing was delivered
	}
	tg.mu.Lock()
	defer tg.mu.Unlock()
	tg.requests++
	if tg.failRate > 0 && rand.Float64() < tg.failRate {
		tg.refused++
		w.WriteHeader(http.StatusInternalServerError)
		return
	}
	if !tg.signed(r, body) {
		tg.badSig++
	}
	id := r.Header.Get(forward.HeaderDelivery)
	tg.byDelivery[id]++
	if seq, ok := pushSeq(body); ok {
		if tg.byPush[seq] == nil {
			tg.byPush[seq] = map[string]bool{}
		}
		tg.byPush[seq][id] = true
	} else {
		tg.foreign++
	}
	_, _ = io.WriteString(w, "success")
}

// signed checks the signature against the rules' keys (a push matches one rule only).
func (tg *target) signed(r *http.Request, body []byte) bool {
	ts, err := strconv.ParseInt(r.Header.Get(forward.HeaderTimestamp), 10, 64)
	if err != nil {
		return false
	}
	for _, k := range tg.keys {
		if forward.Sign(k, ts, body) == r.Header.Get(forward.HeaderSignature) {
			return true
		}
	}
	return false
}

// pushSeq finds which of the bench's pushes a body is, by its FromUserName "ocrash<seq>".
func pushSeq(body []byte) (int, bool) {
	var p struct{ FromUserName string }
	if json.Unmarshal(body, &p) != nil {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimPrefix(p.FromUserName, userPrefix))
	return n, err == nil && strings.HasPrefix(p.FromUserName, userPrefix)
}

// targetCounts is what the target saw, read once the outbox has drained.
type targetCounts struct {
	requests, refused, badSig, foreign int
	accepted, repeats                  int // deliveries accepted; of those, a delivery id seen before
	multiID                            int // pushes received under more than one delivery id
	byPush                             map[int]int
}

func (tg *target) counts() targetCounts {
	tg.mu.Lock()
	defer tg.mu.Unlock()
	c := targetCounts{requests: tg.requests, refused: tg.refused, badSig: tg.badSig, foreign: tg.foreign, byPush: map[int]int{}}
	for _, n := range tg.byDelivery {
		c.accepted += n
		c.repeats += n - 1
	}
	for seq, ids := range tg.byPush {
		c.byPush[seq] = len(ids)
		if len(ids) > 1 {
			c.multiID++
		}
	}
	return c
}
