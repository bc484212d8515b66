package ingest

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.uber.org/zap"

	"wxcomponent/comm/jobs"
	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// carefulAttempts bounds the rewrites of a batch after a retry was found in it or a deadlock.
const carefulAttempts = 3

// commit writes a batch and answers its callers. The batch is first written optimistically
// (no look-up of existing dedupe keys); a batch holding a retry, or hitting a deadlock, is
// written again carefully. When that fails too it is retried record by record, so one record
// the database refuses cannot fail the pushes that happened to share its transaction.
func (w *Writer) commit(batch []*item) {
	start := time.Now()
	results, added, err := w.write(batch, true)
	for attempt := 0; attempt < carefulAttempts && (errors.Is(err, dao.ErrRecordExists) || dao.IsTransient(err)); attempt++ {
		results, added, err = w.write(batch, false)
	}
	w.stats.record(len(batch), time.Since(start), err)
	if err != nil && len(batch) > 1 {
		w.opt.Logger.Warn("batch write failed; retrying records one by one", zap.Int("records", len(batch)), zap.Error(err))
		for _, it := range batch {
			w.commit([]*item{it})
		}
		return
	}
	if err != nil {
		w.opt.Logger.Error("record write failed", zap.Error(err))
		batch[0].done <- outcome{err: err}
		return
	}
	if added.jobs > 0 && w.sink != nil {
		w.sink.Notify()
	}
	for i, h := range w.opt.Hooks {
		if added.hooks[i] > 0 {
			h.Notify()
		}
	}
	for i, it := range batch {
		it.done <- outcome{res: results[i]}
	}
}

// added counts the follow-up rows a transaction wrote: jobs, and each hook's rows.
type added struct {
	jobs  int64
	hooks []int64
}

// write stores the batch in one transaction and returns each record's result and how many
// follow-up rows were added.
func (w *Writer) write(batch []*item, optimistic bool) ([]Result, added, error) {
	ctx, cancel := context.WithTimeout(context.Background(), w.opt.WriteTimeout)
	defer cancel()
	var results []Result
	var n added
	err := w.store.InTx(ctx, func(tx *dao.Store) error {
		var err error
		if results, err = w.insertRecords(ctx, tx, batch, optimistic); err != nil {
			return err
		}
		if n.jobs, err = w.enqueueJobs(ctx, tx, batch, results); err != nil {
			return err
		}
		n.hooks, err = w.runHooks(ctx, tx, batch, results)
		return err
	})
	if err != nil {
		return nil, added{}, fmt.Errorf("write %d records: %w", len(batch), err)
	}
	return results, n, nil
}

// runHooks hands each hook the new records it wants (those whose id was read back for it).
func (w *Writer) runHooks(ctx context.Context, tx *dao.Store, batch []*item, results []Result) ([]int64, error) {
	counts := make([]int64, len(w.opt.Hooks))
	for i, h := range w.opt.Hooks {
		var news []Stored
		for j, it := range batch {
			if !results[j].Duplicate && results[j].ID != 0 && it.hooked {
				news = append(news, Stored{Record: it.rec, ID: results[j].ID})
			}
		}
		if len(news) == 0 {
			continue
		}
		n, err := h.AddTx(ctx, tx, news)
		if err != nil {
			return nil, fmt.Errorf("hook %d: %w", i, err)
		}
		counts[i] = n
	}
	return counts, nil
}

// wantsID tells whether a record's id must be read back: for its jobs or for a hook. It
// remembers whether a hook wants it, so the hooks see the records they asked for.
func (w *Writer) wantsID(it *item) bool {
	it.hooked = false
	for _, h := range w.opt.Hooks {
		if h.Wants(it.rec) {
			it.hooked = true
			break
		}
	}
	return it.hooked || it.rec.Jobs != nil
}

// tableBatch gathers the rows of one table and where they came from in the batch.
type tableBatch[T any] struct {
	rows []T
	at   []int
	opt  dao.RecordInsert
}

func (t *tableBatch[T]) add(row T, i int, wantID bool) {
	t.rows, t.at, t.opt.WantID = append(t.rows, row), append(t.at, i), append(t.opt.WantID, wantID)
}

// insertRecords inserts the component and the biz records of the batch, one table at a time.
// Ids are read back only for records whose jobs need them.
func (w *Writer) insertRecords(ctx context.Context, tx *dao.Store, batch []*item, optimistic bool) ([]Result, error) {
	results := make([]Result, len(batch))
	comp := tableBatch[model.ComponentCallbackRecord]{opt: dao.RecordInsert{Optimistic: optimistic}}
	biz := tableBatch[model.BizCallbackRecord]{opt: dao.RecordInsert{Optimistic: optimistic}}
	for i, it := range batch {
		if c := it.rec.Component; c != nil {
			comp.add(*c, i, w.wantsID(it))
		} else {
			biz.add(*it.rec.Biz, i, w.wantsID(it))
		}
	}
	if len(comp.rows) > 0 {
		outs, err := tx.InsertComponentRecords(ctx, comp.rows, comp.opt)
		if err != nil {
			return nil, err
		}
		fillResults(results, comp.at, outs)
	}
	if len(biz.rows) > 0 {
		outs, err := tx.InsertBizRecords(ctx, biz.rows, biz.opt)
		if err != nil {
			return nil, err
		}
		fillResults(results, biz.at, outs)
	}
	return results, nil
}

// fillResults copies a table's outcomes to the batch positions they came from.
func fillResults(results []Result, at []int, outs []dao.RecordOutcome) {
	for n, o := range outs {
		results[at[n]] = Result{ID: o.ID, Duplicate: !o.Inserted}
	}
}

// enqueueJobs adds the follow-ups of the records that are new in this batch.
func (w *Writer) enqueueJobs(ctx context.Context, tx *dao.Store, batch []*item, results []Result) (int64, error) {
	var pending []jobs.NewJob
	for i, it := range batch {
		if it.rec.Jobs != nil && !results[i].Duplicate {
			pending = append(pending, it.rec.Jobs(results[i].ID)...)
		}
	}
	if len(pending) == 0 {
		return 0, nil
	}
	if w.sink == nil {
		return 0, fmt.Errorf("%d follow-up jobs but no job sink configured", len(pending))
	}
	return w.sink.EnqueueBatchTx(ctx, tx, pending)
}
