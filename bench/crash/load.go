package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"wxcomponent/bench/internal/binsvc"
)

// Every push is unique through its FromUserName (the key the bench finds it by, in a stored
// row and in a delivery) and, for messages, its MsgId (the service's dedupe key).
const (
	userPrefix = "ocrash"
	appID      = "wxcrash000000001"
	msgIDBase  = 8_000_000_000
)

// The kinds of push, by seq % 4: half text (the async rule), a quarter image (the sync rule
// with -sync, else unmatched), a quarter subscribe events (never matched, no MsgId: deduped
// by the hash of the body).
const (
	kindText = iota
	kindImage
	kindEvent
)

func kindOf(seq int) int {
	switch seq % 4 {
	case 0, 1:
		return kindText
	case 2:
		return kindImage
	}
	return kindEvent
}

// push is one unique push and what sending it took.
type push struct {
	body     string
	matched  bool
	attempts int
	answered bool // answered 200 "success" at last
}

// load sends the pushes; pushers share a cursor, each push is sent until answered success.
type load struct {
	pushes     []push
	next       atomic.Int64
	start, end time.Time
	mu         sync.Mutex
	causes     map[string]int // why an attempt was not answered success
}

func newLoad(n int, sync bool) *load {
	l := &load{pushes: make([]push, n), causes: map[string]int{}}
	created := time.Now().Unix()
	for i := range l.pushes {
		l.pushes[i] = push{body: pushBody(i, created), matched: kindOf(i) == kindText || sync && kindOf(i) == kindImage}
	}
	return l
}

// pushBody is push seq as CloudRun delivers it: plaintext JSON, the same bytes on every re-send.
func pushBody(seq int, created int64) string {
	head := fmt.Sprintf(`{"ToUserName":"gh_crash000001","FromUserName":"%s%d","CreateTime":%d,`, userPrefix, seq, created)
	switch kindOf(seq) {
	case kindText:
		return head + fmt.Sprintf(`"MsgType":"text","Content":"crash %d","MsgId":%d}`, seq, msgIDBase+seq)
	case kindImage:
		return head + fmt.Sprintf(`"MsgType":"image","PicUrl":"http://example.invalid/%d.jpg","MediaId":"m%d","MsgId":%d}`, seq, seq, msgIDBase+seq)
	}
	return head + `"MsgType":"event","Event":"subscribe"}`
}

func (l *load) run(ctx context.Context, base string, pushers int) {
	client := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: pushers}}
	var wg sync.WaitGroup
	l.start = time.Now()
	for range pushers {
		wg.Go(func() {
			for i := int(l.next.Add(1) - 1); i < len(l.pushes) && ctx.Err() == nil; i = int(l.next.Add(1) - 1) {
				l.send(ctx, client, base, &l.pushes[i])
			}
		})
	}
	wg.Wait()
	l.end = time.Now()
}

// send behaves as WeChat: a push not answered 200 "success" (refused, reset, 5xx, 5 s
// timeout) is sent again after a short pause, until it is.
func (l *load) send(ctx context.Context, client *http.Client, base string, p *push) {
	for ctx.Err() == nil {
		p.attempts++
		err := binsvc.PushJSON(client, base, appID, p.body)
		if err == nil {
			p.answered = true
			return
		}
		l.noteFailure(err)
		select {
		case <-ctx.Done():
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func (l *load) noteFailure(err error) {
	cause := cause(err)
	l.mu.Lock()
	defer l.mu.Unlock()
	l.causes[cause]++
}

// cause names a failed attempt briefly: the HTTP status, or the kind of transport error.
func cause(err error) string {
	var ne net.Error
	switch {
	case strings.HasPrefix(err.Error(), "push: HTTP "):
		return strings.Fields(err.Error())[1] + " " + strings.Fields(err.Error())[2]
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return "connection reset"
	case errors.As(err, &ne) && ne.Timeout(), errors.Is(err, os.ErrDeadlineExceeded):
		return "timeout"
	case strings.Contains(err.Error(), "EOF"):
		return "connection closed (EOF)"
	}
	return err.Error()
}

// causeList is the failure causes, most frequent first.
func (l *load) causeList() string {
	causes := make([]string, 0, len(l.causes))
	for c := range l.causes {
		causes = append(causes, c)
	}
	sort.Slice(causes, func(i, j int) bool { return l.causes[causes[i]] > l.causes[causes[j]] })
	for i, c := range causes {
		causes[i] = fmt.Sprintf("%d %s", l.causes[c], c)
	}
	return strings.Join(causes, ", ")
}
