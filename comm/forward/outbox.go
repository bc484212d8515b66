package forward

import (
	"context"
	"time"

	"wxcomponent/comm/ingest"
	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// syncGrace is how long after the synchronous path's budget the worker waits before it takes
// a sync delivery that path never finished (its instance died, or the commit came too late).
const syncGrace = 2 * time.Second

// Wants tells the ingest writer which records a rule matches (ingest.Hook).
func (f *Forwarder) Wants(rec ingest.Record) bool {
	return f.matchRecord(rec) != nil
}

// matchRecord finds the active rule of a record, by its stored types.
func (f *Forwarder) matchRecord(rec ingest.Record) *Rule {
	if c := rec.Component; c != nil {
		return f.rules.match(true, c.InfoType, "", "")
	}
	if b := rec.Biz; b != nil {
		return f.rules.match(false, "", b.MsgType, b.Event)
	}
	return nil
}

// AddTx writes the outbox rows of the new records, in their transaction (ingest.Hook): a push
// is queued exactly when it is stored, and a WeChat retry, which stores nothing, queues
// nothing. Sync rows are due only after the synchronous path had its chance.
func (f *Forwarder) AddTx(ctx context.Context, tx *dao.Store, news []ingest.Stored) (int64, error) {
	now := f.now()
	rows := make([]model.ForwardDelivery, 0, len(news))
	for _, s := range news {
		r := f.matchRecord(s.Record)
		if r == nil {
			continue
		}
		d := model.ForwardDelivery{RuleID: r.ID, RecordID: s.ID, Mode: r.Target.Mode, Status: model.DeliveryPending,
			NextAt: now, CreatedAt: now, UpdatedAt: now}
		if c := s.Record.Component; c != nil {
			d.Source, d.InfoType, d.Body = model.ForwardComponent, c.InfoType, c.PostBody
		} else {
			b := s.Record.Biz
			d.Source, d.AppID, d.MsgType, d.Event, d.Body = model.ForwardBiz, b.AppID, b.MsgType, b.Event, b.PostBody
		}
		if d.Mode == ModeSync {
			d.NextAt = now.Add(f.opt.SyncTimeout + syncGrace)
		}
		rows = append(rows, d)
	}
	return tx.InsertDeliveries(ctx, rows)
}

var _ ingest.Hook = (*Forwarder)(nil)
