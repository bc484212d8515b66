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
	*accesstoken.Handler // ComponentToken and AuthorizerToken
	tickets              TicketSource
}

// NewTokenHandler builds the handler.
func NewTokenHandler(tokens accesstoken.Source, tickets TicketSource) *TokenHandler {
	return &TokenHandler{Handler: accesstoken.New(tokens), tickets: tickets}
}

// Ticket answers {ticket, expiresAt}: the ticket is usable for 12 h after receipt.
func (h *TokenHandler) Ticket(c *gin.Context) {
	t, at, err := h.tickets.Latest(c.Request.Context())
	if err != nil {
		respond.Error(c, err)
		return
	}
	respond.OK(c, gin.H{"ticket": t, "expiresAt": at.Add(token.TicketLifetime).Unix()})
}
