package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
)

// Code-management paths (wechat-protocol.md §5.5); they carry the authorizer token and need
// permission set 18.
const (
	PathCommit           = "/wxa/commit"
	PathGetPage          = "/wxa/get_page"
	PathGetCategory      = "/wxa/get_category"
	PathGetQRCode        = "/wxa/get_qrcode"
	PathGetWxaCodeUnlim  = "/wxa/getwxacodeunlimit"
	PathGetVersionInfo   = "/wxa/getversioninfo"
	PathGetVisitStatus   = "/wxa/getvisitstatus"
	PathChangeVisitState = "/wxa/change_visitstatus"
)

// CommitRequest is /wxa/commit's body. ExtJSON is a string holding JSON (not an object).
// It binds both snake_case and the console's camelCase (templateId as a string, extJson).
type CommitRequest struct {
	TemplateID  FlexInt `json:"template_id"`
	ExtJSON     string  `json:"ext_json"`
	UserVersion string  `json:"user_version"`
	UserDesc    string  `json:"user_desc"`
}

// UnmarshalJSON accepts template_id or templateId, ext_json or extJson, ….
func (r *CommitRequest) UnmarshalJSON(b []byte) error {
	type plain CommitRequest
	return unmarshalEitherCase(b, (*plain)(r))
}

// Validate catches what WeChat would reject with a less helpful code (85013 for ext_json).
func (r CommitRequest) Validate() error {
	switch {
	case r.UserVersion == "":
		return fmt.Errorf("user_version is required")
	case len([]rune(r.UserVersion)) > 64:
		return fmt.Errorf("user_version is longer than 64 characters")
	case r.ExtJSON != "" && !json.Valid([]byte(r.ExtJSON)):
		return fmt.Errorf("ext_json is not valid JSON")
	}
	return nil
}

// Commit uploads a template with ext_json as appid's experience version.
func (c *Client) Commit(ctx context.Context, appid string, req CommitRequest) error {
	if err := req.Validate(); err != nil {
		return fmt.Errorf("wechat %s: %w", PathCommit, err)
	}
	return c.CallAuthorizer(ctx, appid, http.MethodPost, PathCommit, nil, req, nil)
}

// GetPage lists the pages of the committed code (86001: nothing committed).
func (c *Client) GetPage(ctx context.Context, appid string) ([]string, error) {
	var out struct {
		Pages []string `json:"page_list"`
	}
	err := c.CallAuthorizer(ctx, appid, http.MethodGet, PathGetPage, nil, nil, &out)
	return out.Pages, err
}

// GetCategory lists the categories set on the account (submit_audit items must use these).
func (c *Client) GetCategory(ctx context.Context, appid string) ([]Category, error) {
	var out struct {
		List []Category `json:"category_list"`
	}
	err := c.CallAuthorizer(ctx, appid, http.MethodGet, PathGetCategory, nil, nil, &out)
	return out.List, err
}

// GetQRCode fetches the experience version's QR code; path (page?query, may be empty) is
// URL-encoded exactly once here.
func (c *Client) GetQRCode(ctx context.Context, appid, path string) (Image, error) {
	var q url.Values
	if path != "" {
		q = url.Values{"path": {path}}
	}
	var img Image
	err := c.CallAuthorizer(ctx, appid, http.MethodGet, PathGetQRCode, q, nil, &img)
	return img, err
}

// WxaCodeRequest is getwxacodeunlimit's body (the released version's mini-program code).
type WxaCodeRequest struct {
	Scene      string `json:"scene"`          // ≤ 32 visible characters
	Page       string `json:"page,omitempty"` // a released page; default the home page
	CheckPath  *bool  `json:"check_path,omitempty"`
	EnvVersion string `json:"env_version,omitempty"` // release, trial, develop
	Width      int    `json:"width,omitempty"`
}

// GetUnlimitedQRCode fetches a mini-program code of the released version.
func (c *Client) GetUnlimitedQRCode(ctx context.Context, appid string, req WxaCodeRequest) (Image, error) {
	var img Image
	err := c.CallAuthorizer(ctx, appid, http.MethodPost, PathGetWxaCodeUnlim, nil, req, &img)
	return img, err
}

// ExpInfo is the experience version of getversioninfo.
type ExpInfo struct {
	ExpTime    int64  `json:"exp_time"`
	ExpVersion string `json:"exp_version"`
	ExpDesc    string `json:"exp_desc"`
}

// ReleaseInfo is the online version of getversioninfo.
type ReleaseInfo struct {
	ReleaseTime    int64  `json:"release_time"`
	ReleaseVersion string `json:"release_version"`
	ReleaseDesc    string `json:"release_desc"`
}

// VersionInfo is getversioninfo's answer; absent versions are nil.
type VersionInfo struct {
	ExpInfo     *ExpInfo     `json:"exp_info,omitempty"`
	ReleaseInfo *ReleaseInfo `json:"release_info,omitempty"`
}

// GetVersionInfo reports the experience and online versions.
func (c *Client) GetVersionInfo(ctx context.Context, appid string) (VersionInfo, error) {
	var out VersionInfo
	err := c.CallAuthorizer(ctx, appid, http.MethodPost, PathGetVersionInfo, nil, nil, &out)
	return out, err
}

// Visit statuses of getvisitstatus.
const (
	VisitPaused  = 0
	VisitServing = 1
)

// GetVisitStatus tells whether the online version serves (1) or is paused (0).
func (c *Client) GetVisitStatus(ctx context.Context, appid string) (int, error) {
	var out struct {
		Status int `json:"status"`
	}
	err := c.CallAuthorizer(ctx, appid, http.MethodPost, PathGetVisitStatus, nil, nil, &out)
	return out.Status, err
}

// ChangeVisitStatus pauses ("close") or resumes ("open") the online service.
func (c *Client) ChangeVisitStatus(ctx context.Context, appid, action string) error {
	if action != "open" && action != "close" {
		return fmt.Errorf("wechat %s: action must be open or close, not %q", PathChangeVisitState, action)
	}
	return c.CallAuthorizer(ctx, appid, http.MethodPost, PathChangeVisitState, nil, map[string]string{"action": action}, nil)
}
