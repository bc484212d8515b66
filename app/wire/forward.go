package wire

import (
	"context"
	"net"
	"time"

	"go.uber.org/zap"

	"wxcomponent/comm/forward"
	"wxcomponent/comm/secretbox"
	"wxcomponent/db/dao"
)

// ForwardConfig is the configuration of message forwarding.
type ForwardConfig struct {
	SyncTimeout time.Duration    // FORWARD_SYNC_TIMEOUT
	Workers     int              // FORWARD_WORKERS
	InnerAddr   string           // INNER_ADDR: its port is never a local target
	Version     string           // in the User-Agent of deliveries
	Now         func() time.Time // clock (time.Now)
	Logger      *zap.Logger
	Options     forward.Options // further tunables (tests, bench); the fields above win
}

// NewForwarder builds forwarding on store with its rules loaded (a failure is logged: Run
// reloads). Hand it to NewIngest as a writer hook, wrap it in the push handler's replier, and
// Run it.
func NewForwarder(ctx context.Context, store *dao.Store, box *secretbox.Box, c ForwardConfig) *forward.Forwarder {
	o := c.Options
	o.SyncTimeout, o.Workers, o.Version, o.Now, o.Logger = c.SyncTimeout, c.Workers, c.Version, c.Now, c.Logger
	if _, port, err := net.SplitHostPort(c.InnerAddr); err == nil {
		o.InnerPort = port
	}
	fw := forward.New(store, box, o)
	if err := fw.Load(ctx); err != nil && c.Logger != nil {
		c.Logger.Warn("load forwarding rules", zap.Error(err))
	}
	return fw
}
