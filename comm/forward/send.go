package forward

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

// maxAnswer bounds what is read of a target's answer: a passive reply is a few kilobytes.
const maxAnswer = 1 << 20

// NewClient is the one HTTP client all deliveries share: pooled connections to the few
// business services, no redirects (a target answers itself; following one could lead a
// signed push elsewhere), no proxy from the environment.
func NewClient() *http.Client {
	tr := &http.Transport{
		DialContext:           (&net.Dialer{Timeout: 3 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:          256,
		MaxIdleConnsPerHost:   64,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   3 * time.Second,
		ResponseHeaderTimeout: 30 * time.Second,
		ForceAttemptHTTP2:     true,
	}
	return &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// request is one signed POST to a target.
type request struct {
	url        string
	body       []byte
	key        string
	deliveryID string
	appid      string
	now        time.Time
}

// answer is what one POST brought back.
type answer struct {
	status  int // 0: no answer
	body    []byte
	latency time.Duration
	err     error // set unless the status is 2xx
}

// ok tells whether the target accepted the push.
func (a answer) ok() bool { return a.err == nil }

// post sends r with the shared client within ctx.
func (f *Forwarder) post(ctx context.Context, r request) answer {
	start := time.Now()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.url, bytes.NewReader(r.body))
	if err != nil {
		return answer{err: fmt.Errorf("build request: %w", err)}
	}
	req.Header.Set("Content-Type", contentType(r.body))
	req.Header.Set("User-Agent", "wxcomponent/"+f.opt.Version)
	signHeaders(req.Header, r.key, r.deliveryID, r.appid, r.now.Unix(), r.body)
	resp, err := f.client.Do(req)
	if err != nil {
		return answer{latency: time.Since(start), err: describe(err)}
	}
	defer func() { _ = resp.Body.Close() }()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	a := answer{status: resp.StatusCode, body: body, latency: time.Since(start)}
	switch {
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		a.err = fmt.Errorf("HTTP %d: %s", resp.StatusCode, snippet(body))
	case err != nil:
		a.err = fmt.Errorf("read answer: %w", describe(err))
	}
	return a
}

// contentType labels the push: XML in standard mode, JSON in CloudRun mode.
func contentType(body []byte) string {
	switch b := bytes.TrimSpace(body); {
	case len(b) > 0 && b[0] == '<':
		return "application/xml; charset=utf-8"
	case len(b) > 0 && b[0] == '{':
		return "application/json; charset=utf-8"
	}
	return "text/plain; charset=utf-8"
}

// describe shortens transport errors to what an operator needs.
func describe(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return errors.New("timeout: no answer in time")
	}
	return err
}

// snippet is the start of a body for an error message, on one line.
func snippet(b []byte) string {
	s := strings.Join(strings.Fields(string(b)), " ")
	if len(s) > 200 {
		s = strings.ToValidUTF8(s[:200], "") + "…"
	}
	return s
}
