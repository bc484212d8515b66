// Package codemgmt manages authorizer mini programs' code on the merchants' behalf (代开发小程序,
// permission set 18): templates, commits, audits, releases and rollbacks, the per-account
// settings a release needs, and the audit state machine of every version, kept in the database
// and moved by WeChat's weapp_audit_* pushes, by polling, and by the operator's own actions.
// Each method is a thin step over comm/wx/api plus the state it records. It knows nothing of
// HTTP; WeChat failures come back as *WeChatError with the errcode and a Chinese hint.
package codemgmt

import (
	"context"
	"time"

	"go.uber.org/zap"

	"wxcomponent/comm/wx/api"
	"wxcomponent/db/dao"
)

// FuncCodeManagement is the permission set an account must grant for code management.
const FuncCodeManagement = 18

// WeChat is the part of the API client (*api.Client) code management needs.
type WeChat interface {
	GetTemplateDraftList(ctx context.Context) ([]api.TemplateDraft, error)
	AddToTemplate(ctx context.Context, draftID int64, templateType int) error
	GetTemplateList(ctx context.Context, templateType *int) ([]api.Template, error)
	DeleteTemplate(ctx context.Context, templateID int64) error

	Commit(ctx context.Context, appid string, req api.CommitRequest) error
	GetPage(ctx context.Context, appid string) ([]string, error)
	GetCategory(ctx context.Context, appid string) ([]api.Category, error)
	GetQRCode(ctx context.Context, appid, path string) (api.Image, error)
	GetUnlimitedQRCode(ctx context.Context, appid string, req api.WxaCodeRequest) (api.Image, error)
	GetVersionInfo(ctx context.Context, appid string) (api.VersionInfo, error)
	GetVisitStatus(ctx context.Context, appid string) (int, error)
	ChangeVisitStatus(ctx context.Context, appid, action string) error

	UploadAuditMedia(ctx context.Context, appid, filename string, data []byte) (api.AuditMedia, error)
	UploadTempMedia(ctx context.Context, appid, mediaType, filename string, data []byte) (api.TempMedia, error)
	GetMaterial(ctx context.Context, appid, mediaID string) (api.Image, error)

	SubmitAudit(ctx context.Context, appid string, req api.SubmitAuditRequest) (int64, error)
	GetAuditStatus(ctx context.Context, appid string, auditID int64) (api.AuditStatus, error)
	GetLatestAuditStatus(ctx context.Context, appid string) (api.AuditStatus, bool, error)
	UndoCodeAudit(ctx context.Context, appid string) error
	SpeedUpAudit(ctx context.Context, appid string, auditID int64) error
	QueryQuota(ctx context.Context, appid string) (api.AuditQuota, error)

	Release(ctx context.Context, appid string) error
	RevertCodeRelease(ctx context.Context, appid string, appVersion int64) error
	GetHistoryVersions(ctx context.Context, appid string) ([]api.HistoryVersion, error)

	ModifyDomain(ctx context.Context, appid, action string, d api.Domains) (api.Domains, error)
	SetWebviewDomain(ctx context.Context, appid, action string, domains []string) ([]string, error)
	SetPrivacySetting(ctx context.Context, appid string, s api.PrivacySetting) error
	GetPrivacySetting(ctx context.Context, appid string, ver int) (api.PrivacyInfo, error)
	GetCodePrivacyInfo(ctx context.Context, appid string) (api.CodePrivacyInfo, error)
}

// Deps is what main hands the Service.
type Deps struct {
	Store  *dao.Store
	WeChat WeChat // the client bound to the token manager
	Now    func() time.Time
	Log    *zap.Logger
}

// Service runs code management. Safe for concurrent use: its state lives in the database and
// every state change is a conditional update, so instances and concurrent pushes agree.
type Service struct {
	store *dao.Store
	wx    WeChat
	now   func() time.Time
	log   *zap.Logger
}

// New builds the Service.
func New(d Deps) *Service {
	now, log := d.Now, d.Log
	if now == nil {
		now = time.Now
	}
	if log == nil {
		log = zap.NewNop()
	}
	return &Service{store: d.Store, wx: d.WeChat, now: func() time.Time { return now().UTC() }, log: log.Named("codemgmt")}
}
