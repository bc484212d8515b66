package wxsim

import "sync"

// tracker counts in-flight background tasks. Unlike sync.WaitGroup it allows new tasks to start
// while someone waits, which happens when a push triggers further simulator calls.
type tracker struct {
	mu   sync.Mutex
	cond *sync.Cond
	n    int
}

// newTracker builds an idle tracker.
func newTracker() *tracker {
	t := &tracker{}
	t.cond = sync.NewCond(&t.mu)
	return t
}

// add registers one task.
func (t *tracker) add() {
	t.mu.Lock()
	t.n++
	t.mu.Unlock()
}

// done marks one task finished and wakes waiters when none remain.
func (t *tracker) done() {
	t.mu.Lock()
	t.n--
	if t.n == 0 {
		t.cond.Broadcast()
	}
	t.mu.Unlock()
}

// waitIdle blocks until no task is running.
func (t *tracker) waitIdle() {
	t.mu.Lock()
	for t.n > 0 {
		t.cond.Wait()
	}
	t.mu.Unlock()
}
