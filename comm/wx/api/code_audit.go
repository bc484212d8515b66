package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"
)

// Audit paths (wechat-protocol.md §5.5).
const (
	PathSubmitAudit          = "/wxa/submit_audit"
	PathGetAuditStatus       = "/wxa/get_auditstatus"
	PathGetLatestAuditStatus = "/wxa/get_latest_auditstatus"
	PathUndoCodeAudit        = "/wxa/undocodeaudit"
	PathSpeedUpAudit         = "/wxa/speedupaudit"
	PathQueryQuota           = "/wxa/queryquota"
)

// Audit statuses of get_auditstatus and get_latest_auditstatus.
const (
	AuditApproved  = 0
	AuditRejected  = 1
	AuditAuditing  = 2
	AuditWithdrawn = 3
	AuditDelayed   = 4
)

// AuditItem is one page of submit_audit's item_list.
type AuditItem struct {
	Address     string `json:"address,omitempty"`
	Tag         string `json:"tag,omitempty"` // space-separated, ≤ 10 tags
	FirstClass  string `json:"first_class,omitempty"`
	SecondClass string `json:"second_class,omitempty"`
	ThirdClass  string `json:"third_class,omitempty"`
	FirstID     int64  `json:"first_id,omitempty"`
	SecondID    int64  `json:"second_id,omitempty"`
	ThirdID     int64  `json:"third_id,omitempty"`
	Title       string `json:"title,omitempty"`
}

// PreviewInfo lists audit media ids (from UploadAuditMedia).
type PreviewInfo struct {
	VideoIDList []string `json:"video_id_list,omitempty"`
	PicIDList   []string `json:"pic_id_list,omitempty"`
}

// UGCDeclare is the user-generated-content declaration.
type UGCDeclare struct {
	Scene          []int  `json:"scene,omitempty"`
	OtherSceneDesc string `json:"other_scene_desc,omitempty"`
	Method         []int  `json:"method,omitempty"`
	HasAuditTeam   int    `json:"has_audit_team"`
	AuditDesc      string `json:"audit_desc,omitempty"`
}

// SubmitAuditRequest is submit_audit's body. It binds both snake_case and the console's
// camelCase (itemList, previewInfo.picIdList, ugcDeclare.hasAuditTeam, …).
type SubmitAuditRequest struct {
	ItemList         []AuditItem  `json:"item_list,omitempty"`
	PreviewInfo      *PreviewInfo `json:"preview_info,omitempty"`
	VersionDesc      string       `json:"version_desc,omitempty"`
	FeedbackInfo     string       `json:"feedback_info,omitempty"`
	FeedbackStuff    string       `json:"feedback_stuff,omitempty"` // media ids joined by |
	UGCDeclare       *UGCDeclare  `json:"ugc_declare,omitempty"`
	PrivacyAPINotUse bool         `json:"privacy_api_not_use,omitempty"`
	OrderPath        string       `json:"order_path,omitempty"`
}

// UnmarshalJSON accepts either spelling of every key, nested ones included.
func (r *SubmitAuditRequest) UnmarshalJSON(b []byte) error {
	type plain SubmitAuditRequest
	return unmarshalEitherCase(b, (*plain)(r))
}

// Validate catches the limits WeChat enforces with terse codes (85023, 85006, 85011).
func (r SubmitAuditRequest) Validate() error {
	if len(r.ItemList) > 5 {
		return fmt.Errorf("item_list has %d pages, at most 5", len(r.ItemList))
	}
	for i, it := range r.ItemList {
		if len(strings.Fields(it.Tag)) > 10 {
			return fmt.Errorf("item_list[%d]: more than 10 tags", i)
		}
		if utf8.RuneCountInString(it.Title) > 32 {
			return fmt.Errorf("item_list[%d]: title longer than 32 characters", i)
		}
	}
	if utf8.RuneCountInString(r.FeedbackInfo) > 200 {
		return fmt.Errorf("feedback_info longer than 200 characters")
	}
	return nil
}

// SubmitAudit submits the experience version for audit and returns the audit id.
func (c *Client) SubmitAudit(ctx context.Context, appid string, req SubmitAuditRequest) (int64, error) {
	if err := req.Validate(); err != nil {
		return 0, fmt.Errorf("wechat %s: %w", PathSubmitAudit, err)
	}
	var out struct {
		AuditID int64 `json:"auditid"`
	}
	err := c.CallAuthorizer(ctx, appid, http.MethodPost, PathSubmitAudit, nil, req, &out)
	return out.AuditID, err
}

// AuditStatus is get_auditstatus's or get_latest_auditstatus's answer (the latter adds the id,
// versions and submit time). Reason carries the delay reason when Status is AuditDelayed.
type AuditStatus struct {
	AuditID         int64  `json:"auditid"`
	Status          int    `json:"status"`
	Reason          string `json:"reason"`
	ScreenShot      string `json:"screenshot"` // media ids joined by |
	UserVersion     string `json:"user_version"`
	UserDesc        string `json:"user_desc"`
	SubmitAuditTime int64  `json:"submit_audit_time"`
}

// UnmarshalJSON reads the screenshot ids from "screenshot" or "ScreenShot": WeChat's docs and
// answers use both (wechat-protocol.md §6.6).
func (a *AuditStatus) UnmarshalJSON(b []byte) error {
	type plain AuditStatus
	var v struct {
		plain
		Upper string `json:"ScreenShot"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*a = AuditStatus(v.plain)
	if a.ScreenShot == "" {
		a.ScreenShot = v.Upper
	}
	return nil
}

// Screenshots splits ScreenShot into media ids (fetch them with GetMaterial).
func (a AuditStatus) Screenshots() []string {
	var out []string
	for _, id := range strings.Split(a.ScreenShot, "|") {
		if id = strings.TrimSpace(id); id != "" {
			out = append(out, id)
		}
	}
	return out
}

// GetAuditStatus reports one audit.
func (c *Client) GetAuditStatus(ctx context.Context, appid string, auditID int64) (AuditStatus, error) {
	var out AuditStatus
	err := c.CallAuthorizer(ctx, appid, http.MethodPost, PathGetAuditStatus, nil, map[string]int64{"auditid": auditID}, &out)
	out.AuditID = auditID
	return out, err
}

// GetLatestAuditStatus reports the newest audit; found is false when none was ever submitted
// (errcode 85058), which is not an error.
func (c *Client) GetLatestAuditStatus(ctx context.Context, appid string) (st AuditStatus, found bool, err error) {
	err = c.CallAuthorizer(ctx, appid, http.MethodGet, PathGetLatestAuditStatus, nil, nil, &st)
	if IsCode(err, CodeNoAuditRecord) {
		return AuditStatus{}, false, nil
	}
	return st, err == nil, err
}

// UndoCodeAudit withdraws the audit in progress (5 a day, 10 a month: 87013).
func (c *Client) UndoCodeAudit(ctx context.Context, appid string) error {
	return c.CallAuthorizer(ctx, appid, http.MethodGet, PathUndoCodeAudit, nil, nil, nil)
}

// SpeedUpAudit asks for a faster audit (platform-wide monthly quota).
func (c *Client) SpeedUpAudit(ctx context.Context, appid string, auditID int64) error {
	return c.CallAuthorizer(ctx, appid, http.MethodPost, PathSpeedUpAudit, nil, map[string]int64{"auditid": auditID}, nil)
}

// AuditQuota is queryquota's answer: this month's submit and speed-up quotas, shared by every
// authorizer of the platform.
type AuditQuota struct {
	Rest         int `json:"rest"`
	Limit        int `json:"limit"`
	SpeedupRest  int `json:"speedup_rest"`
	SpeedupLimit int `json:"speedup_limit"`
}

// QueryQuota reads the platform's audit quotas (through any authorizer's token).
func (c *Client) QueryQuota(ctx context.Context, appid string) (AuditQuota, error) {
	var out AuditQuota
	err := c.CallAuthorizer(ctx, appid, http.MethodGet, PathQueryQuota, nil, nil, &out)
	return out, err
}
