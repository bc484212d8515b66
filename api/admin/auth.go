// Package admin holds the console's API handlers: the login endpoints and the
// JWT-protected /wxcomponent/admin group.
package admin

import (
	"errors"
	"math"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"wxcomponent/api/errno"
	"wxcomponent/api/respond"
	"wxcomponent/comm/adminauth"
	"wxcomponent/middleware"
)

// AuthHandler serves login, logout, token refresh and account changes.
type AuthHandler struct {
	auth *adminauth.Service
	// SecureCookie marks the session cookie Secure; off only for plain-HTTP local runs.
	SecureCookie func(c *gin.Context) bool
}

// NewAuthHandler builds the handler.
func NewAuthHandler(auth *adminauth.Service) *AuthHandler {
	return &AuthHandler{auth: auth, SecureCookie: middleware.IsHTTPS}
}

type loginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// sessionView is the login/refresh payload: the contract's jwt plus expiry.
type sessionView struct {
	JWT                string `json:"jwt"`
	ExpiresAt          int64  `json:"expiresAt"`
	Username           string `json:"username"`
	MustChangePassword bool   `json:"mustChangePassword"`
}

// Login checks the credentials and answers the session (token and cookie).
func (h *AuthHandler) Login(c *gin.Context) {
	var req loginRequest
	if err := c.ShouldBindJSON(&req); err != nil || req.Username == "" || req.Password == "" {
		respond.BadRequest(c, "username and password are required")
		return
	}
	// Account names are at most 32 characters and bcrypt reads 72 bytes: longer
	// input is refused before it reaches the throttle's keys or the hash.
	if len(req.Username) > 64 || len(req.Password) > 128 {
		respond.BadRequest(c, "username or password too long")
		return
	}
	s, err := h.auth.Login(c.Request.Context(), c.ClientIP(), req.Username, req.Password)
	if err != nil {
		fail(c, err)
		return
	}
	h.writeSession(c, s)
}

// fail answers an error; a throttled login or a full hashing queue is 429 with
// Retry-After and code 1011, as the contract has it for login limits.
func fail(c *gin.Context, err error) {
	var throttled *adminauth.ThrottledError
	if errors.As(err, &throttled) {
		secs := int(math.Ceil(throttled.RetryAfter.Seconds()))
		respond.RetryAfter(c, secs)
		data := gin.H{"retryAfter": secs}
		if throttled.Busy {
			data["busy"] = true
		}
		respond.Code(c, errno.ErrAuthErrExceedLimit, data)
		return
	}
	respond.Error(c, err)
}

func (h *AuthHandler) writeSession(c *gin.Context, s *adminauth.Session) {
	maxAge := int(time.Until(s.ExpiresAt).Seconds())
	c.SetSameSite(http.SameSiteStrictMode)
	c.SetCookie(middleware.SessionCookie, s.JWT, maxAge, "/wxcomponent", "", h.SecureCookie(c), true)
	respond.OK(c, sessionView{JWT: s.JWT, ExpiresAt: s.ExpiresAt.Unix(), Username: s.Username, MustChangePassword: s.MustChangePassword})
}

// Logout revokes the presented token server-side, then clears the cookie.
func (h *AuthHandler) Logout(c *gin.Context) {
	token := middleware.Token(c)
	if err := h.auth.Logout(c.Request.Context(), token); err != nil {
		respond.Error(c, err)
		return
	}
	c.SetSameSite(http.SameSiteStrictMode)
	c.SetCookie(middleware.SessionCookie, "", -1, "/wxcomponent", "", h.SecureCookie(c), true)
	respond.OK(c, nil)
}

// Refresh answers a fresh session for the signed-in user.
func (h *AuthHandler) Refresh(c *gin.Context) {
	s, err := h.auth.Refresh(middleware.User(c))
	if err != nil {
		respond.Error(c, err)
		return
	}
	h.writeSession(c, s)
}

// Me answers the signed-in user.
func (h *AuthHandler) Me(c *gin.Context) {
	u := middleware.User(c)
	respond.OK(c, gin.H{"username": u.Username, "mustChangePassword": u.MustChangePwd})
}

// Rename changes the username; the password confirms it.
func (h *AuthHandler) Rename(c *gin.Context) {
	var req struct {
		Username string `json:"username"`
		Password string `json:"password"` // the current password
	}
	if err := c.ShouldBindJSON(&req); err != nil || req.Username == "" || req.Password == "" {
		respond.BadRequest(c, "username and the current password are required")
		return
	}
	s, err := h.auth.Rename(c.Request.Context(), middleware.User(c), req.Username, req.Password)
	if err != nil {
		fail(c, err)
		return
	}
	h.writeSession(c, s)
}

// ChangePassword changes the password; the old one confirms it.
func (h *AuthHandler) ChangePassword(c *gin.Context) {
	var req struct {
		Password    string `json:"password"`
		OldPassword string `json:"oldPassword"`
	}
	if err := c.ShouldBindJSON(&req); err != nil || req.Password == "" || req.OldPassword == "" {
		respond.BadRequest(c, "password and oldPassword are required")
		return
	}
	s, err := h.auth.ChangePassword(c.Request.Context(), middleware.User(c), req.OldPassword, req.Password)
	if err != nil {
		fail(c, err)
		return
	}
	h.writeSession(c, s)
}
