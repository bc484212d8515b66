package main

import (
	"context"
	"fmt"
	"time"

	"wxcomponent/bench/internal/binsvc"
)

// killer SIGKILLs the service every period and restarts it at once on the same ports and
// database, timing each kill → /readyz 200.
type killer struct {
	done       chan struct{}
	err        error
	ready      []time.Duration
	duringLoad int // kills while pushes were still being sent
}

func startKiller(ctx context.Context, svc *binsvc.Service, kills int, every time.Duration, loadDone <-chan struct{}) *killer {
	k := &killer{done: make(chan struct{})}
	go func() {
		defer close(k.done)
		next := time.Now().Add(every)
		for range kills {
			select {
			case <-ctx.Done():
				k.err = ctx.Err()
				return
			case <-time.After(time.Until(next)):
			}
			if k.err = k.restart(ctx, svc, loadDone); k.err != nil {
				return
			}
			next = next.Add(every) // a schedule, so a slow restart does not stretch the run
		}
	}()
	return k
}

// restart kills the process and starts it again, noting how long until it is ready.
func (k *killer) restart(ctx context.Context, svc *binsvc.Service, loadDone <-chan struct{}) error {
	select {
	case <-loadDone:
	default:
		k.duringLoad++
	}
	killed := time.Now()
	svc.Kill()
	if err := svc.Launch(ctx); err != nil {
		return err
	}
	if _, err := svc.WaitReady(60 * time.Second); err != nil {
		return fmt.Errorf("restart %d: %w", len(k.ready)+1, err)
	}
	k.ready = append(k.ready, time.Since(killed))
	return nil
}

// wait answers once the last kill's instance is ready (or the killer failed).
func (k *killer) wait() error {
	<-k.done
	return k.err
}
