// Package authpage serves the public API of the authorization pages: the platform's page
// info, pre-auth codes, ready-made authorization links and the redirect's code exchange. All
// of it is unauthenticated, so everything that spends WeChat quota is rate-limited per IP, and
// what mints pre-auth codes is also capped across all IPs together.
package authpage

import (
	"context"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"wxcomponent/api/errno"
	"wxcomponent/api/respond"
	"wxcomponent/comm/authz"
	"wxcomponent/db/model"
	"wxcomponent/middleware"
)

// Flow is the part of authz.Service the pages use.
type Flow interface {
	ComponentInfo(ctx context.Context) (authz.ComponentInfo, error)
	PreAuthCode(ctx context.Context) (string, error)
	AuthURL(ctx context.Context, r authz.LinkRequest) (string, error)
	ExchangeRedirect(ctx context.Context, authCode, state string) (*model.Authorizer, error)
}

// AuthPageHandler serves /wxcomponent/authpage.
type AuthPageHandler struct {
	flow    Flow
	limiter *Limiter
}

// NewAuthPageHandler builds the handler; limiter bounds the quota-spending endpoints per IP
// and, for the pre-auth-code-minting ones, in total.
func NewAuthPageHandler(flow Flow, limiter *Limiter) *AuthPageHandler {
	return &AuthPageHandler{flow: flow, limiter: limiter}
}

// tooFrequent is the 429's data.
const tooFrequent = "请求过于频繁，请稍后再试"

// Limit answers 429 (code 1002, Retry-After) when the client IP has no token left.
func (h *AuthPageHandler) Limit(c *gin.Context) {
	h.admit(c, h.limiter.Allow)
}

// LimitMint is limit for endpoints that mint a pre-auth code: they also need a token of the
// bucket all IPs share.
func (h *AuthPageHandler) LimitMint(c *gin.Context) {
	h.admit(c, h.limiter.AllowMint)
}

// admit continues the chain when allow lets the client IP through, otherwise answers 429.
func (h *AuthPageHandler) admit(c *gin.Context, allow func(key string) (bool, time.Duration)) {
	ok, wait := allow(c.ClientIP())
	if ok {
		c.Next()
		return
	}
	respond.RetryAfter(c, max(1, int(math.Ceil(wait.Seconds()))))
	respond.Code(c, errno.ErrSystemError.WithStatus(http.StatusTooManyRequests), tooFrequent)
}

// ComponentInfo answers the platform facts the authorization page shows.
func (h *AuthPageHandler) ComponentInfo(c *gin.Context) {
	info, err := h.flow.ComponentInfo(c.Request.Context())
	if err != nil {
		respond.Error(c, err)
		return
	}
	respond.OK(c, info)
}

// PreAuthCode mints a pre-auth code.
func (h *AuthPageHandler) PreAuthCode(c *gin.Context) {
	code, err := h.flow.PreAuthCode(c.Request.Context())
	if err != nil {
		respond.Error(c, err)
		return
	}
	respond.OK(c, gin.H{"preAuthCode": code})
}

// AuthURL answers the authorization link for the query's options.
func (h *AuthPageHandler) AuthURL(c *gin.Context) {
	req := authz.LinkRequest{Type: c.Query("type"), BizAppid: c.Query("bizAppid"),
		State: c.Query("state"), Origin: origin(c)}
	if s := c.Query("authType"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			respond.BadRequest(c, "authType 必须是整数")
			return
		}
		req.AuthType = n
	}
	u, err := h.flow.AuthURL(c.Request.Context(), req)
	if err != nil {
		respond.Error(c, err)
		return
	}
	respond.OK(c, gin.H{"url": u})
}

// AuthCode completes an authorization with the code WeChat redirected with.
func (h *AuthPageHandler) AuthCode(c *gin.Context) {
	var req struct {
		AuthCode string `json:"authCode"`
		State    string `json:"state"`
	}
	if err := c.ShouldBindJSON(&req); err != nil || req.AuthCode == "" {
		respond.BadRequest(c, "authCode 不能为空")
		return
	}
	a, err := h.flow.ExchangeRedirect(c.Request.Context(), req.AuthCode, req.State)
	if err != nil {
		respond.Error(c, err)
		return
	}
	respond.OK(c, gin.H{"appid": a.AppID, "nickName": a.NickName})
}

// origin is scheme://host of the console as the browser reached it; a TLS-terminating proxy
// says https through X-Forwarded-Proto. It only shapes the link handed back to this caller.
func origin(c *gin.Context) string {
	scheme := "http"
	if middleware.IsHTTPS(c) {
		scheme = "https"
	}
	return scheme + "://" + c.Request.Host
}
