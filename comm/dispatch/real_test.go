package dispatch_test

import (
	"testing"
	"time"

	"go.uber.org/zap/zaptest"

	"wxcomponent/comm/callback"
	"wxcomponent/comm/dispatch"
	"wxcomponent/comm/ingest"
	"wxcomponent/comm/jobs"
	"wxcomponent/comm/wx/msg"
	"wxcomponent/comm/wx/token"
	"wxcomponent/db/dao"
	"wxcomponent/db/dbtest"
)

// TestTicketPushReachesTheTicketStore runs the real path: the writer stores a ticket push and
// its job, the queue runs the job through the dispatcher, and the token stack reads the ticket.
func TestTicketPushReachesTheTicketStore(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		t0 := time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
		now := func() time.Time { return t0 }
		store := dao.New(dbtest.Open(t, dialect), dialect, now)
		q := jobs.New(store, jobs.Options{Now: now})
		tickets := token.NewTickets(store, nil, nil, "wxc", token.TicketOptions{Now: now})
		dispatch.New(tickets, &fakes{}, nil).Register(q)
		w := ingest.New(store, q, ingest.Options{Logger: zaptest.NewLogger(t)})
		w.Start()
		t.Cleanup(w.Close)

		body := `{"AppId":"wxc","CreateTime":1700000000,"InfoType":"component_verify_ticket","ComponentVerifyTicket":"ticket@@@real"}`
		m, err := msg.Parse([]byte(body))
		if err != nil {
			t.Fatal(err)
		}
		p := &callback.Push{Plain: []byte(body), Msg: m, DedupeKey: m.DedupeKey(), ReceivedAt: t0}
		if _, err := w.StoreComponent(ctx, p); err != nil {
			t.Fatal(err)
		}
		if n, err := q.ProcessOnce(ctx, 10); err != nil || n != 1 {
			t.Fatalf("ran %d jobs: %v", n, err)
		}
		got, at, err := tickets.Latest(ctx)
		if err != nil || got != "ticket@@@real" || !at.Equal(t0) {
			t.Fatalf("latest ticket %q at %v: %v", got, at, err)
		}
	})
}
