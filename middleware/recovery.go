package middleware

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"
)

// Recovery turns a panic into a 500 envelope without internal text and logs it
// with the request ID.
func Recovery() gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			if r := recover(); r != nil {
				Logger(c).Error("panic", zap.Any("panic", r), zap.Stack("stack"))
				c.AbortWithStatusJSON(http.StatusInternalServerError, gin.H{"code": 1002, "errorMsg": "系统错误"})
			}
		}()
		c.Next()
	}
}

// BodyLimit caps request bodies; reading past the cap fails, and handlers
// answer 413.
func BodyLimit(max int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.Request.ContentLength > max {
			c.AbortWithStatusJSON(http.StatusRequestEntityTooLarge, gin.H{"code": 1001, "errorMsg": "参数格式有误", "data": "request body too large"})
			return
		}
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, max)
		c.Next()
	}
}

func errField(err error) zap.Field { return zap.Error(err) }
