package codemgmt

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"wxcomponent/comm/authz"
	"wxcomponent/comm/wx/api"
	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// managed checks that appid is an authorized mini program that granted permission set 18, so
// an action on any other account fails with a clear error before WeChat is asked.
func (s *Service) managed(ctx context.Context, appid string) (*model.Authorizer, error) {
	if appid == "" {
		return nil, fmt.Errorf("%w: appid is required", ErrInvalid)
	}
	a, err := s.store.GetAuthorizerByAppid(ctx, appid)
	if errors.Is(err, dao.ErrNotFound) {
		return nil, fmt.Errorf("%s: %w", appid, ErrNotManaged)
	}
	if err != nil {
		return nil, err
	}
	if a.Status != model.AuthorizerActive || a.AppType != authz.AppTypeMiniProgram || !hasFunc(a.FuncInfo, FuncCodeManagement) {
		return nil, fmt.Errorf("%s: %w", appid, ErrNotManaged)
	}
	return a, nil
}

// hasFunc tells whether the stored funcinfo ("|1|2|18") holds id as a whole id.
func hasFunc(funcInfo string, id int) bool {
	for _, f := range funcIDs(funcInfo) {
		if f == id {
			return true
		}
	}
	return false
}

// funcIDs parses the stored funcinfo; nil when it holds none.
func funcIDs(funcInfo string) []int {
	var out []int
	for _, part := range strings.Split(funcInfo, "|") {
		if n, err := strconv.Atoi(strings.TrimSpace(part)); err == nil {
			out = append(out, n)
		}
	}
	return out
}

// DevWeappQuery selects a page of the 代开发小程序 list.
type DevWeappQuery struct {
	AppID  string // exact appid, optional
	Offset int
	Limit  int // the HTTP layer bounds it (≤ 20 in the contract)
}

// DevWeapp is one row of the 代开发小程序 list (contract: GET /admin/dev-weapp-list).
type DevWeapp struct {
	AppID     string `json:"appid"`
	NickName  string `json:"nickName"`
	FuncInfo  []int  `json:"funcInfo"`
	QrCodeURL string `json:"qrCodeUrl"`
	// ServiceStatus is 1 serving, 0 paused; absent until the account was read from WeChat, so
	// an unknown status is never shown as paused.
	ServiceStatus *int         `json:"serviceStatus,omitempty"`
	ReleaseInfo   *ReleaseInfo `json:"releaseInfo,omitempty"`
	ExpInfo       *ExpInfo     `json:"expInfo,omitempty"`
	RefreshedAt   *int64       `json:"refreshedAt,omitempty"` // Unix s of the last read from WeChat
}

// DevWeappPage is one page of the list.
type DevWeappPage struct {
	Total   int64      `json:"total"`
	Records []DevWeapp `json:"records"`
}

// ListDevWeapps lists the authorized mini programs that granted permission set 18 (matched as
// a whole id, never 118 or 180), with their stored versions: one query for the page and one for
// the snapshots, no WeChat call per row.
func (s *Service) ListDevWeapps(ctx context.Context, q DevWeappQuery) (DevWeappPage, error) {
	mp, active := authz.AppTypeMiniProgram, model.AuthorizerActive
	rows, total, err := s.store.ListAuthorizers(ctx, dao.AuthorizerFilter{AppID: q.AppID, AppType: &mp,
		Status: &active, FuncID: FuncCodeManagement, Offset: q.Offset, Limit: q.Limit})
	if err != nil {
		return DevWeappPage{}, err
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.AppID
	}
	snaps, err := s.store.ListWeappAccounts(ctx, ids)
	if err != nil {
		return DevWeappPage{}, err
	}
	page := DevWeappPage{Total: total, Records: make([]DevWeapp, 0, len(rows))}
	for _, r := range rows {
		d := DevWeapp{AppID: r.AppID, NickName: r.NickName, FuncInfo: funcIDs(r.FuncInfo), QrCodeURL: r.QrcodeURL}
		if snap, ok := snaps[r.AppID]; ok {
			v := versionsOf(&snap)
			d.ServiceStatus, d.ReleaseInfo, d.ExpInfo, d.RefreshedAt = v.ServiceStatus, v.ReleaseInfo, v.ExpInfo, v.RefreshedAt
		}
		page.Records = append(page.Records, d)
	}
	return page, nil
}

// ChangeVisitStatus pauses ("close") or resumes ("open") the online version's service.
func (s *Service) ChangeVisitStatus(ctx context.Context, appid, action string) error {
	if action != "open" && action != "close" {
		return fmt.Errorf("change visit status: %w: action must be open or close, not %q", ErrInvalid, action)
	}
	if _, err := s.managed(ctx, appid); err != nil {
		return err
	}
	if err := s.wx.ChangeVisitStatus(ctx, appid, action); err != nil {
		return wxErr("change visit status", err)
	}
	status := api.VisitPaused
	if action == "open" {
		status = api.VisitServing
	}
	return s.store.PutWeappAccount(ctx, appid, map[string]any{"visit_status": status})
}

// ExperienceQRCode fetches the experience version's QR code, opening path (page?query, may be
// empty).
func (s *Service) ExperienceQRCode(ctx context.Context, appid, path string) (api.Image, error) {
	if _, err := s.managed(ctx, appid); err != nil {
		return api.Image{}, err
	}
	img, err := s.wx.GetQRCode(ctx, appid, path)
	return img, wxErr("experience qrcode", err)
}

// ReleaseQRCode fetches the online version's mini-program code (scene "wxcomponent", as the
// console always showed it).
func (s *Service) ReleaseQRCode(ctx context.Context, appid string) (api.Image, error) {
	if _, err := s.managed(ctx, appid); err != nil {
		return api.Image{}, err
	}
	img, err := s.wx.GetUnlimitedQRCode(ctx, appid, api.WxaCodeRequest{Scene: "wxcomponent"})
	return img, wxErr("release qrcode", err)
}
