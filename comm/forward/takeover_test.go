package forward_test

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"wxcomponent/comm/forward"
	"wxcomponent/db/dao"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

// dying is the store of an instance that dies after its POST reached the target but before
// the outcome reached the database: its outcome writes hang until the test lets them through
// (a process frozen, then back after the lease), and say how many rows they still held.
type dying struct {
	*dao.Store
	writing chan struct{} // a write of outcomes began
	resume  chan struct{} // closed: let the writes through
	held    chan int64    // rows the late write still held
}

func (d *dying) FinishDeliveries(ctx context.Context, outs []dao.DeliveryOutcome) (int64, error) {
	d.writing <- struct{}{}
	<-d.resume
	n, err := d.Store.FinishDeliveries(ctx, outs)
	d.held <- n
	return n, err
}

func (d *dying) FinishDelivery(context.Context, dao.DeliveryOutcome) (bool, error) {
	return false, errors.New("the dying instance only delivers through its worker")
}

// An instance stopped after the target got its request but before it recorded the outcome
// leaves the row claimed; another instance leaves it alone while the lease lasts, takes it
// over once the lease expired and delivers it with the same delivery id; the row ends
// delivered once, and the first instance's late outcome changes nothing.
func TestInstanceKilledMidDeliveryIsTakenOverAfterTheLease(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect)
		d := &dying{writing: make(chan struct{}, 1), resume: make(chan struct{}), held: make(chan int64, 1)}
		a := e.instanceOn(forward.Options{Workers: 2}, func(s *dao.Store) forward.Store { d.Store = s; return d })
		b := e.instance(forward.Options{Workers: 2})
		tg := newTarget(t)
		a.createRule(forward.RuleInput{MsgType: "text", Data: tg.rule("/msg", forward.ModeAsync)})
		eventuallyLoaded(t, b)
		plain := textXML(77, "once")
		a.storeBiz(e.push(plain))
		stopA := a.run()
		first := tg.next(t) // the target got A's request…
		<-d.writing         // …and A is about to record the outcome when it dies
		stopA()
		row := a.deliveries()[0]
		if row.Status != model.DeliveryRunning || row.Attempts != 1 {
			t.Fatalf("A's claim should still hold the row: %+v", row)
		}
		ctx := context.Background()
		e.clock.Advance(time.Minute - time.Second) // the default lease is 1 min
		if n, err := b.fw.ProcessOnce(ctx, 10); n != 0 || err != nil {
			t.Fatalf("B took a row still leased to A: %d %v", n, err)
		}
		e.clock.Advance(2 * time.Second)
		if n, err := b.fw.ProcessOnce(ctx, 10); n != 1 || err != nil {
			t.Fatalf("B did not take over the expired lease: %d %v", n, err)
		}
		second := tg.next(t)
		id := strconv.FormatUint(row.ID, 10)
		if first.header.Get(forward.HeaderDelivery) != id || second.header.Get(forward.HeaderDelivery) != id || second.body != plain {
			t.Fatalf("delivery ids %q then %q, want %s both times", first.header.Get(forward.HeaderDelivery), second.header.Get(forward.HeaderDelivery), id)
		}
		close(d.resume) // A comes back late: its claim is gone, its outcome must not count
		if held := <-d.held; held != 0 {
			t.Fatalf("A's late outcome changed %d rows", held)
		}
		e.clock.Advance(2 * time.Minute)
		if n, _ := b.fw.ProcessOnce(ctx, 10); n != 0 {
			t.Fatal("the delivered row was claimed again")
		}
		rows := a.deliveries()
		if len(rows) != 1 || rows[0].Status != model.DeliveryDelivered || rows[0].Attempts != 2 || rows[0].LockedBy != "" || rows[0].DeliveredAt == nil {
			t.Fatalf("want one row delivered once, after 2 attempts: %+v", rows)
		}
		if got := len(tg.requests()); got != 2 {
			t.Fatalf("target got %d requests, want A's and B's", got)
		}
	})
}
