package wire

import (
	"context"
	"fmt"

	"go.uber.org/zap"

	"wxcomponent/comm/batchrelease"
	"wxcomponent/comm/codemgmt"
	"wxcomponent/comm/wx/msg"
	"wxcomponent/db/dao"
)

// CodeManagement is 代开发小程序: the per-account service with its audit poller, and the
// batch-release engine that deploys one template to many mini programs.
type CodeManagement struct {
	Service *codemgmt.Service
	Batch   *batchrelease.Engine
	// Poller tunes the fallback that asks WeChat about audits whose push never came.
	Poller codemgmt.PollerOptions
}

// CodeManagementConfig tunes the engine; zero values are the production defaults.
type CodeManagementConfig struct {
	Batch  batchrelease.Options // Store, WeChat and Logger are set here
	Poller codemgmt.PollerOptions
	Logger *zap.Logger // default no-op
}

// NewCodeManagement builds code management on store, calling WeChat through c.
func NewCodeManagement(store *dao.Store, c *Credentials, cfg CodeManagementConfig) *CodeManagement {
	log := cfg.Logger
	if log == nil {
		log = zap.NewNop()
	}
	b := cfg.Batch
	b.Store, b.WeChat, b.Logger = store, c.WeChat, log.Named("batch")
	return &CodeManagement{
		Service: codemgmt.New(codemgmt.Deps{Store: store, WeChat: c.WeChat, Log: log.Named("code")}),
		Batch:   batchrelease.New(b),
		Poller:  cfg.Poller,
	}
}

// Workers are the audit poller and the batch runner.
func (m *CodeManagement) Workers() []func(ctx context.Context) {
	return []func(ctx context.Context){
		func(ctx context.Context) { m.Service.RunPoller(ctx, m.Poller) },
		m.Batch.Run,
	}
}

// HandleAuditPush records an audit result pushed for appid (comm/dispatch sends only the
// weapp_audit_* events here), then lets a batch waiting on that account's audit look at it now
// instead of at its next poll. Both steps are safe to repeat.
func (m *CodeManagement) HandleAuditPush(ctx context.Context, appid string, p *msg.Message) error {
	if err := m.Service.HandleAuditPush(ctx, appid, p); err != nil {
		return err
	}
	if err := m.Batch.AuditResult(ctx, appid); err != nil {
		return fmt.Errorf("tell batches about the audit of %s: %w", appid, err)
	}
	return nil
}
