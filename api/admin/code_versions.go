package admin

import (
	"encoding/base64"

	"github.com/gin-gonic/gin"

	"wxcomponent/api/respond"
	"wxcomponent/comm/codemgmt"
	"wxcomponent/comm/wx/api"
)

// DevVersions answers GET /admin/dev-versions?appid&refresh: the experience, audit and online
// versions as stored (refresh=1 reads them from WeChat first), with the versions' QR codes as
// base64 (releaseInfo.releaseQrCode, expInfo.expQrCode) as the contract has them.
func (h *CodeHandler) DevVersions(c *gin.Context) {
	appid, ok := appidQuery(c)
	if !ok {
		return
	}
	refresh := c.Query("refresh")
	if refresh != "" && refresh != "0" && refresh != "1" {
		respond.BadRequest(c, "refresh 只能是 0 或 1")
		return
	}
	page, err := h.svc.VersionPage(c.Request.Context(), appid, refresh == "1")
	if err != nil {
		respond.Error(c, err)
		return
	}
	respond.OK(c, versionPageView(page))
}

// versionsView is dev-versions' data: the stored versions, the QR codes inside their infos.
type versionsView struct {
	*codemgmt.Versions
	ReleaseInfo *releaseView `json:"releaseInfo,omitempty"`
	ExpInfo     *expView     `json:"expInfo,omitempty"`
}

type releaseView struct {
	*codemgmt.ReleaseInfo
	ReleaseQrCode string `json:"releaseQrCode,omitempty"`
}

type expView struct {
	*codemgmt.ExpInfo
	ExpQrCode string `json:"expQrCode,omitempty"`
}

// versionPageView renders the page.
func versionPageView(p *codemgmt.VersionPage) versionsView {
	v := versionsView{Versions: p.Versions}
	if p.ReleaseInfo != nil {
		v.ReleaseInfo = &releaseView{ReleaseInfo: p.ReleaseInfo, ReleaseQrCode: base64Of(p.ReleaseQRCode)}
	}
	if p.ExpInfo != nil {
		v.ExpInfo = &expView{ExpInfo: p.ExpInfo, ExpQrCode: base64Of(p.ExpQRCode)}
	}
	return v
}

// base64Of encodes an image for JSON ("" when there is none).
func base64Of(img *api.Image) string {
	if img == nil {
		return ""
	}
	return base64.StdEncoding.EncodeToString(img.Data)
}

// Bounds of dev-version-history's limit.
const (
	defaultHistoryLimit = 20
	maxHistoryLimit     = 100
)

// DevVersionHistory answers GET /admin/dev-version-history?appid&limit: the stored versions,
// newest first, each with its state changes.
func (h *CodeHandler) DevVersionHistory(c *gin.Context) {
	appid, ok := appidQuery(c)
	if !ok {
		return
	}
	limit, ok := intQuery(c, "limit", defaultHistoryLimit, 1, maxHistoryLimit)
	if !ok {
		respond.BadRequest(c, "limit 必须是 1 到 100 之间的整数")
		return
	}
	records, err := h.svc.VersionRecords(c.Request.Context(), appid, limit)
	reply(c, gin.H{"records": records}, err)
}
