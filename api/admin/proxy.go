package admin

import (
	"context"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"

	"wxcomponent/api/errno"
	"wxcomponent/api/reqlog"
	"wxcomponent/api/respond"
	"wxcomponent/comm/fault"
	"wxcomponent/comm/proxy"
)

// ProxyConfigurator is the part of proxy.Configurator the endpoints use.
type ProxyConfigurator interface {
	Current() proxy.Config
	Check(r proxy.Request) (proxy.Config, error)
	Save(ctx context.Context, r proxy.Request) (proxy.Config, error)
}

// ProxyProber performs the console's test request (proxy.Prober).
type ProxyProber interface {
	Probe(ctx context.Context, cfg proxy.Config) (proxy.ProbeResult, error)
}

// ProxyHandler serves the proxy configurator: GET/POST /proxy and POST /proxy-test.
type ProxyHandler struct {
	cfg   ProxyConfigurator
	probe ProxyProber
}

// NewProxyHandler builds the handler.
func NewProxyHandler(cfg ProxyConfigurator, probe ProxyProber) *ProxyHandler {
	return &ProxyHandler{cfg: cfg, probe: probe}
}

// proxyRequest is the body of POST /proxy (the contract's {open, port} plus path and url).
type proxyRequest struct {
	Open bool   `json:"open"`
	Port int    `json:"port"`
	Path string `json:"path"`
	URL  string `json:"url"`
}

func (r proxyRequest) domain() proxy.Request {
	return proxy.Request{Open: r.Open, Port: r.Port, Path: r.Path, URL: r.URL}
}

// Get handles GET /proxy: {open, port, path?, url} with url the effective target.
func (h *ProxyHandler) Get(c *gin.Context) { respond.OK(c, h.cfg.Current()) }

// Save handles POST /proxy: validated, stored, in force here at once and on every instance
// within seconds. It answers the stored configuration.
func (h *ProxyHandler) Save(c *gin.Context) {
	var req proxyRequest
	if !bindJSON(c, &req, `{"open": bool, "port": 1-65535, "path": "/前缀", "url": "http(s)://主机[:端口]"}`) {
		return
	}
	saved, err := h.cfg.Save(c.Request.Context(), req.domain())
	if err != nil {
		respond.Error(c, err)
		return
	}
	audit(c, "audit: proxy configured", zap.Bool("open", saved.Open), zap.String("url", saved.URL), zap.String("path", saved.Path))
	respond.OK(c, saved)
}

// Test handles POST /proxy-test: a GET of the target's path with the saved settings, or with the
// unsaved ones in the body (port or url given), reporting status, latency and the body's start.
// A target that cannot be reached is 1010 with the reason.
func (h *ProxyHandler) Test(c *gin.Context) {
	var req proxyRequest
	if c.Request.ContentLength != 0 && !bindJSON(c, &req, `{} 或 {"port", "path", "url"}`) {
		return
	}
	cfg := h.cfg.Current()
	if req.Port != 0 || req.URL != "" {
		var err error
		if cfg, err = h.cfg.Check(req.domain()); err != nil {
			respond.Error(c, err)
			return
		}
	}
	res, err := h.probe.Probe(c.Request.Context(), cfg)
	if fault.Is(err, fault.Upstream) {
		reqlog.Logger(c).Warn("proxy test failed", zap.Error(err))
		respond.Code(c, errno.ErrRequestErr, fault.Message(err))
		return
	}
	if err != nil {
		respond.Error(c, err)
		return
	}
	respond.OK(c, res)
}
