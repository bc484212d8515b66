package admin

import (
	"runtime"
	"time"

	"github.com/gin-gonic/gin"

	"wxcomponent/api/respond"
)

// SystemInfo describes the running service for the home and version pages.
type SystemInfo struct {
	Version      string `json:"version"`
	Commit       string `json:"commit"`
	BuildTime    string `json:"buildTime"`
	GoVersion    string `json:"goVersion"`
	DB           string `json:"db"`
	CallbackMode string `json:"callbackMode"`
	AppID        string `json:"appid"`
	StartedAt    int64  `json:"startedAt"`
}

// SystemHandler serves /admin/system-info.
type SystemHandler struct{ info SystemInfo }

// NewSystemHandler captures the facts once at start.
func NewSystemHandler(info SystemInfo, started time.Time) *SystemHandler {
	info.GoVersion = runtime.Version()
	info.StartedAt = started.Unix()
	return &SystemHandler{info: info}
}

// Info answers the facts captured at start.
func (h *SystemHandler) Info(c *gin.Context) { respond.OK(c, h.info) }
