package admin

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"

	"wxcomponent/api/respond"
	"wxcomponent/comm/wx/api"
)

// SubmitAudit answers POST /admin/submit-audit?appid with the console's camelCase body
// (itemList, previewInfo, versionDesc, feedbackInfo, feedbackStuff, ugcDeclare): {"auditId"}.
func (h *CodeHandler) SubmitAudit(c *gin.Context) {
	appid, ok := appidQuery(c)
	if !ok {
		return
	}
	var req api.SubmitAuditRequest
	if !bindJSON(c, &req, "{itemList, previewInfo, versionDesc, feedbackInfo, feedbackStuff, ugcDeclare}") {
		return
	}
	id, err := h.svc.SubmitAudit(c.Request.Context(), appid, req)
	if err != nil {
		respond.Error(c, err)
		return
	}
	audit(c, "audit: code submitted for audit", zap.String("appid", appid), zap.Int64("audit_id", id))
	respond.OK(c, gin.H{"auditId": id})
}

// RevokeAudit answers POST /admin/revoke-audit?appid: the audit in progress is withdrawn.
func (h *CodeHandler) RevokeAudit(c *gin.Context) {
	appid, ok := appidQuery(c)
	if !ok {
		return
	}
	err := h.svc.RevokeAudit(c.Request.Context(), appid)
	if err == nil {
		audit(c, "audit: audit withdrawn", zap.String("appid", appid))
	}
	reply(c, nil, err)
}

// SpeedUpAudit answers POST /admin/speed-up-audit?appid&auditId; without auditId (the console
// sends none) the audit in progress is hurried.
func (h *CodeHandler) SpeedUpAudit(c *gin.Context) {
	appid, ok := appidQuery(c)
	if !ok {
		return
	}
	id, ok := auditIDQuery(c, false)
	if !ok {
		return
	}
	reply(c, nil, h.svc.SpeedUpAudit(c.Request.Context(), appid, id))
}

// AuditStatus answers GET /admin/audit-status?appid&auditId, asking WeChat (and recording what
// it says).
func (h *CodeHandler) AuditStatus(c *gin.Context) {
	appid, ok := appidQuery(c)
	if !ok {
		return
	}
	id, ok := auditIDQuery(c, true)
	if !ok {
		return
	}
	info, err := h.svc.AuditStatus(c.Request.Context(), appid, id)
	reply(c, info, err)
}

// auditIDQuery reads auditId: a positive integer, or 0 when absent and not required.
func auditIDQuery(c *gin.Context, required bool) (int64, bool) {
	s := c.Query("auditId")
	if s == "" && !required {
		return 0, true
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id < 0 || (required && id == 0) {
		respond.BadRequest(c, "auditId 必须是正整数")
		return 0, false
	}
	return id, true
}

// maxMediaID bounds a media id (WeChat's are 64 characters).
const maxMediaID = 128

// AuditScreenshot answers GET /admin/audit-screenshot?appid&mediaId with the image itself: a
// screenshot WeChat attached to a rejection of this account.
func (h *CodeHandler) AuditScreenshot(c *gin.Context) {
	appid, ok := appidQuery(c)
	if !ok {
		return
	}
	mediaID := c.Query("mediaId")
	if mediaID == "" || len(mediaID) > maxMediaID {
		respond.BadRequest(c, "mediaId 不能为空")
		return
	}
	img, err := h.svc.Screenshot(c.Request.Context(), appid, mediaID)
	if err != nil {
		respond.Error(c, err)
		return
	}
	ct := img.ContentType
	if !strings.HasPrefix(ct, "image/") {
		ct = http.DetectContentType(img.Data) // the stored type is WeChat's word; check the bytes
	}
	if !strings.HasPrefix(ct, "image/") {
		ct = "application/octet-stream" // never rendered as a page
	}
	c.Header("Cache-Control", "private, max-age=86400") // a media id's image never changes
	c.Data(http.StatusOK, ct, img.Data)
}

// AuditQuota answers GET /admin/audit-quota (optional appid): the platform's monthly audit and
// speed-up quotas.
func (h *CodeHandler) AuditQuota(c *gin.Context) {
	appid := ""
	if c.Query("appid") != "" {
		var ok bool
		if appid, ok = appidQuery(c); !ok {
			return
		}
	}
	q, err := h.svc.PlatformQuota(c.Request.Context(), appid)
	if err != nil {
		respond.Error(c, err)
		return
	}
	replyCamel(c, q)
}
