package admin

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"regexp"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"

	"wxcomponent/api/errno"
	"wxcomponent/api/respond"
	"wxcomponent/comm/codemgmt"
	"wxcomponent/comm/wx/api"
)

// CodeService is the part of codemgmt.Service the per-account code pages use (代开发小程序).
type CodeService interface {
	ListDevWeapps(ctx context.Context, q codemgmt.DevWeappQuery) (codemgmt.DevWeappPage, error)
	VersionPage(ctx context.Context, appid string, refresh bool) (*codemgmt.VersionPage, error)
	VersionRecords(ctx context.Context, appid string, limit int) ([]codemgmt.VersionWithEvents, error)
	Commit(ctx context.Context, appid string, req api.CommitRequest) error
	Pages(ctx context.Context, appid string) ([]string, error)
	Categories(ctx context.Context, appid string) ([]api.Category, error)
	ReleaseQRCode(ctx context.Context, appid string) (api.Image, error)
	ExperienceQRCode(ctx context.Context, appid, path string) (api.Image, error)
	ChangeVisitStatus(ctx context.Context, appid, action string) error
	Release(ctx context.Context, appid string) error
	Rollback(ctx context.Context, appid string, appVersion int64) error

	UploadMedia(ctx context.Context, appid, mediaType, filename string, data []byte) (api.TempMedia, error)
	SubmitAudit(ctx context.Context, appid string, req api.SubmitAuditRequest) (int64, error)
	RevokeAudit(ctx context.Context, appid string) error
	SpeedUpAudit(ctx context.Context, appid string, auditID int64) error
	AuditStatus(ctx context.Context, appid string, auditID int64) (*codemgmt.AuditInfo, error)
	Screenshot(ctx context.Context, appid, mediaID string) (api.Image, error)
	PlatformQuota(ctx context.Context, appid string) (api.AuditQuota, error)
}

// CodeHandler serves the code management of one authorized mini program at a time: commits,
// audits, releases, rollbacks, QR codes and the list of managed accounts. Every method answers
// one route; the routes live in routers/.
type CodeHandler struct {
	svc CodeService
}

// NewCodeHandler builds the handler.
func NewCodeHandler(svc CodeService) *CodeHandler { return &CodeHandler{svc: svc} }

// Page size bounds of dev-weapp-list (contract: default 10, more than 20 is refused).
const (
	defaultDevWeappLimit = 10
	maxDevWeappLimit     = 20
)

// DevWeappList answers GET /admin/dev-weapp-list?offset&limit&appid from stored state: the
// mini programs that granted permission set 18 exactly.
func (h *CodeHandler) DevWeappList(c *gin.Context) {
	offset, ok := intQuery(c, "offset", 0, 0, -1)
	if !ok {
		respond.BadRequest(c, "offset 必须是不小于 0 的整数")
		return
	}
	limit, ok := intQuery(c, "limit", defaultDevWeappLimit, 1, maxDevWeappLimit)
	if !ok {
		respond.BadRequest(c, "limit 必须是 1 到 20 之间的整数")
		return
	}
	appid := c.Query("appid") // an exact-match filter: any other text simply matches nothing
	if len(appid) > 64 {
		respond.BadRequest(c, "appid 过长")
		return
	}
	page, err := h.svc.ListDevWeapps(c.Request.Context(), codemgmt.DevWeappQuery{AppID: appid, Offset: offset, Limit: limit})
	reply(c, page, err)
}

// CommitCode answers POST /admin/commit-code?appid with {templateId (string or number),
// extJson, userVersion, userDesc}.
func (h *CodeHandler) CommitCode(c *gin.Context) {
	appid, ok := appidQuery(c)
	if !ok {
		return
	}
	var req api.CommitRequest
	if !bindJSON(c, &req, "{templateId, extJson, userVersion, userDesc}") {
		return
	}
	err := h.svc.Commit(c.Request.Context(), appid, req)
	if err == nil {
		audit(c, "audit: code committed", zap.String("appid", appid), zap.Int64("template_id", int64(req.TemplateID)),
			zap.String("user_version", req.UserVersion))
	}
	reply(c, nil, err)
}

// PageList answers GET /admin/page-list?appid: the pages of the committed code.
func (h *CodeHandler) PageList(c *gin.Context) {
	appid, ok := appidQuery(c)
	if !ok {
		return
	}
	pages, err := h.svc.Pages(c.Request.Context(), appid)
	reply(c, gin.H{"pageList": pages}, err)
}

// Category answers GET /admin/category?appid: the account's service categories.
func (h *CodeHandler) Category(c *gin.Context) {
	appid, ok := appidQuery(c)
	if !ok {
		return
	}
	list, err := h.svc.Categories(c.Request.Context(), appid)
	if err != nil {
		respond.Error(c, err)
		return
	}
	replyCamel(c, map[string]any{"category_list": list})
}

// QRCode answers GET /admin/qrcode?appid: the online version's mini-program code as base64.
func (h *CodeHandler) QRCode(c *gin.Context) {
	appid, ok := appidQuery(c)
	if !ok {
		return
	}
	img, err := h.svc.ReleaseQRCode(c.Request.Context(), appid)
	reply(c, gin.H{"releaseQrCode": base64Of(&img)}, err)
}

// maxQRPath bounds exp-qrcode's path (a page and its query).
const maxQRPath = 1024

// ExpQRCode answers GET /admin/exp-qrcode?appid&path: the experience version's QR code as
// base64, opening path when given.
func (h *CodeHandler) ExpQRCode(c *gin.Context) {
	appid, ok := appidQuery(c)
	if !ok {
		return
	}
	path := c.Query("path")
	if len(path) > maxQRPath {
		respond.BadRequest(c, "path 过长")
		return
	}
	img, err := h.svc.ExperienceQRCode(c.Request.Context(), appid, path)
	reply(c, gin.H{"expQrCode": base64Of(&img)}, err)
}

// ChangeVisitStatus answers POST /admin/change-visit-status?appid with {"action": "open" or
// "close"}.
func (h *CodeHandler) ChangeVisitStatus(c *gin.Context) {
	appid, ok := appidQuery(c)
	if !ok {
		return
	}
	var req struct {
		Action string `json:"action"`
	}
	if !bindJSON(c, &req, `{"action": "open" 或 "close"}`) {
		return
	}
	err := h.svc.ChangeVisitStatus(c.Request.Context(), appid, req.Action)
	if err == nil {
		audit(c, "audit: visit status changed", zap.String("appid", appid), zap.String("action", req.Action))
	}
	reply(c, nil, err)
}

// ReleaseCode answers POST /admin/release-code?appid: the approved version goes online.
func (h *CodeHandler) ReleaseCode(c *gin.Context) {
	appid, ok := appidQuery(c)
	if !ok {
		return
	}
	err := h.svc.Release(c.Request.Context(), appid)
	if err == nil {
		audit(c, "audit: code released", zap.String("appid", appid))
	}
	reply(c, nil, err)
}

// RollbackReleaseVersion answers POST /admin/rollback-release-version?appid: the previous
// version goes back online.
func (h *CodeHandler) RollbackReleaseVersion(c *gin.Context) {
	appid, ok := appidQuery(c)
	if !ok {
		return
	}
	err := h.svc.Rollback(c.Request.Context(), appid, 0)
	if err == nil {
		audit(c, "audit: release rolled back", zap.String("appid", appid))
	}
	reply(c, nil, err)
}

// appidShape is a WeChat appid: "wx" and 16 lowercase hex digits.
var appidShape = regexp.MustCompile(`^wx[0-9a-f]{16}$`)

// appidQuery reads the required appid parameter, answering 1001 when it is missing or malformed.
func appidQuery(c *gin.Context) (string, bool) {
	appid := c.Query("appid")
	switch {
	case appid == "":
		respond.BadRequest(c, "appid 不能为空")
		return "", false
	case !appidShape.MatchString(appid):
		respond.BadRequest(c, "appid 格式不正确：应为 wx 加 16 位小写十六进制字符")
		return "", false
	}
	return appid, true
}

// bindJSON decodes the body into v, answering 1001 naming the expected shape when it fails.
func bindJSON(c *gin.Context, v any, shape string) bool {
	err := c.ShouldBindJSON(v)
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		respond.Code(c, errno.ErrInvalidParam.WithStatus(http.StatusRequestEntityTooLarge), "请求体过大")
		return false
	case err != nil:
		respond.BadRequest(c, "请求体必须是 JSON："+shape+"（"+err.Error()+"）")
		return false
	}
	return true
}

// reply answers err through the error table, or data.
func reply(c *gin.Context, data any, err error) {
	if err != nil {
		respond.Error(c, err)
		return
	}
	respond.OK(c, data)
}

// replyCamel answers v (WeChat's snake_case types) with camelCase keys, as the console reads them.
func replyCamel(c *gin.Context, v any) {
	b, err := api.CamelJSON(v)
	if err != nil {
		respond.Error(c, err)
		return
	}
	respond.OK(c, json.RawMessage(b))
}
