package accesstoken

import (
	"context"
	"time"

	"github.com/gin-gonic/gin"

	"wxcomponent/api/respond"
	"wxcomponent/comm/wx/token"
)

// TicketSource is the part of token.Tickets the ticket endpoints use.
type TicketSource interface {
	Latest(ctx context.Context) (ticket string, receivedAt time.Time, err error)
}

// TicketView is everything the ticket endpoints tell about the stored ticket, computed once so
// the console's /admin/ticket and the loopback /inner/ticket cannot drift apart; each endpoint
// keeps its own JSON shape (existing clients read them) by picking its fields.
type TicketView struct {
	Ticket     string
	ReceivedAt int64 // unix seconds
	AgeSeconds int64 // whole seconds since receipt at the time asked
	ExpiresAt  int64 // unix seconds: receipt plus token.TicketLifetime
}

// DescribeTicket computes every field from the ticket, its receipt and now.
func DescribeTicket(ticket string, receivedAt, now time.Time) TicketView {
	return TicketView{
		Ticket:     ticket,
		ReceivedAt: receivedAt.Unix(),
		AgeSeconds: int64(now.Sub(receivedAt) / time.Second),
		ExpiresAt:  receivedAt.Add(token.TicketLifetime).Unix(),
	}
}

// Console is the /admin/ticket answer: {ticket, receivedAt, ageSeconds}.
func (v TicketView) Console() gin.H {
	return gin.H{"ticket": v.Ticket, "receivedAt": v.ReceivedAt, "ageSeconds": v.AgeSeconds}
}

// Inner is the /inner/ticket answer: {ticket, expiresAt}.
func (v TicketView) Inner() gin.H {
	return gin.H{"ticket": v.Ticket, "expiresAt": v.ExpiresAt}
}

// LatestTicket reads the stored ticket and describes it at now. On failure it has already
// answered with the envelope api/respond maps the error to (1007 when none is usable) and
// returns false.
func LatestTicket(c *gin.Context, src TicketSource, now func() time.Time) (TicketView, bool) {
	t, at, err := src.Latest(c.Request.Context())
	if err != nil {
		respond.Error(c, err)
		return TicketView{}, false
	}
	return DescribeTicket(t, at, now()), true
}
