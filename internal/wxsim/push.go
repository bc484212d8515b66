package wxsim

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// ErrNotDelivered reports a push the service did not acknowledge in any of the three attempts.
var ErrNotDelivered = errors.New("push not acknowledged after all attempts")

// maxRecordedBody caps how much of the service's answer an attempt keeps.
const maxRecordedBody = 4096

// pushTarget says where and as what a payload is delivered.
type pushTarget struct {
	kind   string     // InfoType, MsgType or Event, for the log
	appid  string     // the authorizer concerned, if any
	url    string     // full callback URL without query
	toUser string     // gh_ id for message pushes; "" for component pushes
	query  url.Values // extra query parameters (openid)
}

// wire is a push as it goes over HTTP; attempts resend the same bytes, as WeChat's retries do.
type wire struct {
	url     string
	body    []byte
	header  http.Header
	payload []byte // plaintext before encryption, for the log and tests
}

// deliver sends fields to the service, retrying up to pushAttempts times, and records the result.
func (s *Sim) deliver(ctx context.Context, t pushTarget, fields []field) (PushResult, error) {
	res := PushResult{Kind: t.kind, AppID: t.appid, URL: t.url}
	if s.cfg.CallbackBase == "" {
		return res, errors.New("push: no callback base configured")
	}
	w, err := s.encode(t, fields)
	if err != nil {
		return res, fmt.Errorf("push %s: %w", t.kind, err)
	}
	res.Payload, res.Query = string(w.payload), queryOf(w.url)
	for i := 1; i <= pushAttempts && !res.Delivered; i++ {
		if i > 1 && !sleepCtx(ctx, s.cfg.RetryDelay) {
			break
		}
		a := s.attempt(ctx, w, i)
		res.Attempts = append(res.Attempts, a)
		res.Delivered, res.Reply = a.OK, a.Reply
	}
	res = s.pushes.record(res)
	if !res.Delivered {
		return res, fmt.Errorf("push %s to %s: %w", t.kind, t.url, ErrNotDelivered)
	}
	return res, nil
}

// encode renders fields for the configured mode: encrypted XML with signed query (standard) or
// plaintext JSON with X-WX-SOURCE (cloudrun).
func (s *Sim) encode(t pushTarget, fields []field) (wire, error) {
	h := http.Header{"User-Agent": {"Mozilla/4.0"}, "Accept": {"*/*"}, "Pragma": {"no-cache"}}
	q := url.Values{}
	for k, v := range t.query {
		q[k] = v
	}
	if s.cfg.Mode == ModeCloudRun {
		h.Set("Content-Type", "application/json")
		h.Set("X-WX-SOURCE", "wechat")
		body := renderJSON(fields)
		return wire{url: withQuery(t.url, q), body: body, header: h, payload: body}, nil
	}
	plain := renderXML(fields)
	ts := strconv.FormatInt(s.Now().Unix(), 10)
	sealedQ, body, err := s.sealFor(plain, t.toUser, ts, newNonce())
	if err != nil {
		return wire{}, fmt.Errorf("seal: %w", err)
	}
	for k, v := range sealedQ {
		q[k] = v
	}
	h.Set("Content-Type", "text/xml")
	return wire{url: withQuery(t.url, q), body: body, header: h, payload: plain}, nil
}

// attempt performs one HTTP delivery and judges the answer.
func (s *Sim) attempt(ctx context.Context, w wire, n int) PushAttempt {
	a := PushAttempt{Attempt: n, At: s.Now()}
	ctx, cancel := context.WithTimeout(ctx, s.cfg.PushTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.url, bytes.NewReader(w.body))
	if err != nil {
		a.Err = err.Error()
		return a
	}
	req.Header = w.header.Clone()
	start := time.Now() // wall time: latency is real even when the sim clock is faked
	resp, err := s.cfg.HTTPClient.Do(req)
	if err != nil {
		a.setLatency(time.Since(start))
		a.Err = err.Error()
		return a
	}
	defer func() { _ = resp.Body.Close() }()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	a.setLatency(time.Since(start))
	a.Status, a.Body = resp.StatusCode, truncate(string(body), maxRecordedBody)
	if err != nil {
		a.Err = "read answer: " + err.Error()
		return a
	}
	a.OK, a.Reply, a.Err = s.judge(resp.StatusCode, body)
	return a
}

// judge applies WeChat's acceptance rule: HTTP 200 and a body of "success", nothing, or a valid
// passive reply (wechat-protocol.md §1.12). It returns the decrypted reply when there is one.
func (s *Sim) judge(status int, body []byte) (ok bool, reply, problem string) {
	if status != http.StatusOK {
		return false, "", fmt.Sprintf("HTTP %d", status)
	}
	if len(body) == 0 || string(body) == "success" {
		return true, "", ""
	}
	reply, err := s.openReply(body)
	if err != nil {
		return false, "", "not success/empty/valid reply: " + err.Error()
	}
	return true, reply, ""
}

// sleepCtx waits d unless ctx ends first; it reports whether the full wait happened.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// withQuery appends q to base.
func withQuery(base string, q url.Values) string {
	if len(q) == 0 {
		return base
	}
	return base + "?" + q.Encode()
}

// queryOf returns the raw query of u.
func queryOf(u string) string {
	parsed, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return parsed.RawQuery
}

// truncate caps s at n bytes.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
