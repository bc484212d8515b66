package forward

import (
	"context"
	"time"

	"go.uber.org/zap"

	"wxcomponent/db/dao"
)

// maxFinish bounds the outcomes written in one transaction.
const maxFinish = 256

// finisher writes the worker's outcomes in group commits: whatever outcomes wait when a write
// ends go together in the next transaction, so a lone delivery is recorded at once and under
// load one commit records hundreds. Each row stays fenced on its claim's owner token.
type finisher struct {
	f    *Forwarder
	in   chan dao.DeliveryOutcome
	done chan struct{}
}

func (f *Forwarder) startFinisher() *finisher {
	fin := &finisher{f: f, in: make(chan dao.DeliveryOutcome, maxFinish), done: make(chan struct{})}
	go fin.run()
	return fin
}

// add queues an outcome; it waits while a full batch is being written.
func (fin *finisher) add(o dao.DeliveryOutcome) { fin.in <- o }

// close writes the outcomes still queued and stops; call it after the last add.
func (fin *finisher) close() {
	close(fin.in)
	<-fin.done
}

func (fin *finisher) run() {
	defer close(fin.done)
	batch := make([]dao.DeliveryOutcome, 0, maxFinish)
	for o := range fin.in {
		batch = append(batch[:0], o)
	more:
		for len(batch) < maxFinish {
			select {
			case o, ok := <-fin.in:
				if !ok {
					break more
				}
				batch = append(batch, o)
			default:
				break more
			}
		}
		fin.write(batch)
	}
}

// write records a batch. When it fails the rows stay running under their claims: after the
// lease another claim delivers them again, with the same delivery id.
func (fin *finisher) write(batch []dao.DeliveryOutcome) {
	f := fin.f
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	n, err := f.store.FinishDeliveries(ctx, batch)
	switch {
	case err != nil:
		f.opt.Logger.Error("record delivery outcomes", zap.Int("count", len(batch)), zap.Error(err))
		return
	case int(n) < len(batch):
		f.opt.Logger.Warn("delivery claims lost before their outcomes were recorded", zap.Int("lost", len(batch)-int(n)))
	}
	for _, o := range batch {
		f.logDead(o)
	}
}
