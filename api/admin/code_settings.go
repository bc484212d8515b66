package admin

import (
	"context"
	"strconv"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"

	"wxcomponent/api/respond"
	"wxcomponent/comm/wx/api"
)

// CodeSettings is the part of codemgmt.Service the per-account settings pages use: what an
// account needs set before its code passes an audit.
type CodeSettings interface {
	ServerDomains(ctx context.Context, appid, action string, d api.Domains) (api.Domains, error)
	WebviewDomains(ctx context.Context, appid, action string, domains []string) ([]string, error)
	PrivacySetting(ctx context.Context, appid string, ver int) (api.PrivacyInfo, error)
	SetPrivacySetting(ctx context.Context, appid string, p api.PrivacySetting) error
}

// CodeSettingsHandler serves server domains, web-view domains and the privacy guide.
type CodeSettingsHandler struct {
	svc CodeSettings
}

// NewCodeSettingsHandler builds the handler.
func NewCodeSettingsHandler(svc CodeSettings) *CodeSettingsHandler {
	return &CodeSettingsHandler{svc: svc}
}

// domainsView is the server-domain body and answer in the console's spelling; every list is
// present ([] when empty).
type domainsView struct {
	Action          string   `json:"action,omitempty"`
	RequestDomain   []string `json:"requestDomain"`
	WSRequestDomain []string `json:"wsRequestDomain"`
	UploadDomain    []string `json:"uploadDomain"`
	DownloadDomain  []string `json:"downloadDomain"`
	UDPDomain       []string `json:"udpDomain"`
	TCPDomain       []string `json:"tcpDomain"`
}

// viewOf renders WeChat's lists.
func viewOf(d api.Domains) domainsView {
	l := func(s []string) []string {
		if s == nil {
			return []string{}
		}
		return s
	}
	return domainsView{RequestDomain: l(d.RequestDomain), WSRequestDomain: l(d.WSRequestDomain),
		UploadDomain: l(d.UploadDomain), DownloadDomain: l(d.DownloadDomain), UDPDomain: l(d.UDPDomain), TCPDomain: l(d.TCPDomain)}
}

// ServerDomain answers GET /admin/server-domain?appid: the server domains.
func (h *CodeSettingsHandler) ServerDomain(c *gin.Context) {
	appid, ok := appidQuery(c)
	if !ok {
		return
	}
	d, err := h.svc.ServerDomains(c.Request.Context(), appid, "get", api.Domains{})
	reply(c, viewOf(d), err)
}

// SetServerDomain answers POST /admin/server-domain?appid with {"action": "set|add|delete",
// requestDomain, wsRequestDomain, uploadDomain, downloadDomain, udpDomain, tcpDomain}: the
// lists as they are afterwards.
func (h *CodeSettingsHandler) SetServerDomain(c *gin.Context) {
	appid, ok := appidQuery(c)
	if !ok {
		return
	}
	var req domainsView
	if !bindJSON(c, &req, `{"action": "set|add|delete", "requestDomain": [...], ...}`) || !editAction(c, req.Action) {
		return
	}
	d, err := h.svc.ServerDomains(c.Request.Context(), appid, req.Action, api.Domains{RequestDomain: req.RequestDomain,
		WSRequestDomain: req.WSRequestDomain, UploadDomain: req.UploadDomain, DownloadDomain: req.DownloadDomain,
		UDPDomain: req.UDPDomain, TCPDomain: req.TCPDomain})
	if err == nil {
		audit(c, "audit: server domains changed", zap.String("appid", appid), zap.String("action", req.Action))
	}
	reply(c, viewOf(d), err)
}

// WebviewDomain answers GET /admin/webview-domain?appid: {"webviewDomain": [...]}.
func (h *CodeSettingsHandler) WebviewDomain(c *gin.Context) {
	appid, ok := appidQuery(c)
	if !ok {
		return
	}
	list, err := h.svc.WebviewDomains(c.Request.Context(), appid, "get", nil)
	reply(c, gin.H{"webviewDomain": list}, err)
}

// SetWebviewDomain answers POST /admin/webview-domain?appid with {"action": "set|add|delete",
// "webviewDomain": [...]}: the list as it is afterwards.
func (h *CodeSettingsHandler) SetWebviewDomain(c *gin.Context) {
	appid, ok := appidQuery(c)
	if !ok {
		return
	}
	var req struct {
		Action        string   `json:"action"`
		WebviewDomain []string `json:"webviewDomain"`
	}
	if !bindJSON(c, &req, `{"action": "set|add|delete", "webviewDomain": [...]}`) || !editAction(c, req.Action) {
		return
	}
	list, err := h.svc.WebviewDomains(c.Request.Context(), appid, req.Action, req.WebviewDomain)
	if err == nil {
		audit(c, "audit: web-view domains changed", zap.String("appid", appid), zap.String("action", req.Action))
	}
	reply(c, gin.H{"webviewDomain": list}, err)
}

// editAction accepts the actions that change domains (reading is the GET route).
func editAction(c *gin.Context, action string) bool {
	if action != "set" && action != "add" && action != "delete" {
		respond.BadRequest(c, "action 只能是 set、add 或 delete")
		return false
	}
	return true
}

// PrivacySetting answers GET /admin/privacy-setting?appid&privacyVer (1 online, 2 the next
// commit's, the default): WeChat's getprivacysetting answer in camelCase.
func (h *CodeSettingsHandler) PrivacySetting(c *gin.Context) {
	appid, ok := appidQuery(c)
	if !ok {
		return
	}
	ver := api.PrivacyDevelopment
	if s := c.Query("privacyVer"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || (n != api.PrivacyOnline && n != api.PrivacyDevelopment) {
			respond.BadRequest(c, "privacyVer 只能是 1（线上版本）或 2（开发版本）")
			return
		}
		ver = n
	}
	info, err := h.svc.PrivacySetting(c.Request.Context(), appid, ver)
	if err != nil {
		respond.Error(c, err)
		return
	}
	replyCamel(c, info)
}

// SetPrivacySetting answers POST /admin/privacy-setting?appid with setprivacysetting's body in
// camelCase (ownerSetting, settingList, privacyVer).
func (h *CodeSettingsHandler) SetPrivacySetting(c *gin.Context) {
	appid, ok := appidQuery(c)
	if !ok {
		return
	}
	var req api.PrivacySetting
	if !bindJSON(c, &req, "{ownerSetting, settingList, privacyVer}") {
		return
	}
	err := h.svc.SetPrivacySetting(c.Request.Context(), appid, req)
	if err == nil {
		audit(c, "audit: privacy guide changed", zap.String("appid", appid), zap.Int("privacy_ver", req.PrivacyVer))
	}
	reply(c, nil, err)
}
