// Package respond writes the contract envelope {code, errorMsg, data} with a
// real HTTP status, and logs failures once with the request ID.
package respond

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"

	"wxcomponent/comm/errno"
	"wxcomponent/middleware"
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

// Code writes a contract code with optional data and its HTTP status.
func Code(c *gin.Context, code errno.Code, data any) {
	c.JSON(code.Status, Envelope{Code: code.Code, ErrorMsg: code.Msg, Data: data})
}

// Error writes err as an envelope. A 5xx never carries internal text: the cause
// is logged with the request ID and the client gets the bare code.
func Error(c *gin.Context, err error) {
	e := errno.From(err)
	log := middleware.Logger(c)
	if e.Code.Status >= 500 {
		log.Error("request failed", zap.Int("code", e.Code.Code), zap.Error(err))
		var data any
		if _, isString := e.Detail.(string); !isString && e.Detail != nil {
			data = e.Detail
		}
		if s, ok := e.Detail.(string); ok && e.Code.Status != http.StatusInternalServerError {
			data = s // client-safe detail chosen by the caller (e.g. a WeChat errcode text)
		}
		Code(c, e.Code, data)
		return
	}
	if e.Cause != nil {
		log.Warn("request rejected", zap.Int("code", e.Code.Code), zap.Error(e.Cause))
	}
	Code(c, e.Code, e.Detail)
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
