// Package respond is the one writer of the contract envelope {code, errorMsg, data} with a real
// HTTP status, for handlers and middleware alike, and the one place that maps domain errors
// onto it (table.go), logging each failure once with the request ID.
package respond

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"

	"wxcomponent/api/errno"
	"wxcomponent/api/reqlog"
)

// Envelope is the response body shape every API shares.
type Envelope struct {
	Code     int    `json:"code"`
	ErrorMsg string `json:"errorMsg"`
	Data     any    `json:"data,omitempty"`
}

// OK writes code 0 with data (nil data leaves the field out).
func OK(c *gin.Context, data any) {
	c.JSON(http.StatusOK, Envelope{Code: 0, ErrorMsg: errno.OK.Msg, Data: data})
}

// Code answers a contract code with optional data and its HTTP status, and stops the handler
// chain, so middleware can refuse a request with it too.
func Code(c *gin.Context, code errno.Code, data any) {
	c.AbortWithStatusJSON(code.Status, Envelope{Code: code.Code, ErrorMsg: code.Msg, Data: data})
}

// Error answers err with the envelope table.go maps it to and logs it once with the request
// ID: 5xx at error level, 4xx at warn. A 500 never carries a detail; other details are
// client-safe by construction of the table.
func Error(c *gin.Context, err error) {
	code, data := classify(err)
	log := reqlog.Logger(c)
	if code.Status >= http.StatusInternalServerError {
		log.Error("request failed", zap.Int("code", code.Code), zap.Int("status", code.Status), zap.Error(err))
	} else {
		log.Warn("request rejected", zap.Int("code", code.Code), zap.Int("status", code.Status), zap.Error(err))
	}
	if code.Status == http.StatusInternalServerError {
		data = nil
	}
	Code(c, code, data)
}

// BadRequest is shorthand for 1001 with a message telling what is wrong.
func BadRequest(c *gin.Context, detail string) { Code(c, errno.ErrInvalidParam, detail) }

// RetryAfter sets the Retry-After header (seconds, at least 1).
func RetryAfter(c *gin.Context, seconds int) {
	if seconds < 1 {
		seconds = 1
	}
	c.Header("Retry-After", strconv.Itoa(seconds))
}
