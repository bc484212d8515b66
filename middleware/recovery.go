package middleware

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"

	"wxcomponent/api/errno"
	"wxcomponent/api/reqlog"
	"wxcomponent/api/respond"
)

// Recovery turns a panic into a 500 envelope without internal text and logs it
// with the request ID.
func Recovery() gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			r := recover()
			if r == nil {
				return
			}
			if r == http.ErrAbortHandler {
				// httputil.ReverseProxy aborts a response whose upstream broke off mid-body; the
				// headers are out, so the only honest answer is a cut connection, which net/http
				// makes of this panic without logging a stack.
				panic(r)
			}
			reqlog.Logger(c).Error("panic", zap.Any("panic", r), zap.Stack("stack"))
			if c.Writer.Written() {
				c.Abort() // a status is already sent; an envelope now would corrupt the body
				return
			}
			respond.Code(c, errno.ErrSystemError, nil)
		}()
		c.Next()
	}
}

// BodyLimit caps request bodies at max, or at larger[path] for the paths listed there;
// reading past the cap fails, and handlers answer 413.
func BodyLimit(max int64, larger map[string]int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		max := max
		if l, ok := larger[c.Request.URL.Path]; ok {
			max = l
		}
		if c.Request.ContentLength > max {
			respond.Code(c, errno.ErrInvalidParam.WithStatus(http.StatusRequestEntityTooLarge), "request body too large")
			return
		}
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, max)
		c.Next()
	}
}
