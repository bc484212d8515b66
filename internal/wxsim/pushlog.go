package wxsim

import (
	"encoding/json"
	"errors"
	"slices"
	"sync"
	"time"
)

// PushAttempt is one HTTP delivery of a push to the service.
type PushAttempt struct {
	Attempt   int       `json:"attempt"` // 1..3
	At        time.Time `json:"at"`      // simulator clock
	Status    int       `json:"status"`  // 0 when the request failed (timeout, refused)
	Body      string    `json:"body"`    // what the service answered (capped)
	LatencyMs float64   `json:"latency_ms"`
	OK        bool      `json:"ok"`
	Reply     string    `json:"reply,omitempty"` // decrypted passive reply, if any
	Err       string    `json:"error,omitempty"`
}

// setLatency records d in milliseconds, with microsecond precision.
func (a *PushAttempt) setLatency(d time.Duration) {
	a.LatencyMs = float64(d.Microseconds()) / 1000
}

// PushResult is one push and all its delivery attempts.
type PushResult struct {
	ID        int           `json:"id"`
	Kind      string        `json:"kind"` // InfoType, or Event/MsgType for message pushes
	AppID     string        `json:"appid,omitempty"`
	URL       string        `json:"url"`
	Query     string        `json:"query,omitempty"`
	Payload   string        `json:"payload"` // plaintext XML or JSON, before encryption
	Delivered bool          `json:"delivered"`
	Reply     string        `json:"reply,omitempty"`
	Attempts  []PushAttempt `json:"attempts"`
}

// maxPushLog bounds the history a long-running binary keeps.
const maxPushLog = 1000

// pushLog is the history of pushes, newest last.
type pushLog struct {
	mu     sync.Mutex
	nextID int
	list   []PushResult
}

// newPushLog builds an empty log.
func newPushLog() *pushLog { return &pushLog{nextID: 1} }

// record assigns an id to res and stores it.
func (l *pushLog) record(res PushResult) PushResult {
	l.mu.Lock()
	defer l.mu.Unlock()
	res.ID = l.nextID
	l.nextID++
	l.list = append(l.list, res)
	if len(l.list) > maxPushLog {
		l.list = slices.Clone(l.list[len(l.list)-maxPushLog:])
	}
	return res
}

// all copies the history.
func (l *pushLog) all() []PushResult {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.list)
}

// Pushes returns every recorded push with its attempts, oldest first.
func (s *Sim) Pushes() []PushResult { return s.pushes.all() }

// openReply validates a passive reply. Standard mode: the encrypted envelope of §1.9, whose
// MsgSignature must verify and whose Encrypt must decrypt with our key and appid; crypt.OpenReply
// does exactly that and is pinned by the protocol's own reply vector, so sharing it costs the
// simulator no independence. CloudRun: a plaintext JSON or XML message carrying MsgType.
func (s *Sim) openReply(body []byte) (string, error) {
	if s.cfg.Mode == ModeCloudRun {
		return plainReply(body)
	}
	plain, err := s.crypter.OpenReply(body)
	if err != nil {
		return "", err
	}
	return string(plain), nil
}

// plainReply accepts a CloudRun passive reply: JSON or XML with a MsgType.
func plainReply(body []byte) (string, error) {
	var m map[string]any
	if json.Unmarshal(body, &m) == nil {
		if _, ok := m["MsgType"]; ok {
			return string(body), nil
		}
		return "", errors.New("json reply without MsgType")
	}
	fields, err := parseXMLFields(body)
	if err != nil || lookup(fields, "MsgType") == "" {
		return "", errors.New("reply is neither success nor a passive message")
	}
	return string(body), nil
}
