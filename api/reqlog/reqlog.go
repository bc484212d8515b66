// Package reqlog carries the request-scoped logger (tagged with the request ID) from the
// middleware that creates it to the handlers and api/respond that log with it. It is a leaf so
// that middleware can use api/respond's writer without an import cycle.
package reqlog

import (
	"github.com/gin-gonic/gin"
	"go.uber.org/zap"
)

// Gin context keys.
const (
	ctxLogger    = "wxc.logger"
	ctxRequestID = "wxc.requestID"
)

// Set attaches the request's ID and its logger to the request.
func Set(c *gin.Context, id string, log *zap.Logger) {
	c.Set(ctxRequestID, id)
	c.Set(ctxLogger, log)
}

// Logger returns the request's logger (with its request ID), or a no-op one.
func Logger(c *gin.Context) *zap.Logger {
	if l, ok := c.Get(ctxLogger); ok {
		return l.(*zap.Logger)
	}
	return zap.NewNop()
}

// ID returns the request's ID, or "" outside the RequestID middleware.
func ID(c *gin.Context) string { return c.GetString(ctxRequestID) }
