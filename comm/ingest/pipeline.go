package ingest

import "sync"

// loop gathers records into a batch and hands it to a committer: at once when no transaction
// is in flight, or when it has grown to ParallelMin while others are. Meanwhile the batch keeps
// growing, so under load each transaction carries many records.
func (w *Writer) loop() {
	defer close(w.stopped)
	p := pipeline{w: w, batches: make(chan []*item), done: make(chan struct{}, w.opt.Committers), in: w.queue}
	var wg sync.WaitGroup
	for range w.opt.Committers {
		wg.Go(func() {
			for b := range p.batches {
				w.commit(b)
				p.done <- struct{}{}
			}
		})
	}
	defer wg.Wait()
	defer close(p.batches)
	for p.next() {
		p.handOff()
	}
}

// pipeline is the state of the loop: the batch being gathered and the transactions in flight.
type pipeline struct {
	w        *Writer
	batches  chan []*item  // to the committers
	done     chan struct{} // one per finished transaction
	in       chan *item    // the queue; nil once it is closed and drained
	batch    []*item
	inFlight int
}

// next starts a batch with the first waiting record; false when the queue is closed and empty.
func (p *pipeline) next() bool {
	if p.in == nil {
		return false
	}
	it, ok := <-p.in
	if !ok {
		return false
	}
	p.batch = append(make([]*item, 0, p.w.opt.MaxBatch), it)
	return true
}

// handOff adds arriving records to the batch until a committer may take it.
func (p *pipeline) handOff() {
	for {
		var send chan<- []*item
		if p.inFlight == 0 || p.inFlight < p.w.opt.Committers && len(p.batch) >= p.w.opt.ParallelMin {
			send = p.batches
		}
		recv := p.in
		if len(p.batch) >= p.w.opt.MaxBatch {
			recv = nil // full: wait for a committer
		}
		select {
		case send <- p.batch:
			p.inFlight++
			return
		case <-p.done:
			p.inFlight--
		case it, ok := <-recv:
			if !ok {
				p.in = nil // closed: send what is left, then stop
				continue
			}
			p.batch = append(p.batch, it)
		}
	}
}
