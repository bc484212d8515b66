// Package innerservice serves the loopback-only endpoints the operator's
// own business services call for credentials.
package innerservice

import (
	"context"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"wxcomponent/api/respond"
	"wxcomponent/comm/wx/token"
)

// TokenSource is the part of token.Manager the endpoints use.
type TokenSource interface {
	Component(ctx context.Context) (token.Token, error)
	Authorizer(ctx context.Context, appid string) (token.Token, error)
}

// TicketSource is the part of token.Tickets the endpoints use.
type TicketSource interface {
	Latest(ctx context.Context) (ticket string, receivedAt time.Time, err error)
}

// TokenHandler serves tokens and the ticket with their expiry (unix seconds),
// so callers cache them for the right time.
type TokenHandler struct {
	tokens  TokenSource
	tickets TicketSource
}

// NewTokenHandler builds the handler.
func NewTokenHandler(tokens TokenSource, tickets TicketSource) *TokenHandler {
	return &TokenHandler{tokens: tokens, tickets: tickets}
}

// Register mounts the endpoints on the /inner group.
func (h *TokenHandler) Register(g *gin.RouterGroup) {
	g.GET("/component-access-token", h.component)
	g.GET("/authorizer-access-token", h.authorizer)
	g.GET("/ticket", h.ticket)
}

// component answers {token, expiresAt}; 1007 when no ticket is usable.
func (h *TokenHandler) component(c *gin.Context) {
	t, err := h.tokens.Component(c.Request.Context())
	writeAccessToken(c, t, err)
}

// authorizer answers {token, expiresAt} for ?appid= (1001 when missing).
func (h *TokenHandler) authorizer(c *gin.Context) {
	appid := strings.TrimSpace(c.Query("appid"))
	if appid == "" {
		respond.BadRequest(c, "appid is required")
		return
	}
	t, err := h.tokens.Authorizer(c.Request.Context(), appid)
	writeAccessToken(c, t, err)
}

// ticket answers {ticket, expiresAt}: the ticket is usable for 12 h after receipt.
func (h *TokenHandler) ticket(c *gin.Context) {
	t, at, err := h.tickets.Latest(c.Request.Context())
	if err != nil {
		respond.Error(c, token.ErrnoFor(err))
		return
	}
	respond.OK(c, gin.H{"ticket": t, "expiresAt": at.Add(token.TicketLifetime).Unix()})
}

// writeAccessToken writes a token or the mapped error.
func writeAccessToken(c *gin.Context, t token.Token, err error) {
	if err != nil {
		respond.Error(c, token.ErrnoFor(err))
		return
	}
	respond.OK(c, gin.H{"token": t.Value, "expiresAt": t.ExpiresAt.Unix()})
}
