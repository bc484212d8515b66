package proxy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"

	"wxcomponent/comm/fault"
)

// ProbeTimeout bounds the console's test request.
const ProbeTimeout = 5 * time.Second

// probeBodyBytes is how much of the answer the test shows.
const probeBodyBytes = 512

// ProbeResult is what the console's 测试 shows: the target's answer to a GET of its path.
type ProbeResult struct {
	URL       string `json:"url"`
	Status    int    `json:"status"`
	LatencyMs int64  `json:"latencyMs"`
	Body      string `json:"body"`
	Truncated bool   `json:"truncated"`
}

// Prober performs the test request. Build with NewProber.
type Prober struct {
	client *http.Client
}

// NewProber builds a prober on client (nil: a client with ProbeTimeout that follows no redirects,
// so the answer shown is the target's own).
func NewProber(client *http.Client) *Prober {
	if client == nil {
		client = &http.Client{Timeout: ProbeTimeout, CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		}}
	}
	return &Prober{client: client}
}

// Probe GETs cfg's endpoint (its URL and path prefix) and reports the answer; a target that
// cannot be reached is a fault.Upstream whose message says why in words an operator can act on.
func (p *Prober) Probe(ctx context.Context, cfg Config) (ProbeResult, error) {
	u, ok := cfg.Endpoint()
	if !ok {
		return ProbeResult{}, fault.New(fault.Invalid, "未配置转发目标 (no target configured)")
	}
	if u.Path == "" {
		u.Path = "/"
	}
	res := ProbeResult{URL: u.String()}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, res.URL, nil)
	if err != nil {
		return res, fmt.Errorf("build probe request: %w", err)
	}
	req.Header.Set("User-Agent", "wxcomponent-proxy-test")
	start := time.Now()
	resp, err := p.client.Do(req)
	if err != nil {
		return res, fault.Wrap(fault.Upstream, err, "请求 "+res.URL+" 失败："+reason(err))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, probeBodyBytes+1))
	res.LatencyMs = time.Since(start).Milliseconds()
	res.Status = resp.StatusCode
	if len(body) > probeBodyBytes {
		body, res.Truncated = body[:probeBodyBytes], true
	}
	res.Body = string(body)
	if err != nil {
		return res, fault.Wrap(fault.Upstream, err, "读取 "+res.URL+" 的响应失败："+reason(err))
	}
	return res, nil
}

// reason words a transport failure without the noise of url.Error.
func reason(err error) string {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return fmt.Sprintf("超时（%s 内无响应）(timeout)", ProbeTimeout)
	}
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return "无法连接，目标端口没有服务在监听 (connection refused: " + op.Err.Error() + ")"
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return "域名解析失败 (DNS: " + dns.Err + ")"
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}
