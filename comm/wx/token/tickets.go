package token

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.uber.org/zap"

	"wxcomponent/comm/wx/api"
	"wxcomponent/db/dao"
)

// AppSecretSource gives the AppSecret ("" when not configured); secrets.Service satisfies it.
type AppSecretSource interface {
	Get(ctx context.Context) (value, source string, err error)
}

// TicketLifetime is how long WeChat accepts a component_verify_ticket.
const TicketLifetime = 12 * time.Hour

// TicketOptions configures Tickets; zero durations take the defaults.
type TicketOptions struct {
	Now           func() time.Time // default time.Now
	Logger        *zap.Logger      // default no-op; the store logs as its "ticket"
	Lifetime      time.Duration    // a ticket is usable this long after receipt (12 h)
	Keep          int              // tickets kept per appid (5)
	Overdue       time.Duration    // no ticket for this long ⇒ ask WeChat to push (30 min)
	StartEvery    time.Duration    // at most one api_start_push_ticket per period, cluster-wide (30 min)
	CheckInterval time.Duration    // watchdog period (1 min)
}

// Tickets stores component_verify_tickets durably and watches that they keep coming.
type Tickets struct {
	o       TicketOptions
	store   Store
	api     *api.Client // api_start_push_ticket needs no token
	secrets AppSecretSource
	appid   string
	log     *zap.Logger
	wake    chan struct{}
	owner   string
}

// NewTickets builds the ticket store of the component componentAppID; client (no token
// needed) asks WeChat to push a ticket, with the AppSecret from secrets.
func NewTickets(store Store, client *api.Client, secrets AppSecretSource, componentAppID string, o TicketOptions) *Tickets {
	o.Lifetime = orDefault(o.Lifetime, TicketLifetime)
	o.Overdue = orDefault(o.Overdue, 30*time.Minute)
	o.StartEvery = orDefault(o.StartEvery, 30*time.Minute)
	o.CheckInterval = orDefault(o.CheckInterval, time.Minute)
	if o.Keep <= 0 {
		o.Keep = 5
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Tickets{o: o, store: store, api: client, secrets: secrets, appid: componentAppID, log: logger(o.Logger).Named("ticket"), wake: make(chan struct{}, 1), owner: newID()}
}

// Save records a ticket pushed for the component appid at receivedAt. The
// comm `ticket` row is kept up to date too when appid is this platform's.
func (t *Tickets) Save(ctx context.Context, appid, ticket string, receivedAt time.Time) error {
	if appid == "" || ticket == "" {
		return errors.New("save ticket: appid and ticket are required")
	}
	legacy := t.appid == "" || appid == t.appid
	return t.store.SaveComponentTicket(ctx, appid, ticket, receivedAt, t.o.Keep, legacy)
}

// Receive records a ticket pushed to this platform (ComponentAppID) at receivedAt.
func (t *Tickets) Receive(ctx context.Context, ticket string, receivedAt time.Time) error {
	return t.Save(ctx, t.appid, ticket, receivedAt)
}

// Latest returns the newest ticket and when it arrived. A ticket older than
// its 12-hour lifetime, or none at all, is ErrNoTicket.
func (t *Tickets) Latest(ctx context.Context) (string, time.Time, error) {
	ticket, at, err := t.newest(ctx)
	if err != nil {
		return "", time.Time{}, err
	}
	if age := t.o.Now().Sub(at); age >= t.o.Lifetime {
		return "", at, fmt.Errorf("%w: the newest one arrived %s ago", ErrNoTicket, age.Round(time.Minute))
	}
	return ticket, at, nil
}

// newest reads the newest ticket whatever its age, falling back to the comm
// row of a database upgraded from the original template.
func (t *Tickets) newest(ctx context.Context) (string, time.Time, error) {
	row, err := t.store.LatestComponentTicket(ctx, t.appid)
	if err == nil {
		return row.Ticket, row.ReceivedAt, nil
	}
	if !errors.Is(err, dao.ErrNotFound) {
		return "", time.Time{}, err
	}
	v, at, err := t.store.LegacyTicket(ctx)
	if errors.Is(err, dao.ErrNotFound) || err == nil && v == "" {
		return "", time.Time{}, ErrNoTicket
	}
	return v, at, err
}

// Wake asks the watchdog to request a push now (WeChat called the newest
// ticket stale); still at most once per StartEvery.
func (t *Tickets) Wake() {
	select {
	case t.wake <- struct{}{}:
	default:
	}
}
