// Package proxy is the proxy configurator's gateway: the public listener's fallback for paths no
// route claims, reverse-proxied to the business service comm/proxy configures. One
// httputil.ReverseProxy serves every request and is rebuilt only when the configuration changes
// (the original built one per request and kept its configuration in unsynchronised globals).
package proxy

import (
	"context"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"

	"wxcomponent/api/errno"
	"wxcomponent/api/reqlog"
	"wxcomponent/api/respond"
	commproxy "wxcomponent/comm/proxy"
	"wxcomponent/middleware"
)

// Source is the configuration in force (comm/proxy.Configurator).
type Source interface {
	Current() commproxy.Config
	Generation() any
}

// Gateway reverse-proxies unmatched requests. Build with New; Handle is the routers' Fallback.
type Gateway struct {
	src       Source
	transport http.RoundTripper
	built     atomic.Pointer[built]
}

// built is the proxy of one configuration generation; rp is nil when the proxy is closed.
type built struct {
	gen any
	rp  *httputil.ReverseProxy
}

// ginKey carries the gin context into the proxy's callbacks through the request context.
type ginKey struct{}

// New builds the gateway. One transport (and its connection pool) serves every configuration.
func New(src Source) *Gateway {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DialContext = (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	t.MaxIdleConnsPerHost = 32
	return &Gateway{src: src, transport: t}
}

// Handle proxies the request when the proxy is open, and answers 404 like any unknown path when
// it is closed.
func (g *Gateway) Handle(c *gin.Context) {
	rp := g.proxy()
	if rp == nil {
		respond.Code(c, errno.ErrInvalidParam.WithStatus(http.StatusNotFound), "no such endpoint")
		return
	}
	// The business service's response carries its own page policy; ours would break its pages.
	// Only a response that is really proxied loses them: the closed proxy's 404 above is ours.
	middleware.DropSecurityHeaders(c)
	c.Request = c.Request.WithContext(context.WithValue(c.Request.Context(), ginKey{}, c))
	rp.ServeHTTP(c.Writer, c.Request)
	c.Abort()
}

// proxy returns the reverse proxy of the current configuration, building it on a change.
func (g *Gateway) proxy() *httputil.ReverseProxy {
	gen := g.src.Generation()
	if b := g.built.Load(); b != nil && b.gen == gen {
		return b.rp
	}
	b := &built{gen: gen}
	if target, ok := g.src.Current().Target(); ok {
		b.rp = g.newProxy(target)
	}
	g.built.Store(b) // a racing builder stores an equal one; either serves the same target
	return b.rp
}

// newProxy builds the reverse proxy for target. Hop-by-hop headers are httputil's job; the
// inbound Forwarded/X-Forwarded-* are dropped by Rewrite and set here from what we trust.
func (g *Gateway) newProxy(target *url.URL) *httputil.ReverseProxy {
	return &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetURL(target)
			if c, ok := pr.In.Context().Value(ginKey{}).(*gin.Context); ok {
				setForwarded(pr, c)
			} else {
				pr.SetXForwarded()
			}
			dropCookie(pr.Out, middleware.SessionCookie)
		},
		Transport:     g.transport,
		FlushInterval: -1, // stream answers (server-sent events, long polls) as they come
		ErrorHandler:  proxyError,
	}
}

// setForwarded tells the business service who called: the client IP as the trusted-proxy rules
// see it (not the socket peer, which is the gateway behind CloudRun), the host and the scheme.
func setForwarded(pr *httputil.ProxyRequest, c *gin.Context) {
	pr.Out.Header.Set("X-Forwarded-For", c.ClientIP())
	pr.Out.Header.Set("X-Forwarded-Host", pr.In.Host)
	proto := "http"
	if middleware.IsHTTPS(c) {
		proto = "https"
	}
	pr.Out.Header.Set("X-Forwarded-Proto", proto)
}

// dropCookie removes the console's session cookie: it is ours, not the business service's.
func dropCookie(r *http.Request, name string) {
	if _, err := r.Cookie(name); err != nil {
		return
	}
	kept := r.Cookies()
	r.Header.Del("Cookie")
	for _, ck := range kept {
		if ck.Name != name {
			r.AddCookie(ck)
		}
	}
}

// proxyError answers an unreachable or failing target with 502 and the 1002 envelope; the cause
// stays in the log with the request ID (the original sent the Go error text to the caller).
func proxyError(w http.ResponseWriter, r *http.Request, err error) {
	c, ok := r.Context().Value(ginKey{}).(*gin.Context)
	if !ok {
		w.WriteHeader(http.StatusBadGateway)
		return
	}
	reqlog.Logger(c).Warn("proxy to business service failed", zap.String("path", r.URL.Path), zap.Error(err))
	respond.Code(c, errno.ErrSystemError.WithStatus(http.StatusBadGateway), nil)
}
