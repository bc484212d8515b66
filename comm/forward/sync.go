package forward

import (
	"bytes"
	"context"
	"errors"
	"time"

	"go.uber.org/zap"

	"wxcomponent/comm/callback"
	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// wechatBudget is how long after receiving a push its answer may take: WeChat waits 5 s, and
// the answer still has to travel.
const wechatBudget = 4500 * time.Millisecond

// minSyncBudget is the least time worth a synchronous attempt; with less, the worker delivers.
const minSyncBudget = 100 * time.Millisecond

// Pushed says which stored push a reply is for.
type Pushed struct {
	Component bool   // received on the authorization-event URL
	AppID     string // authorizer appid of the biz URL
	RecordID  uint   // its record
	Duplicate bool   // a WeChat retry of a push already stored
}

// Reply delivers a new push to its sync rule while WeChat waits and returns the target's answer
// as the passive reply (nil: answer "success"). It takes the delivery row its push's
// transaction queued, so the worker or another instance cannot deliver it too; a retry of a
// stored push delivers nothing. When the target fails or is slow, the row stays queued for the
// worker (next attempt after the first back-off) and WeChat is answered "success".
func (f *Forwarder) Reply(ctx context.Context, p Pushed, push *callback.Push) ([]byte, error) {
	if p.Duplicate || p.RecordID == 0 || push.Unparsed {
		return nil, nil
	}
	m := push.Msg
	rule := f.rules.match(p.Component, m.InfoType, m.MsgType, m.Event)
	if rule == nil || rule.Target.Mode != ModeSync {
		return nil, nil
	}
	budget := min(f.opt.SyncTimeout, wechatBudget-f.now().Sub(push.ReceivedAt))
	if budget < minSyncBudget {
		return nil, nil
	}
	source := model.ForwardBiz
	if p.Component {
		source = model.ForwardComponent
	}
	now, owner := f.now(), f.owner()
	row, err := f.store.ClaimDeliveryOf(ctx, rule.ID, source, p.RecordID, dao.DeliveryClaim{Owner: owner, Now: now, LeaseUntil: now.Add(budget + syncGrace)})
	if errors.Is(err, dao.ErrNotFound) {
		return nil, nil // not queued (the rule changed meanwhile) or already taken
	}
	if err != nil {
		return nil, err
	}
	actx, cancel := context.WithTimeout(ctx, budget)
	a := f.post(actx, f.requestFor(rule, *row))
	cancel()
	f.record(ctx, f.outcome(*row, owner, a, false))
	if !a.ok() {
		f.opt.Logger.Warn("sync delivery failed; queued for retry", zap.Uint64("delivery", row.ID), zap.Error(a.err))
		return nil, nil
	}
	return passiveReply(p, a.body), nil
}

// passiveReply is the part of a target's answer that goes back to WeChat: nothing for
// component pushes (WeChat expects "success" there) or an empty / "success" answer.
func passiveReply(p Pushed, body []byte) []byte {
	b := bytes.TrimSpace(body)
	if p.Component || len(b) == 0 || string(b) == "success" {
		return nil
	}
	return body
}
