package middleware

import (
	"net"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"wxcomponent/api/errno"
	"wxcomponent/api/respond"
)

// LoopbackHost lets through only requests whose Host header names loopback (localhost,
// 127.0.0.0/8, ::1, any port) or one of allowed (host names without port, compared
// case-insensitively). The token service listens on loopback, but a web page the operator
// opens can make its browser call it under an attacker's domain that resolves to 127.0.0.1
// (DNS rebinding); such requests carry that domain as Host and get 403.
func LoopbackHost(allowed []string) gin.HandlerFunc {
	ok := map[string]bool{}
	for _, h := range allowed {
		ok[strings.ToLower(strings.TrimSuffix(h, "."))] = true
	}
	return func(c *gin.Context) {
		host := hostOnly(c.Request.Host)
		if !isLoopbackHost(host) && !ok[host] {
			respond.Code(c, errno.ErrNotAuthorized.WithStatus(http.StatusForbidden), "host not allowed")
			return
		}
		c.Next()
	}
}

// hostOnly strips the port and IPv6 brackets and lower-cases the name.
func hostOnly(hostport string) string {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	return strings.ToLower(host)
}

// isLoopbackHost tells whether host is localhost or a loopback IP.
func isLoopbackHost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
