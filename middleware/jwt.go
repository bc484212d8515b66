package middleware

import (
	"context"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"wxcomponent/api/errno"
	"wxcomponent/api/respond"
	"wxcomponent/db/model"
)

// SessionCookie is the HttpOnly cookie the console authenticates with, so the
// browser never holds the JWT in script-readable storage.
const SessionCookie = "wxc_session"

// ctxUser is the gin context key of the authenticated *model.User.
const ctxUser = "wxc.user"

// Authenticator verifies a JWT and returns its user.
type Authenticator interface {
	Authenticate(ctx context.Context, token string) (*model.User, error)
}

// JWT requires a valid token from `Authorization: Bearer <jwt>` (API clients,
// as the original) or the session cookie (the console). Rejections answer
// with a real 401 and the contract code (1000 missing, 1004 invalid).
func JWT(auth Authenticator) gin.HandlerFunc {
	return func(c *gin.Context) {
		token := Token(c)
		if token == "" {
			respond.Code(c, errno.ErrNotAuthorized, nil)
			return
		}
		u, err := auth.Authenticate(c.Request.Context(), token)
		if err != nil {
			respond.Error(c, err)
			return
		}
		c.Set(ctxUser, u)
		c.Next()
	}
}

// Token returns the request's JWT: the Bearer header's, else the session cookie's, else "".
func Token(c *gin.Context) string {
	if token := bearer(c.GetHeader("Authorization")); token != "" {
		return token
	}
	token, _ := c.Cookie(SessionCookie)
	return token
}

// User returns the authenticated admin of the request.
func User(c *gin.Context) *model.User {
	u, _ := c.Get(ctxUser)
	user, _ := u.(*model.User)
	return user
}

// bearer extracts the token of an "Authorization: Bearer <jwt>" header, or "".
func bearer(h string) string {
	parts := strings.Fields(h)
	if len(parts) == 2 && strings.EqualFold(parts[0], "Bearer") {
		return parts[1]
	}
	return ""
}

// PasswordChanged blocks the routes it guards while the user still has the generated
// initial password; routers/ mounts the few a user needs to change it without it.
func PasswordChanged() gin.HandlerFunc {
	return func(c *gin.Context) {
		if u := User(c); u != nil && u.MustChangePwd {
			respond.Code(c, errno.Code{Code: errno.ErrNotAuthorized.Code, Msg: "请先修改初始密码", Status: http.StatusForbidden}, nil)
			return
		}
		c.Next()
	}
}
