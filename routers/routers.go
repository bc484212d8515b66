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

// Registrar is a handler that mounts its routes on a group.
type Registrar interface {
	Register(g *gin.RouterGroup)
}

// Deps is everything the routes need, built by main.
type Deps struct {
	Log            *zap.Logger
	TrustedProxies []string
	Auth           middleware.Authenticator
	Login          interface{ RegisterPublic(g *gin.RouterGroup) }
	Admin          []Registrar // under /wxcomponent/admin, JWT required
	AuthPage       []Registrar // under /wxcomponent/authpage, public
	Callback       []Registrar // under /wxcallback, verified by the handlers
	Inner          []Registrar // under /inner on the loopback listener
	Console        *console.Handler
	// Multipart lists the admin routes (full paths) that take multipart/form-data
	// uploads; every other state-changing console request must be JSON (CSRF).
	Multipart []string
	// Fallback handles unmatched paths (the reverse-proxy configurator); nil ⇒ 404.
	Fallback gin.HandlerFunc
	// InnerHosts are the Host names, besides loopback, the token service answers to.
	InnerHosts []string
}

// MaxBody caps request bodies on the public listener (media uploads get their own cap).
const MaxBody = 1 << 20

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

// Public builds the engine of the public listener.
func Public(d *Deps) *gin.Engine {
	e := newEngine(d, middleware.SecurityHeaders(), middleware.BodyLimit(MaxBody))
	cb := e.Group("/wxcallback")
	for _, r := range d.Callback {
		r.Register(cb)
	}
	wx := e.Group("/wxcomponent")
	csrf := middleware.CSRF(middleware.CSRFOptions{TrustedProxies: d.TrustedProxies, Multipart: d.Multipart})
	if d.Login != nil {
		d.Login.RegisterPublic(wx.Group("", csrf))
	}
	ap := wx.Group("/authpage")
	for _, r := range d.AuthPage {
		r.Register(ap)
	}
	admin := wx.Group("/admin", csrf, middleware.JWT(d.Auth), middleware.PasswordChanged(
		"/wxcomponent/admin/me", "/wxcomponent/admin/userpwd", "/wxcomponent/admin/refresh-auth", "/wxcomponent/admin/system-info"))
	for _, r := range d.Admin {
		r.Register(admin)
	}
	if d.Console != nil {
		d.Console.Register(e)
	}
	e.NoRoute(noRoute(d.Fallback))
	return e
}

// Inner builds the engine of the loopback token service.
func Inner(d *Deps) *gin.Engine {
	e := newEngine(d, middleware.LoopbackHost(d.InnerHosts))
	g := e.Group("/inner")
	for _, r := range d.Inner {
		r.Register(g)
	}
	e.NoRoute(noRoute(nil))
	return e
}

// noRoute answers unknown API paths with a 404 envelope and hands everything
// else to the fallback (the proxy configurator) when there is one.
func noRoute(fallback gin.HandlerFunc) gin.HandlerFunc {
	return func(c *gin.Context) {
		p := c.Request.URL.Path
		own := strings.HasPrefix(p, "/wxcomponent/") || strings.HasPrefix(p, "/wxcallback/") || strings.HasPrefix(p, "/inner/")
		if fallback != nil && !own {
			middleware.DropSecurityHeaders(c)
			fallback(c)
			return
		}
		respond.Code(c, errno.ErrInvalidParam.WithStatus(http.StatusNotFound), "no such endpoint")
	}
}
