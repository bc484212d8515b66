package middleware

import "github.com/gin-gonic/gin"

// IsHTTPS tells whether the client reached us over TLS, directly or through a proxy that says
// so in X-Forwarded-Proto; the session cookie's Secure flag and the links handed out follow it.
func IsHTTPS(c *gin.Context) bool {
	return c.Request.TLS != nil || c.GetHeader("X-Forwarded-Proto") == "https"
}
