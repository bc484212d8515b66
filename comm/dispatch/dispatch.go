// Package dispatch routes the follow-up jobs of received pushes to the services that act on
// them: the ticket to the ticket store, authorization changes to comm/authz, code-audit results
// to comm/codemgmt, the go-live check's QUERY_AUTH_CODE text to comm/releasecheck. Everything else was recorded by comm/ingest and needs nothing more. It is
// the one place that decides which push goes where; the services know nothing of the queue's
// payloads, and the wiring registers it in one line.
package dispatch

import (
	"context"
	"errors"
	"fmt"
	"time"

	"wxcomponent/comm/ingest"
	"wxcomponent/comm/jobs"
	"wxcomponent/comm/wx/msg"
)

// TicketStore keeps the component_verify_tickets; *token.Tickets satisfies it.
type TicketStore interface {
	Receive(ctx context.Context, ticket string, receivedAt time.Time) error
}

// Authorizations acts on authorization changes; *authz.Service satisfies it. Errors no retry
// heals come back as jobs.Permanent.
type Authorizations interface {
	HandleAuthorizationPush(ctx context.Context, m *msg.Message) error
}

// Audits acts on code-audit results of authorizer appid; *codemgmt.Service satisfies it.
// Errors no retry heals come back as jobs.Permanent.
type Audits interface {
	HandleAuditPush(ctx context.Context, appid string, m *msg.Message) error
}

// GoLive answers the go-live check's QUERY_AUTH_CODE text of authorizer appid (URL path);
// *releasecheck.Responder satisfies it and itself decides whether the push is its business.
type GoLive interface {
	HandleQueryAuthCode(ctx context.Context, appid string, m *msg.Message) error
}

// Registrar takes job handlers by kind; *jobs.Queue satisfies it.
type Registrar interface {
	Register(kind string, h jobs.Handler)
}

// errNoTicket marks a ticket push without a ticket, which no retry fills in.
var errNoTicket = errors.New("component_verify_ticket push without a ticket")

// Dispatcher runs the component_push and biz_push jobs.
type Dispatcher struct {
	tickets TicketStore
	authz   Authorizations
	audits  Audits
	golive  GoLive
}

// New builds the Dispatcher. audits and golive may be nil (an untyped nil): their pushes are
// then recorded only.
func New(tickets TicketStore, authz Authorizations, audits Audits, golive GoLive) *Dispatcher {
	return &Dispatcher{tickets: tickets, authz: authz, audits: audits, golive: golive}
}

// Register installs the handlers of both push job kinds on q.
func (d *Dispatcher) Register(q Registrar) *Dispatcher {
	q.Register(ingest.KindComponentPush, d.ComponentPush)
	q.Register(ingest.KindBizPush, d.BizPush)
	return d
}

// ComponentPush runs a component_push job: the ticket is stored, authorization changes go to
// comm/authz, other InfoTypes need nothing.
func (d *Dispatcher) ComponentPush(ctx context.Context, j jobs.Job) error {
	p, err := ingest.DecodeComponentPush(j)
	if err != nil {
		return err // permanent: the payload will never decode
	}
	switch p.InfoType {
	case msg.InfoTicket:
		if p.ComponentVerifyTicket == "" {
			return jobs.Permanent(fmt.Errorf("job %d: %w", j.ID, errNoTicket))
		}
		return d.tickets.Receive(ctx, p.ComponentVerifyTicket, time.Unix(p.ReceivedAt, 0))
	case msg.InfoAuthorized, msg.InfoUpdateAuthorized, msg.InfoUnauthorized:
		return d.authz.HandleAuthorizationPush(ctx, p.Message())
	}
	return nil
}

// BizPush runs a biz_push job: code-audit results go to comm/codemgmt, the QUERY_AUTH_CODE
// text to the go-live responder, other messages and events need nothing.
func (d *Dispatcher) BizPush(ctx context.Context, j jobs.Job) error {
	p, err := ingest.DecodeBizPush(j)
	if err != nil {
		return err
	}
	m := p.Message()
	switch {
	case m.IsWeappAuditEvent() && d.audits != nil:
		return d.audits.HandleAuditPush(ctx, p.AppID, m)
	case m.IsQueryAuthCode() && d.golive != nil:
		return d.golive.HandleQueryAuthCode(ctx, p.AppID, m)
	}
	return nil
}
