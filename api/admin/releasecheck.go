package admin

import (
	"context"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"

	"wxcomponent/api/respond"
)

// ReleaseCheckSwitch is the go-live responder's switch (releasecheck.Responder).
type ReleaseCheckSwitch interface {
	Enabled() bool
	SetEnabled(ctx context.Context, on bool) error
}

// ReleaseCheckHandler serves GET/POST /release-check {enabled}.
type ReleaseCheckHandler struct{ sw ReleaseCheckSwitch }

// NewReleaseCheckHandler builds the handler.
func NewReleaseCheckHandler(sw ReleaseCheckSwitch) *ReleaseCheckHandler {
	return &ReleaseCheckHandler{sw: sw}
}

type releaseCheckView struct {
	Enabled bool `json:"enabled"`
}

// Get answers whether the go-live responder is on.
func (h *ReleaseCheckHandler) Get(c *gin.Context) {
	respond.OK(c, releaseCheckView{Enabled: h.sw.Enabled()})
}

// Set switches it; every instance follows within seconds.
func (h *ReleaseCheckHandler) Set(c *gin.Context) {
	var req struct {
		Enabled *bool `json:"enabled"`
	}
	if !bindJSON(c, &req, `{"enabled": true 或 false}`) {
		return
	}
	if req.Enabled == nil {
		respond.BadRequest(c, `缺少 enabled (enabled is required)`)
		return
	}
	if err := h.sw.SetEnabled(c.Request.Context(), *req.Enabled); err != nil {
		respond.Error(c, err)
		return
	}
	audit(c, "audit: release check switched", zap.Bool("enabled", *req.Enabled))
	respond.OK(c, releaseCheckView{Enabled: *req.Enabled})
}
