package routers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"wxcomponent/api/errno"
	"wxcomponent/api/respond"
	"wxcomponent/middleware"
)

// notReady is the envelope of every request that needs the database before it is ready.
var notReady = errno.Code{Code: errno.ErrSystemError.Code, Msg: "服务启动中，数据库尚未就绪，请稍后重试", Status: http.StatusServiceUnavailable}

// Starting builds the public engine that serves while the database is not ready (see
// App.boot): /healthz answers (the process is alive), /readyz answers 503 with reason(),
// the console page and assets load (they need no database), and everything else gets a
// 503 envelope with Retry-After. Public replaces it once the database is ready.
func Starting(d *Deps, reason func() string) *gin.Engine {
	e := base(d, middleware.SecurityHeaders())
	consoleRoutes(e, d.Console)
	return notReadyYet(e, reason)
}

// StartingInner is the token service's counterpart of Starting; Inner replaces it.
func StartingInner(d *Deps, reason func() string) *gin.Engine {
	return notReadyYet(base(d, middleware.LoopbackHost(d.InnerHosts)), reason)
}

// notReadyYet adds the 503 /readyz and the 503 answer to everything else.
func notReadyYet(e *gin.Engine, reason func() string) *gin.Engine {
	e.GET("/readyz", func(c *gin.Context) {
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "starting", "reason": reason()})
	})
	e.NoRoute(func(c *gin.Context) {
		c.Header("Retry-After", "5")
		respond.Code(c, notReady, reason())
	})
	return e
}
