package forward

import (
	"context"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"go.uber.org/zap"

	"wxcomponent/comm/randid"
	"wxcomponent/comm/secretbox"
	"wxcomponent/comm/tick"
	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// Store is the part of dao.Store forwarding needs.
type Store interface {
	AllRules(ctx context.Context) ([]model.WxCallbackRule, error)
	ListRules(ctx context.Context, q dao.RuleQuery) ([]model.WxCallbackRule, int64, error)
	GetRule(ctx context.Context, id uint) (*model.WxCallbackRule, error)
	CreateRule(ctx context.Context, r *model.WxCallbackRule) error
	UpdateRule(ctx context.Context, r *model.WxCallbackRule) error
	DeleteRule(ctx context.Context, id uint) error
	ForwardKeys(ctx context.Context) ([]model.ForwardKey, error)
	GetForwardKey(ctx context.Context, ruleID uint) (*model.ForwardKey, error)
	PutForwardKey(ctx context.Context, k model.ForwardKey, replace bool) error
	ClaimDeliveries(ctx context.Context, c dao.DeliveryClaim) ([]model.ForwardDelivery, error)
	ClaimDeliveryOf(ctx context.Context, ruleID uint, source string, recordID uint, c dao.DeliveryClaim) (*model.ForwardDelivery, error)
	FinishDelivery(ctx context.Context, o dao.DeliveryOutcome) (bool, error)
	FinishDeliveries(ctx context.Context, outs []dao.DeliveryOutcome) (int64, error)
	ReplayDeliveries(ctx context.Context, r dao.Replay, now time.Time) (int64, error)
	ListDeliveries(ctx context.Context, q dao.DeliveryQuery) ([]model.ForwardDelivery, error)
	GetDelivery(ctx context.Context, id uint64) (*model.ForwardDelivery, error)
	CountDeliveries(ctx context.Context, ruleIDs []uint) (map[uint]*dao.DeliveryCounts, error)
	PruneDeliveries(ctx context.Context, before time.Time, limit int) (int64, error)
}

// DefaultBackoff is the wait after each failed attempt; after the last one the delivery is dead.
var defaultBackoff = []time.Duration{time.Second, 5 * time.Second, 30 * time.Second, 5 * time.Minute, 30 * time.Minute}

// Options tune forwarding; zero values take the defaults in parentheses.
type Options struct {
	Now func() time.Time // clock (time.Now)
	// SyncTimeout bounds a synchronous delivery (3 s), so WeChat, which waits 5 s, still gets
	// its answer; a slower target is answered "success" and left to the worker.
	SyncTimeout time.Duration
	Workers     int           // concurrent deliveries of the worker (4)
	Timeout     time.Duration // limit of one worker attempt (10 s)
	Lease       time.Duration // how long a claim is exclusive; above Timeout (1 min)
	Poll        time.Duration // how often the worker looks for due rows (1 s)
	Reload      time.Duration // how often the rules are re-read (2 s)
	// Backoff is the wait after the 1st, 2nd, … failed attempt; one more failure is dead
	// (1 s, 5 s, 30 s, 5 min, 30 min).
	Backoff   []time.Duration
	Retention time.Duration // how long delivered rows are kept (7 days)
	// InnerPort is the inner token service's port: never a target on this host.
	InnerPort  string
	Version    string       // in User-Agent
	InstanceID string       // prefix of owner tokens (random)
	Client     *http.Client // shared client (NewClient)
	Logger     *zap.Logger  // (no-op)
}

func (o Options) withDefaults() Options {
	if o.Now == nil {
		o.Now = time.Now
	}
	o.SyncTimeout = orDuration(o.SyncTimeout, 3*time.Second)
	if o.Workers <= 0 {
		o.Workers = 4
	}
	o.Timeout = orDuration(o.Timeout, 10*time.Second)
	o.Lease = orDuration(o.Lease, time.Minute)
	o.Lease = max(o.Lease, o.Timeout+5*time.Second, o.SyncTimeout+5*time.Second)
	o.Poll = orDuration(o.Poll, time.Second)
	o.Reload = orDuration(o.Reload, 2*time.Second)
	if len(o.Backoff) == 0 {
		o.Backoff = defaultBackoff
	}
	o.Retention = orDuration(o.Retention, 7*24*time.Hour)
	if o.Version == "" {
		o.Version = "dev"
	}
	if o.InstanceID == "" {
		o.InstanceID = randid.Hex(6)
	}
	if o.Client == nil {
		o.Client = NewClient()
	}
	if o.Logger == nil {
		o.Logger = zap.NewNop()
	}
	return o
}

func orDuration(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

// Forwarder is forwarding on one instance: the rule set, the outbox hook of the ingest writer,
// the synchronous replier, the worker and the console's operations.
type Forwarder struct {
	store   Store
	box     *secretbox.Box
	opt     Options
	client  *http.Client
	rules   ruleSet
	wake    chan struct{}
	seq     atomic.Uint64
	pruned  atomic.Int64 // unix seconds of the last prune
	backlog atomic.Bool  // the local queue was too full to claim: rows may be waiting
}

// New builds a Forwarder; call Load (or Run) before pushes arrive so rules match from the start.
func New(store Store, box *secretbox.Box, o Options) *Forwarder {
	o = o.withDefaults()
	return &Forwarder{store: store, box: box, opt: o, client: o.Client, wake: make(chan struct{}, 1)}
}

func (f *Forwarder) now() time.Time { return f.opt.Now().UTC() }

// owner is a fresh owner token for one claim.
func (f *Forwarder) owner() string {
	return f.opt.InstanceID + "-" + strconv.FormatUint(f.seq.Add(1), 10)
}

// Notify wakes the worker: rows were added (after the record commit) or replayed.
func (f *Forwarder) Notify() {
	select {
	case f.wake <- struct{}{}:
	default:
	}
}

// Load reads the rules now.
func (f *Forwarder) Load(ctx context.Context) error {
	return f.rules.reload(ctx, f.loadRules)
}

// Run keeps the rules fresh and delivers the outbox until ctx ends, then waits for the
// deliveries in progress.
func (f *Forwarder) Run(ctx context.Context) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		f.keepRulesFresh(ctx)
	}()
	f.work(ctx)
	<-done
}

// keepRulesFresh reloads the rules every Reload interval; the first load is the builder's
// (wire.NewForwarder loads before the service starts), so the loop waits a tick first.
func (f *Forwarder) keepRulesFresh(ctx context.Context) {
	tick.Every(ctx, f.opt.Reload, func() {
		if err := f.Load(ctx); err != nil && ctx.Err() == nil {
			f.opt.Logger.Warn("reload forwarding rules", zap.Error(err))
		}
	})
}
