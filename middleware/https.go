package middleware

import (
	"strings"

	"github.com/gin-gonic/gin"
)

// IsHTTPS tells whether the client reached us over TLS, directly or through a proxy that says
// so in X-Forwarded-Proto; the session cookie's Secure flag and the links handed out follow it.
// TLS on the connection always means https. Otherwise the header decides: a chain of proxies
// may send a comma-separated list, of which the first entry is the hop the client reached, and
// the scheme is compared case-insensitively.
func IsHTTPS(c *gin.Context) bool {
	if c.Request.TLS != nil {
		return true
	}
	first, _, _ := strings.Cut(c.GetHeader("X-Forwarded-Proto"), ",")
	return strings.EqualFold(strings.TrimSpace(first), "https")
}
