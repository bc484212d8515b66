// Package routers mounts the route groups on the two engines: the public one
// (callbacks, auth pages, login, admin API, console, proxy fallback) and the
// internal token service bound to loopback.
package routers

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"

	"wxcomponent/api/console"
	"wxcomponent/api/errno"
	"wxcomponent/api/respond"
	"wxcomponent/middleware"
)

// Deps is everything the engines need, built by the wiring (app/).
type Deps struct {
	Log            *zap.Logger
	TrustedProxies []string
	// InnerHosts are the Host names, besides loopback, the token service answers to.
	InnerHosts []string
	Auth       middleware.Authenticator
	Console    *console.Handler
	// Fallback handles unmatched paths (the reverse-proxy configurator); nil ⇒ 404.
	Fallback gin.HandlerFunc
	Handlers
}

// MaxBody caps request bodies on the public listener; MaxUpload the upload routes' (an audit
// video may be 10 MB; the handler checks the file itself).
const (
	MaxBody   = 1 << 20
	MaxUpload = 11 << 20
)

// base builds an engine with what every engine shares: trusted proxies, request IDs with the
// access log, panic recovery, the given middleware and /healthz (liveness).
func base(d *Deps, mw ...gin.HandlerFunc) *gin.Engine {
	e := gin.New()
	// Only the configured proxies may set the client IP via X-Forwarded-For;
	// by default the socket peer is the client (flaw: trusting any XFF).
	_ = e.SetTrustedProxies(d.TrustedProxies)
	e.Use(middleware.RequestID(d.Log), middleware.Recovery())
	e.Use(mw...)
	e.GET("/healthz", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"status": "ok"}) })
	return e
}

// newEngine is base plus /readyz: the engines built here are only installed once the
// database is ready (Starting serves before), so their /readyz always says ready.
func newEngine(d *Deps, mw ...gin.HandlerFunc) *gin.Engine {
	e := base(d, mw...)
	e.GET("/readyz", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"status": "ready"}) })
	return e
}

// Public builds the engine of the public listener; routes.go lists its routes by group.
func Public(d *Deps) *gin.Engine {
	e := newEngine(d, middleware.SecurityHeaders(), middleware.BodyLimit(MaxBody, map[string]int64{"/wxcomponent/admin" + UploadMediaPath: MaxUpload}))
	h := &d.Handlers
	CallbackRoutes(e.Group("/wxcallback"), h)
	csrf := middleware.CSRF(middleware.CSRFOptions{TrustedProxies: d.TrustedProxies})
	LoginRoutes(e.Group("/wxcomponent", csrf), h)
	AuthPageRoutes(e.Group("/wxcomponent/authpage"), h)
	if d.Auth != nil {
		jwt := middleware.JWT(d.Auth)
		AccountRoutes(e.Group("/wxcomponent/admin", csrf, jwt), h)
		AdminRoutes(e.Group("/wxcomponent/admin", csrf, jwt, middleware.PasswordChanged()), h)
		uploads := middleware.CSRF(middleware.CSRFOptions{TrustedProxies: d.TrustedProxies, AllowMultipart: true})
		UploadRoutes(e.Group("/wxcomponent/admin", uploads, jwt, middleware.PasswordChanged()), h)
	}
	consoleRoutes(e, d.Console)
	e.NoRoute(noRoute(d.Fallback))
	return e
}

// Inner builds the engine of the loopback token service.
func Inner(d *Deps) *gin.Engine {
	e := newEngine(d, middleware.LoopbackHost(d.InnerHosts))
	InnerRoutes(e.Group("/inner"), &d.Handlers)
	e.NoRoute(noRoute(nil))
	return e
}

// noRoute answers unknown API paths with a 404 envelope and hands everything
// else to the fallback (the proxy configurator) when there is one.
func noRoute(fallback gin.HandlerFunc) gin.HandlerFunc {
	return func(c *gin.Context) {
		if fallback != nil && !ownPath(c.Request.URL.Path) {
			fallback(c)
			return
		}
		respond.Code(c, errno.ErrInvalidParam.WithStatus(http.StatusNotFound), "no such endpoint")
	}
}

// ownPath tells whether p is one of the service's own paths or under one of its prefixes: never
// handed to the proxy, whatever the method (a POST to /healthz or to the console must not reach
// the business service either).
func ownPath(p string) bool {
	switch p {
	case "/", "/index.html", "/healthz", "/readyz":
		return true
	}
	for _, pre := range [...]string{"/wxcomponent", "/wxcallback", "/inner"} {
		if p == pre || strings.HasPrefix(p, pre+"/") {
			return true
		}
	}
	return false
}
