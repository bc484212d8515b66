package middleware

import "github.com/gin-gonic/gin"

// APIPolicy is the Content-Security-Policy of every response that is not the console page:
// JSON, XML and assets never need to load anything, nor be framed.
const APIPolicy = "default-src 'none'; frame-ancestors 'none'"

// ReferrerPolicy sends the origin, never the path or query, to other sites. It must not be
// no-referrer or same-origin: the authorization pages send the merchant on to WeChat's
// authorization page, which checks that the Referer's domain is the platform's
// 登录授权的发起页域名 and refuses the flow without one; strict-origin-when-cross-origin still
// sends that domain (https→https and http→https) while keeping paths, auth codes and
// query strings to ourselves, and sends nothing on a downgrade to http.
const ReferrerPolicy = "strict-origin-when-cross-origin"

// hsts is sent on TLS only. No includeSubDomains: other services of the operator's domain
// may still serve plain http, and one header would cut them off for a year.
const hsts = "max-age=31536000"

// securityHeaders are the headers SecurityHeaders sets and DropSecurityHeaders removes.
var securityHeaders = []string{"Content-Security-Policy", "Referrer-Policy", "X-Content-Type-Options"}

// SecurityHeaders sets the browser-hardening headers on every response of the public
// listener: nosniff, the referrer policy, a deny-all CSP (the console's HTML handler
// replaces it with the console's own) and HSTS when the request arrived over TLS, directly
// or through a proxy saying so (IsHTTPS; browsers ignore HSTS received over plain http, so
// a spoofed X-Forwarded-Proto gains nothing).
func SecurityHeaders() gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.Writer.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", ReferrerPolicy)
		h.Set("Content-Security-Policy", APIPolicy)
		if IsHTTPS(c) {
			h.Set("Strict-Transport-Security", hsts)
		}
		c.Next()
	}
}

// DropSecurityHeaders removes the page-level headers before a response that is not ours
// (the reverse-proxy fallback) is written: the proxied service sets its own policy, and
// ours would break its pages. HSTS stays: it covers the whole host anyway.
func DropSecurityHeaders(c *gin.Context) {
	for _, k := range securityHeaders {
		c.Writer.Header().Del(k)
	}
}
