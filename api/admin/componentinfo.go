package admin

import (
	"context"

	"github.com/gin-gonic/gin"

	"wxcomponent/api/respond"
	"wxcomponent/comm/authz"
)

// AuthInfoSaver stores the authorization pages' info (authz.Service implements it).
type AuthInfoSaver interface {
	SaveAuthInfo(ctx context.Context, info authz.AuthInfo) error
}

// ComponentInfoHandler serves POST /componentinfo: name, description and redirect URL of the
// authorization pages. (Reading is public: GET /wxcomponent/authpage/componentinfo.)
type ComponentInfoHandler struct {
	saver AuthInfoSaver
}

// NewComponentInfoHandler builds the handler.
func NewComponentInfoHandler(saver AuthInfoSaver) *ComponentInfoHandler {
	return &ComponentInfoHandler{saver: saver}
}

// Save stores the authorization details posted by the console.
func (h *ComponentInfoHandler) Save(c *gin.Context) {
	// Unknown fields (the console spreads the whole info object, appid included) are ignored.
	var info authz.AuthInfo
	if err := c.ShouldBindJSON(&info); err != nil {
		respond.BadRequest(c, "请求体必须是 JSON：{name, desc, redirectUrl}")
		return
	}
	if err := h.saver.SaveAuthInfo(c.Request.Context(), info); err != nil {
		respond.Error(c, err)
		return
	}
	respond.OK(c, nil)
}
