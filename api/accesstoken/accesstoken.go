// Package accesstoken serves the component and the authorizer access token with their expiry
// in unix seconds, so callers cache them for the right time. The console's debugging pages
// (api/admin) and the loopback token service (api/innerservice) mount the same Handler, so the
// two answer alike.
package accesstoken

import (
	"context"
	"strings"

	"github.com/gin-gonic/gin"

	"wxcomponent/api/respond"
	"wxcomponent/comm/wx/token"
)

// Source is the part of token.Manager the endpoints use.
type Source interface {
	Component(ctx context.Context) (token.Token, error)
	Authorizer(ctx context.Context, appid string) (token.Token, error)
}

// Handler serves the two token endpoints.
type Handler struct {
	tokens Source
}

// New builds the handler.
func New(tokens Source) *Handler { return &Handler{tokens: tokens} }

// ComponentToken answers {token, expiresAt}; 1007 when no ticket is usable.
func (h *Handler) ComponentToken(c *gin.Context) {
	t, err := h.tokens.Component(c.Request.Context())
	write(c, t, err)
}

// AuthorizerToken answers {token, expiresAt} for ?appid= (1001 when missing).
func (h *Handler) AuthorizerToken(c *gin.Context) {
	appid := strings.TrimSpace(c.Query("appid"))
	if appid == "" {
		respond.BadRequest(c, "appid is required")
		return
	}
	t, err := h.tokens.Authorizer(c.Request.Context(), appid)
	write(c, t, err)
}

// write answers the token, or the envelope api/respond maps the failure to.
func write(c *gin.Context, t token.Token, err error) {
	if err != nil {
		respond.Error(c, err)
		return
	}
	respond.OK(c, gin.H{"token": t.Value, "expiresAt": t.ExpiresAt.Unix()})
}
