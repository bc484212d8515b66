// Package middleware holds the Gin middleware shared by the route groups.
package middleware

import (
	"net/http"
	"regexp"
	"time"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"wxcomponent/api/reqlog"
	"wxcomponent/comm/randid"
)

const (
	// HeaderRequestID carries the request ID in and out.
	HeaderRequestID = "X-Request-ID"
)

var safeRequestID = regexp.MustCompile(`^[A-Za-z0-9._-]{8,64}$`)

// RequestID gives every request an ID (a sane incoming one is kept), a logger
// carrying it, and writes one access-log line whose level follows the status.
// Only method, path, status, latency and client IP are logged: never headers,
// query strings or bodies, which may carry tokens, signatures or passwords.
func RequestID(base *zap.Logger) gin.HandlerFunc {
	// An access line's stack would only ever show this middleware: keep stacks for real errors.
	access := base.Named("access").WithOptions(zap.AddStacktrace(zapcore.FatalLevel))
	return func(c *gin.Context) {
		id := c.GetHeader(HeaderRequestID)
		if !safeRequestID.MatchString(id) {
			id = randid.Hex(12)
		}
		reqlog.Set(c, id, base.With(zap.String("request_id", id)))
		c.Header(HeaderRequestID, id)
		start := time.Now()
		c.Next()
		status := c.Writer.Status()
		access.Check(levelFor(status), "request").Write(
			zap.String("request_id", id),
			zap.String("method", c.Request.Method),
			zap.String("path", c.Request.URL.Path),
			zap.Int("status", status),
			zap.Duration("latency", time.Since(start)),
			zap.String("ip", c.ClientIP()),
		)
	}
}

func levelFor(status int) zapcore.Level {
	switch {
	case status == http.StatusServiceUnavailable:
		// A deliberate "retry later" (starting up, a stalled database answered in time, a full
		// queue): worth a warning, not an error page for every readiness probe.
		return zapcore.WarnLevel
	case status >= 500:
		return zapcore.ErrorLevel
	case status >= 400:
		return zapcore.WarnLevel
	default:
		return zapcore.InfoLevel
	}
}
