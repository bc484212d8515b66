// Package innerservice serves the loopback-only endpoints the operator's
// own business services call for credentials.
package innerservice

import (
	"context"
	"time"

	"github.com/gin-gonic/gin"

	"wxcomponent/api/accesstoken"
	"wxcomponent/api/respond"
	"wxcomponent/comm/wx/token"
)

// TicketSource is the part of token.Tickets the endpoints use.
type TicketSource interface {
	Latest(ctx context.Context) (ticket string, receivedAt time.Time, err error)
}

// TokenHandler serves tokens and the ticket with their expiry (unix seconds),
// so callers cache them for the right time.
type TokenHandler struct {
	tokens  *accesstoken.Handler
	tickets TicketSource
}

// NewTokenHandler builds the handler.
func NewTokenHandler(tokens accesstoken.Source, tickets TicketSource) *TokenHandler {
	return &TokenHandler{tokens: accesstoken.New(tokens), tickets: tickets}
}

// Register mounts the endpoints on the /inner group.
func (h *TokenHandler) Register(g *gin.RouterGroup) {
	h.tokens.Register(g)
	g.GET("/ticket", h.ticket)
}

// ticket answers {ticket, expiresAt}: the ticket is usable for 12 h after receipt.
func (h *TokenHandler) ticket(c *gin.Context) {
	t, at, err := h.tickets.Latest(c.Request.Context())
	if err != nil {
		respond.Error(c, err)
		return
	}
	respond.OK(c, gin.H{"ticket": t, "expiresAt": at.Add(token.TicketLifetime).Unix()})
}
