// Package innerservice serves the loopback-only endpoints the operator's
// own business services call for credentials.
package innerservice

import (
	"time"

	"github.com/gin-gonic/gin"

	"wxcomponent/api/accesstoken"
	"wxcomponent/api/respond"
)

// TokenHandler serves tokens and the ticket with their expiry (unix seconds),
// so callers cache them for the right time.
type TokenHandler struct {
	*accesstoken.Handler // ComponentToken and AuthorizerToken
	tickets              accesstoken.TicketSource
}

// NewTokenHandler builds the handler.
func NewTokenHandler(tokens accesstoken.Source, tickets accesstoken.TicketSource) *TokenHandler {
	return &TokenHandler{Handler: accesstoken.New(tokens), tickets: tickets}
}

// Ticket answers {ticket, expiresAt}: the ticket is usable for 12 h after receipt.
func (h *TokenHandler) Ticket(c *gin.Context) {
	if v, ok := accesstoken.LatestTicket(c, h.tickets, time.Now); ok {
		respond.OK(c, v.Inner())
	}
}
