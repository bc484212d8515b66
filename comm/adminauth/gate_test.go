package adminauth_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"wxcomponent/comm/adminauth"
	"wxcomponent/db/dbtest"
)

func TestHashGateRefusesBeyondItsSlots(t *testing.T) {
	g := adminauth.NewHashGate(1, 10*time.Millisecond)
	hold, held := make(chan struct{}), make(chan struct{})
	go func() { _ = g.Do(context.Background(), func() { close(held); <-hold }) }()
	<-held
	if err := g.Do(context.Background(), func() {}); !errors.Is(err, adminauth.ErrBusy) {
		t.Fatalf("a full gate must answer ErrBusy after the queue wait, got %v", err)
	}
	close(hold)
	ran := false
	for i := 0; i < 100 && !ran; i++ { // the holder releases its slot asynchronously
		_ = g.Do(context.Background(), func() { ran = true })
	}
	if !ran {
		t.Fatal("a freed slot must be usable again")
	}
}

// A login arriving while hashing is saturated gets 429 (busy), and is not
// counted as a failure against its source.
func TestLoginWhileHashingIsSaturatedIsBusy(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		f.seed(t, "admin", "Passw0rd!")
		gate := adminauth.NewHashGate(1, 10*time.Millisecond)
		svc := f.service(gate)
		hold, held := make(chan struct{}), make(chan struct{})
		go func() { _ = gate.Do(context.Background(), func() { close(held); <-hold }) }()
		<-held
		ctx := context.Background()
		for i := 0; i < 10; i++ {
			_, err := svc.Login(ctx, "1.1.1.1", "admin", "Passw0rd!")
			var th *adminauth.ThrottledError
			if !errors.As(err, &th) || !th.Busy || th.RetryAfter <= 0 {
				t.Fatalf("want a busy 429, got %v", err)
			}
		}
		close(hold)
		time.Sleep(10 * time.Millisecond) // let the holder leave its slot
		if _, err := svc.Login(ctx, "1.1.1.1", "admin", "Passw0rd!"); err != nil {
			t.Fatalf("busy refusals must not count as failures: %v", err)
		}
	})
}

// While hashing is saturated, the owner's fresh address waits in the queue and
// gets in, whereas an address that already failed is refused at once.
func TestQueueBelongsToSourcesWithoutFailures(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		f.seed(t, "admin", "Passw0rd!")
		gate := adminauth.NewHashGate(1, time.Minute)
		svc := f.service(gate)
		ctx := context.Background()
		_, _ = svc.Login(ctx, "6.6.6.6", "admin", "guess")
		hold, held := make(chan struct{}), make(chan struct{})
		go func() { _ = gate.Do(ctx, func() { close(held); <-hold }) }()
		<-held
		owner := make(chan error, 1)
		go func() { _, err := svc.Login(ctx, "7.7.7.7", "admin", "Passw0rd!"); owner <- err }()
		_, err := svc.Login(ctx, "6.6.6.6", "admin", "Passw0rd!")
		var th *adminauth.ThrottledError
		if !errors.As(err, &th) || !th.Busy {
			t.Fatalf("a source with failures must not queue: got %v", err)
		}
		close(hold)
		if err := <-owner; err != nil {
			t.Fatalf("the fresh source must get the freed slot and log in: %v", err)
		}
	})
}
