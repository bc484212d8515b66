package wxcallback

import (
	"context"

	"wxcomponent/comm/callback"
	"wxcomponent/comm/forward"
)

// SyncForwarder delivers a stored push to its synchronous forwarding rule and returns the
// business service's answer (forward.Forwarder).
type SyncForwarder interface {
	Reply(ctx context.Context, p forward.Pushed, push *callback.Push) ([]byte, error)
}

// ForwardReplier makes a sync rule's answer the passive reply (the handler encrypts it).
type ForwardReplier struct{ Forwarder SyncForwarder }

// Reply hands the push and where it was stored to the forwarder.
func (r ForwardReplier) Reply(ctx context.Context, t Target, p *callback.Push) ([]byte, error) {
	return r.Forwarder.Reply(ctx, forward.Pushed{Component: t.AppID == "", AppID: t.AppID, RecordID: t.RecordID, Duplicate: t.Duplicate}, p)
}
