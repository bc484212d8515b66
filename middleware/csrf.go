package middleware

import (
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"wxcomponent/api/errno"
	"wxcomponent/api/respond"
)

// CSRF rejection codes: a body type a cross-site form could send, and a request from another site.
var (
	ErrNotJSON     = errno.Code{Code: errno.ErrInvalidParam.Code, Msg: "请求须为 application/json", Status: http.StatusUnsupportedMediaType}
	ErrCrossOrigin = errno.Code{Code: errno.ErrNotAuthorized.Code, Msg: "跨站请求被拒绝", Status: http.StatusForbidden}
)

// CSRFOptions configures CSRF.
type CSRFOptions struct {
	// TrustedProxies (CIDRs or IPs, as for the client IP) may name the host the
	// browser reached through X-Forwarded-Host.
	TrustedProxies []string
	// AllowMultipart also accepts multipart/form-data: routers/ mounts the upload
	// routes (e.g. a future media upload) on a group of their own with it.
	AllowMultipart bool
}

// CSRF protects state-changing requests (anything but GET, HEAD, OPTIONS) that
// a browser could send on its own with the session cookie. They must carry
// Content-Type application/json — which a cross-site form cannot send and a
// cross-site fetch cannot send without a CORS preflight we never grant — and,
// when the session cookie is present, an Origin (or, lacking one, a Referer)
// naming this very host. Requests with an Authorization: Bearer header are API
// clients, which a foreign page cannot make a browser send, and pass as before.
func CSRF(opts CSRFOptions) gin.HandlerFunc {
	trusted := parseNets(opts.TrustedProxies)
	return func(c *gin.Context) {
		switch {
		case isSafeMethod(c.Request.Method) || bearer(c.GetHeader("Authorization")) != "":
		case !acceptedType(c.ContentType(), opts.AllowMultipart):
			respond.Code(c, ErrNotJSON, nil)
		case !sameOrigin(c, trusted):
			respond.Code(c, ErrCrossOrigin, nil)
		}
	}
}

func isSafeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// acceptedType allows JSON, and multipart forms where the route asks for them.
func acceptedType(contentType string, multipartOK bool) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	return mt == "application/json" || (multipartOK && mt == "multipart/form-data")
}

// sameOrigin checks Origin, else Referer, against the host the browser reached. A request
// naming neither passes only without the session cookie (a script logging in, not a browser
// session); browsers send Origin on every state-changing fetch.
func sameOrigin(c *gin.Context, trusted []*net.IPNet) bool {
	from := c.GetHeader("Origin")
	if from == "" {
		from = c.GetHeader("Referer")
	}
	if from == "" {
		_, err := c.Cookie(SessionCookie)
		return err != nil
	}
	u, err := url.Parse(from)
	if err != nil || u.Host == "" {
		return false // includes Origin: null (sandboxed frames, file:// pages)
	}
	return sameHost(u.Host, u.Scheme, requestHost(c, trusted))
}

// requestHost is the Host header, or X-Forwarded-Host's first entry when a trusted proxy sent it.
func requestHost(c *gin.Context, trusted []*net.IPNet) string {
	if fwd := c.GetHeader("X-Forwarded-Host"); fwd != "" && fromTrusted(c.Request.RemoteAddr, trusted) {
		first, _, _ := strings.Cut(fwd, ",")
		return strings.TrimSpace(first)
	}
	return c.Request.Host
}

// sameHost compares host[:port] pairs, ignoring the scheme's default port on either side.
func sameHost(originHost, scheme, host string) bool {
	strip := func(h string) string {
		h = strings.ToLower(h)
		if p := ":" + defaultPort(scheme); strings.HasSuffix(h, p) {
			return strings.TrimSuffix(h, p)
		}
		return strings.TrimSuffix(strings.TrimSuffix(h, ":80"), ":443")
	}
	return strip(originHost) == strip(host)
}

func defaultPort(scheme string) string {
	if scheme == "https" {
		return "443"
	}
	return "80"
}

// fromTrusted tells whether the socket peer is one of the trusted proxies.
func fromTrusted(remoteAddr string, trusted []*net.IPNet) bool {
	host, _, err := net.SplitHostPort(remoteAddr)
	if err != nil {
		host = remoteAddr
	}
	ip := net.ParseIP(host)
	for _, n := range trusted {
		if ip != nil && n.Contains(ip) {
			return true
		}
	}
	return false
}

// parseNets reads CIDRs or single IPs; unparsable entries are skipped (config validates them).
func parseNets(list []string) []*net.IPNet {
	var out []*net.IPNet
	for _, s := range list {
		if !strings.Contains(s, "/") {
			if ip := net.ParseIP(s); ip != nil && ip.To4() != nil {
				s += "/32"
			} else {
				s += "/128"
			}
		}
		if _, n, err := net.ParseCIDR(s); err == nil {
			out = append(out, n)
		}
	}
	return out
}
