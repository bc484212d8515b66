package forward_test

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"wxcomponent/comm/forward"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

// An async rule delivers the decrypted push to a real local HTTP service, signed with the
// rule's key, with the appid in the path.
func TestAsyncDeliveryReachesTheTargetSigned(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect)
		in := e.instance(forward.Options{})
		tg := newTarget(t)
		id := in.createRule(forward.RuleInput{MsgType: "text", Data: tg.rule("/wx/$APPID$/msg", forward.ModeAsync)})
		in.run()
		plain := textXML(41, "你好")
		res := in.storeBiz(e.push(plain))
		got := tg.next(t)
		if got.body != plain || got.path != "/wx/"+bizAppID+"/msg" {
			t.Fatalf("target got %q at %s", got.body, got.path)
		}
		key, err := in.fw.Key(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		ts, _ := strconv.ParseInt(got.header.Get(forward.HeaderTimestamp), 10, 64)
		if sig := got.header.Get(forward.HeaderSignature); sig != forward.Sign(key, ts, []byte(plain)) {
			t.Fatalf("signature %q does not verify with the rule's key", sig)
		}
		if got.header.Get(forward.HeaderAppID) != bizAppID || got.header.Get("Content-Type") != "application/xml; charset=utf-8" {
			t.Fatalf("headers: %v", got.header)
		}
		eventually(t, "the delivery to be recorded", func() bool {
			rows := in.deliveries()
			return len(rows) == 1 && rows[0].Status == model.DeliveryDelivered
		})
		row := in.deliveries()[0]
		if row.RecordID != res.ID || got.header.Get(forward.HeaderDelivery) != strconv.FormatUint(row.ID, 10) || row.LastStatus != 200 {
			t.Fatalf("row %+v, delivery header %q", row, got.header.Get(forward.HeaderDelivery))
		}
		// A WeChat retry of the push stores nothing and queues nothing.
		if again := in.storeBiz(e.push(plain)); !again.Duplicate || len(in.deliveries()) != 1 {
			t.Fatalf("retry: %+v, deliveries %d", again, len(in.deliveries()))
		}
	})
}

// A target that is down is retried after 1 s, 5 s, 30 s, 5 min and 30 min, then the delivery
// is dead; a replay delivers it exactly once, under the same delivery id.
func TestTargetDownRetriesThenDeadThenReplayOnce(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect)
		in := e.instance(forward.Options{})
		tg := newTarget(t)
		tg.setAnswer(func(received) (int, string) { return http.StatusServiceUnavailable, "down for maintenance" })
		in.createRule(forward.RuleInput{MsgType: "text", Data: tg.rule("/msg", forward.ModeAsync)})
		in.storeBiz(e.push(textXML(42, "x")))
		ctx := context.Background()
		process := func() int {
			n, err := in.fw.ProcessOnce(ctx, 10)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		if process() != 1 {
			t.Fatal("the new delivery was not due at once")
		}
		for i, wait := range []time.Duration{time.Second, 5 * time.Second, 30 * time.Second, 5 * time.Minute, 30 * time.Minute} {
			e.clock.Advance(wait - time.Millisecond)
			if process() != 0 {
				t.Fatalf("retry %d came before %v", i+1, wait)
			}
			e.clock.Advance(time.Millisecond)
			if process() != 1 {
				t.Fatalf("retry %d did not come after %v", i+1, wait)
			}
		}
		row := in.deliveries()[0]
		if row.Status != model.DeliveryDead || row.Attempts != 6 || row.LastStatus != 503 || row.LastError != "HTTP 503: down for maintenance" {
			t.Fatalf("after 6 failures: %+v", row)
		}
		e.clock.Advance(time.Hour)
		if process() != 0 {
			t.Fatal("a dead delivery was tried again")
		}
		tg.setAnswer(nil)
		n, err := in.fw.Replay(ctx, row.ID, 0)
		if err != nil || n != 1 {
			t.Fatalf("replay: %d %v", n, err)
		}
		if process() != 1 || process() != 0 {
			t.Fatal("the replayed delivery did not run exactly once")
		}
		reqs := tg.requests()
		ids := map[string]int{}
		for _, r := range reqs {
			ids[r.header.Get(forward.HeaderDelivery)]++
		}
		if len(reqs) != 7 || ids[strconv.FormatUint(row.ID, 10)] != 7 {
			t.Fatalf("target got %d requests with delivery ids %v", len(reqs), ids)
		}
		if row = in.deliveries()[0]; row.Status != model.DeliveryDelivered || row.Attempts != 1 {
			t.Fatalf("after replay: %+v", row)
		}
		if n, _ := in.fw.Replay(ctx, 0, row.RuleID); n != 0 {
			t.Fatalf("replaying a rule without dead deliveries replayed %d", n)
		}
	})
}

// Two instances on one database, each storing half of the pushes and both running workers,
// deliver every push exactly once.
func TestTwoInstancesDeliverEachPushOnce(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect)
		a, b := e.instance(forward.Options{Workers: 4}), e.instance(forward.Options{Workers: 4})
		tg := newTarget(t)
		a.createRule(forward.RuleInput{MsgType: "text", Data: tg.rule("/msg", forward.ModeAsync)})
		eventuallyLoaded(t, b)
		a.run()
		b.run()
		const total = 200
		var wg sync.WaitGroup
		for i := range total {
			in := a
			if i%2 == 1 {
				in = b
			}
			wg.Go(func() { in.storeBiz(e.push(textXML(1000+i, "m"))) })
		}
		wg.Wait()
		eventually(t, "every delivery", func() bool { return len(tg.requests()) >= total && allDelivered(a) })
		seen := map[string]int{}
		for _, r := range tg.requests() {
			seen[r.body]++
		}
		if len(seen) != total || len(tg.requests()) != total {
			t.Fatalf("%d distinct pushes in %d requests, want %d once each", len(seen), len(tg.requests()), total)
		}
	})
}

func eventuallyLoaded(t *testing.T, in *instance) {
	t.Helper()
	if err := in.fw.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func allDelivered(in *instance) bool {
	for _, r := range in.deliveries() {
		if r.Status != model.DeliveryDelivered {
			return false
		}
	}
	return true
}

// The delivery log pages newest first by keyset; a status filter keeps to its rows, and
// rows being delivered show as pending.
func TestDeliveryLogPagesNewestFirst(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect)
		in := e.instance(forward.Options{})
		tg := newTarget(t)
		rule := in.createRule(forward.RuleInput{MsgType: "text", Data: tg.rule("/msg", forward.ModeAsync)})
		for i := range 5 {
			in.storeBiz(e.push(textXML(500+i, "m")))
		}
		ctx := context.Background()
		var ids []uint64
		var before uint64
		for {
			page, err := in.fw.Deliveries(ctx, forward.DeliveryQuery{RuleID: rule, BeforeID: before, Limit: 2})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range page.Records {
				if r.Status != "pending" || r.NextTime == 0 {
					t.Fatalf("queued row %+v", r)
				}
				ids = append(ids, r.ID)
			}
			if before = page.NextBeforeID; before == 0 {
				break
			}
		}
		if len(ids) != 5 || ids[0] <= ids[4] {
			t.Fatalf("ids %v: want 5, newest first", ids)
		}
		if n, _ := in.fw.ProcessOnce(ctx, 2); n != 2 {
			t.Fatal("worker did not deliver 2")
		}
		page, _ := in.fw.Deliveries(ctx, forward.DeliveryQuery{Status: "delivered", Limit: 10})
		pending, _ := in.fw.Deliveries(ctx, forward.DeliveryQuery{Status: "pending", Limit: 10})
		if len(page.Records) != 2 || len(pending.Records) != 3 || page.Records[0].DeliveredTime == 0 {
			t.Fatalf("delivered %d, pending %d", len(page.Records), len(pending.Records))
		}
		list, err := in.fw.ListRules(ctx, forward.RuleQuery{Type: 2, Limit: 10})
		if err != nil || list.Rules[0].Stats.Delivered != 2 || list.Rules[0].Stats.Pending != 3 {
			t.Fatalf("stats %+v %v", list.Rules, err)
		}
	})
}
