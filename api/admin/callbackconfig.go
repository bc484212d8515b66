package admin

import (
	"context"
	"strings"

	"github.com/gin-gonic/gin"

	"wxcomponent/api/respond"
	"wxcomponent/comm/config"
	"wxcomponent/middleware"
)

// Paths of the two push URLs, as configured in the WeChat console.
const (
	componentCallbackPath = "/wxcallback/component"
	bizCallbackPath       = "/wxcallback/biz/$APPID$"
)

// CallbackKeySource tells which callback keys are configured (secrets.Service).
type CallbackKeySource interface {
	CallbackKeys(ctx context.Context) (token, aesKey string, previousAESKeys []string, err error)
}

// CallbackConfigInfo is the deployment information the callback configuration is built from.
type CallbackConfigInfo struct {
	Mode     string // config.ModeStandard or config.ModeCloudRun
	AppID    string // component appid
	EnvID    string // CBR_ENV_ID
	Hostname string // HOSTNAME; the service name is its part before the first '-'
}

// CallbackConfigHandler tells the operator what to enter in the WeChat console.
type CallbackConfigHandler struct {
	info CallbackConfigInfo
	keys CallbackKeySource
}

// NewCallbackConfigHandler builds the handler.
func NewCallbackConfigHandler(info CallbackConfigInfo, keys CallbackKeySource) *CallbackConfigHandler {
	return &CallbackConfigHandler{info: info, keys: keys}
}

type callbackConfigView struct {
	EnvID                    string `json:"envId"`
	Service                  string `json:"service"`
	ComponentPath            string `json:"componentPath"`
	BizPath                  string `json:"bizPath"`
	TextMode                 string `json:"textMode"`
	Mode                     string `json:"mode"`
	AppID                    string `json:"appid"`
	ComponentURL             string `json:"componentUrl"`
	BizURL                   string `json:"bizUrl"`
	TokenConfigured          bool   `json:"tokenConfigured"`
	EncodingAESKeyConfigured bool   `json:"encodingAESKeyConfigured"`
}

// Get handles GET /callback-config: the contract's fields plus the mode, the absolute URLs and
// whether the keys are set (never the keys themselves).
func (h *CallbackConfigHandler) Get(c *gin.Context) {
	token, aesKey, _, err := h.keys.CallbackKeys(c.Request.Context())
	if err != nil {
		respond.Error(c, err)
		return
	}
	base := requestBase(c)
	v := callbackConfigView{
		EnvID: h.info.EnvID, Service: strings.SplitN(h.info.Hostname, "-", 2)[0],
		ComponentPath: componentCallbackPath, BizPath: bizCallbackPath, TextMode: "xml",
		Mode: h.info.Mode, AppID: h.info.AppID,
		ComponentURL: base + componentCallbackPath, BizURL: base + bizCallbackPath,
		TokenConfigured: token != "", EncodingAESKeyConfigured: aesKey != "",
	}
	if h.info.Mode == config.ModeCloudRun {
		v.TextMode = "json" // CloudRun delivers plaintext JSON; the public URL is always XML
	}
	respond.OK(c, v)
}

// requestBase is scheme://host as the browser reached us; the scheme follows middleware.IsHTTPS,
// the rule the session cookie and the auth links use too.
func requestBase(c *gin.Context) string {
	scheme := "http"
	if middleware.IsHTTPS(c) {
		scheme = "https"
	}
	return scheme + "://" + c.Request.Host
}
