package api

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
)

// Template-library paths (wechat-protocol.md §5.4); they carry the component token.
const (
	PathGetTemplateDraftList = "/wxa/gettemplatedraftlist"
	PathAddToTemplate        = "/wxa/addtotemplate"
	PathGetTemplateList      = "/wxa/gettemplatelist"
	PathDeleteTemplate       = "/wxa/deletetemplate"
)

// Template types of addtotemplate and gettemplatelist.
const (
	TemplateNormal   = 0 // 普通模板
	TemplateStandard = 1 // 标准模板 (being retired by WeChat)
)

// Category is a mini-program service category (get_category, template category_list,
// submit_audit items). third_* are present only for three-level categories.
type Category struct {
	FirstClass  string `json:"first_class"`
	SecondClass string `json:"second_class"`
	ThirdClass  string `json:"third_class,omitempty"`
	FirstID     int64  `json:"first_id"`
	SecondID    int64  `json:"second_id"`
	ThirdID     int64  `json:"third_id,omitempty"`
}

// TemplateDraft is one entry of the draft box (uploads from the developer tools).
type TemplateDraft struct {
	DraftID                int64      `json:"draft_id"`
	CreateTime             int64      `json:"create_time"`
	UserVersion            string     `json:"user_version"`
	UserDesc               string     `json:"user_desc"`
	SourceMiniprogramAppID string     `json:"source_miniprogram_appid,omitempty"`
	SourceMiniprogram      string     `json:"source_miniprogram,omitempty"`
	Developer              string     `json:"developer,omitempty"`
	CategoryList           []Category `json:"category_list,omitempty"`
}

// Template is one entry of the template library. AuditScene, AuditStatus and Reason concern
// standard templates only (audit_status: 0 not submitted, 1 auditing, 2 rejected, 3 passed,
// 4 submitting, 5 submit failed).
type Template struct {
	TemplateID             FlexInt    `json:"template_id"` // an old doc typed it as a string
	DraftID                int64      `json:"draft_id"`
	CreateTime             int64      `json:"create_time"`
	UserVersion            string     `json:"user_version"`
	UserDesc               string     `json:"user_desc"`
	TemplateType           int        `json:"template_type"`
	SourceMiniprogramAppID string     `json:"source_miniprogram_appid"`
	SourceMiniprogram      string     `json:"source_miniprogram"`
	Developer              string     `json:"developer"`
	CategoryList           []Category `json:"category_list"`
	AuditScene             int        `json:"audit_scene"`
	AuditStatus            int        `json:"audit_status"`
	Reason                 string     `json:"reason"`
}

// GetTemplateDraftList lists the draft box.
func (c *Client) GetTemplateDraftList(ctx context.Context) ([]TemplateDraft, error) {
	var out struct {
		List []TemplateDraft `json:"draft_list"`
	}
	err := c.CallComponent(ctx, http.MethodGet, PathGetTemplateDraftList, nil, nil, &out)
	return out.List, err
}

// AddToTemplate copies a draft into the library as a TemplateNormal or TemplateStandard.
func (c *Client) AddToTemplate(ctx context.Context, draftID int64, templateType int) error {
	in := map[string]int64{"draft_id": draftID, "template_type": int64(templateType)}
	return c.CallComponent(ctx, http.MethodPost, PathAddToTemplate, nil, in, nil)
}

// GetTemplateList lists the library; templateType nil lists every type. WeChat requires GET and
// takes the type as a query parameter.
func (c *Client) GetTemplateList(ctx context.Context, templateType *int) ([]Template, error) {
	var q url.Values
	if templateType != nil {
		q = url.Values{"template_type": {strconv.Itoa(*templateType)}}
	}
	var out struct {
		List []Template `json:"template_list"`
	}
	err := c.CallComponent(ctx, http.MethodGet, PathGetTemplateList, q, nil, &out)
	return out.List, err
}

// DeleteTemplate removes a template from the library.
func (c *Client) DeleteTemplate(ctx context.Context, templateID int64) error {
	in := map[string]int64{"template_id": templateID}
	return c.CallComponent(ctx, http.MethodPost, PathDeleteTemplate, nil, in, nil)
}
