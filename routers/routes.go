package routers

import (
	"github.com/gin-gonic/gin"

	"wxcomponent/api/admin"
	"wxcomponent/api/authpage"
	"wxcomponent/api/console"
	"wxcomponent/api/innerservice"
	"wxcomponent/api/wxcallback"
)

// Handlers are the API handlers of every route. A nil handler leaves its routes out,
// so a test mounts only what it builds.
type Handlers struct {
	Push            *wxcallback.PushHandler
	Login           *admin.AuthHandler
	AuthPage        *authpage.AuthPageHandler
	System          *admin.SystemHandler
	Tokens          *admin.TokenHandler
	Secrets         *admin.SecretHandler
	Authorizers     *admin.AuthorizerHandler
	ComponentInfo   *admin.ComponentInfoHandler
	CallbackRecords *admin.CallbackRecordsHandler
	CallbackConfig  *admin.CallbackConfigHandler
	Code            *admin.CodeHandler
	CodeTemplates   *admin.CodeTemplateHandler
	CodeSettings    *admin.CodeSettingsHandler
	BatchRelease    *admin.BatchReleaseHandler
	Forward         *admin.ForwardHandler
	Proxy           *admin.ProxyHandler
	ReleaseCheck    *admin.ReleaseCheckHandler
	Inner           *innerservice.TokenHandler
}

// CallbackRoutes mounts WeChat's pushes on /wxcallback: public, the handler verifies
// each push (signature, decryption, timestamp).
func CallbackRoutes(g gin.IRoutes, h *Handlers) {
	if p := h.Push; p != nil {
		g.POST("/component", p.Component)
		g.GET("/component", p.Echo)
		g.POST("/biz/:appid", p.Biz)
		g.GET("/biz/:appid", p.Echo)
	}
}

// LoginRoutes mounts the console login on /wxcomponent: public, CSRF-checked.
func LoginRoutes(g gin.IRoutes, h *Handlers) {
	if a := h.Login; a != nil {
		g.PUT("/auth", a.Login)
		g.DELETE("/auth", a.Logout)
	}
}

// AuthPageRoutes mounts the authorization page's API on /wxcomponent/authpage: public,
// rate-limited per client IP (and globally where a pre-auth code is minted).
func AuthPageRoutes(g gin.IRoutes, h *Handlers) {
	if p := h.AuthPage; p != nil {
		g.GET("/componentinfo", p.ComponentInfo)
		g.GET("/preauthcode", p.LimitMint, p.PreAuthCode)
		g.GET("/authurl", p.LimitMint, p.AuthURL)
		g.POST("/authcode", p.Limit, p.AuthCode)
	}
}

// AccountRoutes mounts the admin routes a user who must still change the initial password
// may use (signed in, without PasswordChanged): who am I, change it, stay signed in.
func AccountRoutes(g gin.IRoutes, h *Handlers) {
	if a := h.Login; a != nil {
		g.GET("/refresh-auth", a.Refresh)
		g.GET("/me", a.Me)
		g.POST("/userpwd", a.ChangePassword)
	}
	if s := h.System; s != nil {
		g.GET("/system-info", s.Info)
	}
}

// AdminRoutes mounts the console API on /wxcomponent/admin: signed in, initial password
// changed, JSON bodies only (CSRF).
func AdminRoutes(g gin.IRoutes, h *Handlers) {
	if a := h.Login; a != nil {
		g.POST("/username", a.Rename)
	}
	if t := h.Tokens; t != nil {
		g.GET("/ticket", t.Ticket)
		g.GET("/component-access-token", t.ComponentToken)
		g.GET("/authorizer-access-token", t.AuthorizerToken)
		g.GET("/cloudbase-access-token", t.Cloudbase)
	}
	if s := h.Secrets; s != nil {
		g.GET("/secret", s.GetSecret)
		g.POST("/secret", s.SetSecret)
		g.GET("/callback-secrets", s.GetCallback)
		g.POST("/callback-secrets", s.SetCallback)
	}
	if a := h.Authorizers; a != nil {
		g.GET("/authorizer-list", a.List)
		g.POST("/authorizer-refresh", a.Refresh)
		g.POST("/pull-authorizer-list", a.StartSync)
		g.GET("/pull-authorizer-list", a.SyncStatus)
		g.GET("/authorizer-sync", a.SyncStatus)
	}
	if ci := h.ComponentInfo; ci != nil {
		g.POST("/componentinfo", ci.Save)
	}
	if r := h.CallbackRecords; r != nil {
		g.GET("/wx-component-records", r.ListComponent)
		g.GET("/wx-biz-records", r.ListBiz)
		g.GET("/callback-records-stats", r.Stats)
	}
	if cc := h.CallbackConfig; cc != nil {
		g.GET("/callback-config", cc.Get)
	}
	codeRoutes(g, h)
	batchReleaseRoutes(g, h)
	forwardRoutes(g, h)
	gatewayRoutes(g, h)
}

// forwardRoutes mounts the message forwarder: the contract's rule CRUD and test, and the
// delivery log, replay and signing key (docs: FORWARD-API in README "Message forwarding").
func forwardRoutes(g gin.IRoutes, h *Handlers) {
	if f := h.Forward; f != nil {
		g.GET("/callback-proxy-rule-list", f.ListRules)
		g.PUT("/callback-proxy-rule", f.CreateRule)
		g.POST("/callback-proxy-rule", f.UpdateRule)
		g.DELETE("/callback-proxy-rule", f.DeleteRule)
		g.POST("/callback-test", f.TestRule)
		g.GET("/callback-proxy-deliveries", f.Deliveries)
		g.POST("/callback-proxy-replay", f.Replay)
		g.GET("/callback-proxy-rule-key", f.Key)
		g.POST("/callback-proxy-rule-key", f.RotateKey)
	}
}

// gatewayRoutes mounts the proxy configurator and the go-live (全网发布) responder's switch.
func gatewayRoutes(g gin.IRoutes, h *Handlers) {
	if p := h.Proxy; p != nil {
		g.GET("/proxy", p.Get)
		g.POST("/proxy", p.Save)
		g.POST("/proxy-test", p.Test)
	}
	if r := h.ReleaseCheck; r != nil {
		g.GET("/release-check", r.Get)
		g.POST("/release-check", r.Set)
	}
}

// codeRoutes mounts 代开发小程序: one mini program's code, audits and settings (appid in the
// query), and the platform's template library.
func codeRoutes(g gin.IRoutes, h *Handlers) {
	if c := h.Code; c != nil {
		g.GET("/dev-weapp-list", c.DevWeappList)
		g.GET("/dev-versions", c.DevVersions)
		g.GET("/dev-version-history", c.DevVersionHistory)
		g.POST("/commit-code", c.CommitCode)
		g.GET("/page-list", c.PageList)
		g.GET("/category", c.Category)
		g.GET("/qrcode", c.QRCode)
		g.GET("/exp-qrcode", c.ExpQRCode)
		g.POST("/change-visit-status", c.ChangeVisitStatus)
		g.POST("/release-code", c.ReleaseCode)
		g.POST("/rollback-release-version", c.RollbackReleaseVersion)
		g.POST("/submit-audit", c.SubmitAudit)
		g.POST("/revoke-audit", c.RevokeAudit)
		g.POST("/speed-up-audit", c.SpeedUpAudit)
		g.GET("/audit-status", c.AuditStatus)
		g.GET("/audit-screenshot", c.AuditScreenshot)
		g.GET("/audit-quota", c.AuditQuota)
	}
	if t := h.CodeTemplates; t != nil {
		g.GET("/template-list", t.TemplateList)
		g.GET("/template-draft-list", t.TemplateDraftList)
		g.POST("/add-to-template", t.AddToTemplate)
		g.DELETE("/template", t.DeleteTemplate)
	}
	if s := h.CodeSettings; s != nil {
		g.GET("/server-domain", s.ServerDomain)
		g.POST("/server-domain", s.SetServerDomain)
		g.GET("/webview-domain", s.WebviewDomain)
		g.POST("/webview-domain", s.SetWebviewDomain)
		g.GET("/privacy-setting", s.PrivacySetting)
		g.POST("/privacy-setting", s.SetPrivacySetting)
	}
}

// batchReleaseRoutes mounts batch release: one template to many mini programs, as a job.
func batchReleaseRoutes(g gin.IRoutes, h *Handlers) {
	if b := h.BatchRelease; b != nil {
		g.POST("/batch-release/preview", b.Preview)
		g.PUT("/batch-release", b.Create)
		g.GET("/batch-release-list", b.List)
		g.GET("/batch-release", b.Get)
		g.POST("/batch-release/pause", b.Pause)
		g.POST("/batch-release/resume", b.Resume)
		g.POST("/batch-release/cancel", b.Cancel)
		g.POST("/batch-release/retry", b.Retry)
		g.POST("/batch-release/release", b.Release)
	}
}

// UploadRoutes mounts the admin routes that take multipart/form-data uploads (the CSRF
// check allows them here only; their bodies may reach MaxUpload).
func UploadRoutes(g gin.IRoutes, h *Handlers) {
	if c := h.Code; c != nil {
		g.POST(UploadMediaPath, c.UploadMedia)
	}
}

// UploadMediaPath is the audit-material upload under /wxcomponent/admin.
const UploadMediaPath = "/upload-media"

// InnerRoutes mounts the token service on /inner of the loopback listener (Host checked).
func InnerRoutes(g gin.IRoutes, h *Handlers) {
	if t := h.Inner; t != nil {
		g.GET("/component-access-token", t.ComponentToken)
		g.GET("/authorizer-access-token", t.AuthorizerToken)
		g.GET("/ticket", t.Ticket)
	}
}

// consoleRoutes serves the console's page and assets; they need no database.
func consoleRoutes(e gin.IRoutes, c *console.Handler) {
	if c != nil {
		e.GET("/", c.Index)
		e.HEAD("/", c.Index)
		e.GET("/index.html", c.Index)
		e.GET("/wxcomponent/assets/*file", c.Asset)
		e.HEAD("/wxcomponent/assets/*file", c.Asset)
	}
}
