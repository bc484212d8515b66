package admin

import (
	"context"
	"strconv"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"

	"wxcomponent/api/respond"
	"wxcomponent/comm/wx/api"
)

// CodeTemplates is the part of codemgmt.Service the template library pages use (the
// platform's library, reached with the component token).
type CodeTemplates interface {
	TemplateDrafts(ctx context.Context) ([]api.TemplateDraft, error)
	AddToTemplate(ctx context.Context, draftID int64, templateType int) error
	Templates(ctx context.Context, templateType *int) ([]api.Template, error)
	DeleteTemplate(ctx context.Context, templateID int64) error
}

// CodeTemplateHandler serves the template library: drafts, templates, adding and deleting.
type CodeTemplateHandler struct {
	svc CodeTemplates
}

// NewCodeTemplateHandler builds the handler.
func NewCodeTemplateHandler(svc CodeTemplates) *CodeTemplateHandler {
	return &CodeTemplateHandler{svc: svc}
}

// TemplateList answers GET /admin/template-list?templateType (0 normal, 1 standard, absent
// both): {"templateList": [...]} in camelCase.
func (h *CodeTemplateHandler) TemplateList(c *gin.Context) {
	var tt *int
	if s := c.Query("templateType"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			respond.BadRequest(c, "templateType 只能是 0（普通模板）或 1（标准模板）")
			return
		}
		tt = &n
	}
	list, err := h.svc.Templates(c.Request.Context(), tt)
	if err != nil {
		respond.Error(c, err)
		return
	}
	replyCamel(c, map[string]any{"template_list": list})
}

// TemplateDraftList answers GET /admin/template-draft-list: {"draftList": [...]} in camelCase.
func (h *CodeTemplateHandler) TemplateDraftList(c *gin.Context) {
	list, err := h.svc.TemplateDrafts(c.Request.Context())
	if err != nil {
		respond.Error(c, err)
		return
	}
	replyCamel(c, map[string]any{"draft_list": list})
}

// AddToTemplate answers POST /admin/add-to-template with {"draftId", "templateType": 0|1}.
func (h *CodeTemplateHandler) AddToTemplate(c *gin.Context) {
	var req struct {
		DraftID      *int64 `json:"draftId"`
		TemplateType int    `json:"templateType"`
	}
	if !bindJSON(c, &req, `{"draftId": 整数, "templateType": 0 或 1}`) {
		return
	}
	if req.DraftID == nil || *req.DraftID < 0 {
		respond.BadRequest(c, "draftId 必须是不小于 0 的整数")
		return
	}
	err := h.svc.AddToTemplate(c.Request.Context(), *req.DraftID, req.TemplateType)
	if err == nil {
		audit(c, "audit: draft added to the template library", zap.Int64("draft_id", *req.DraftID),
			zap.Int("template_type", req.TemplateType))
	}
	reply(c, nil, err)
}

// DeleteTemplate answers DELETE /admin/template?templateId.
func (h *CodeTemplateHandler) DeleteTemplate(c *gin.Context) {
	id, err := strconv.ParseInt(c.Query("templateId"), 10, 64)
	if err != nil || id < 0 {
		respond.BadRequest(c, "templateId 必须是不小于 0 的整数")
		return
	}
	err = h.svc.DeleteTemplate(c.Request.Context(), id)
	if err == nil {
		audit(c, "audit: template deleted", zap.Int64("template_id", id))
	}
	reply(c, nil, err)
}
