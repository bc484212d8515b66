package codemgmt

import (
	"context"
	"fmt"

	"wxcomponent/comm/wx/api"
)

// domainActions are the actions the domain APIs take.
var domainActions = map[string]bool{"get": true, "set": true, "add": true, "delete": true}

// ServerDomains reads ("get") or edits ("set", "add", "delete") appid's server domains and
// returns them as they are afterwards.
func (s *Service) ServerDomains(ctx context.Context, appid, action string, d api.Domains) (api.Domains, error) {
	if !domainActions[action] {
		return api.Domains{}, fmt.Errorf("server domains: %w: action must be get, set, add or delete", ErrInvalid)
	}
	if _, err := s.managed(ctx, appid); err != nil {
		return api.Domains{}, err
	}
	out, err := s.wx.ModifyDomain(ctx, appid, action, d)
	return out, wxErr("server domains", err)
}

// WebviewDomains reads or edits appid's business (web-view) domains.
func (s *Service) WebviewDomains(ctx context.Context, appid, action string, domains []string) ([]string, error) {
	if !domainActions[action] {
		return nil, fmt.Errorf("webview domains: %w: action must be get, set, add or delete", ErrInvalid)
	}
	if _, err := s.managed(ctx, appid); err != nil {
		return nil, err
	}
	out, err := s.wx.SetWebviewDomain(ctx, appid, action, domains)
	return nonNil(out), wxErr("webview domains", err)
}

// PrivacySetting reads the privacy guide of version ver (api.PrivacyDevelopment when 0).
func (s *Service) PrivacySetting(ctx context.Context, appid string, ver int) (api.PrivacyInfo, error) {
	if ver != 0 && ver != api.PrivacyOnline && ver != api.PrivacyDevelopment {
		return api.PrivacyInfo{}, fmt.Errorf("privacy setting: %w: privacy_ver must be 1 or 2", ErrInvalid)
	}
	if _, err := s.managed(ctx, appid); err != nil {
		return api.PrivacyInfo{}, err
	}
	info, err := s.wx.GetPrivacySetting(ctx, appid, ver)
	return info, wxErr("get privacy setting", err)
}

// SetPrivacySetting stores the privacy guide (required before submitting code that uses
// privacy interfaces: 61040).
func (s *Service) SetPrivacySetting(ctx context.Context, appid string, p api.PrivacySetting) error {
	switch {
	case p.OwnerSetting.NoticeMethod == "":
		return fmt.Errorf("set privacy setting: %w: owner_setting.notice_method is required", ErrInvalid)
	case p.PrivacyVer == api.PrivacyOnline && len(p.SettingList) > 0:
		return fmt.Errorf("set privacy setting: %w: setting_list must be empty for the online version", ErrInvalid)
	}
	if _, err := s.managed(ctx, appid); err != nil {
		return err
	}
	return wxErr("set privacy setting", s.wx.SetPrivacySetting(ctx, appid, p))
}

// CodePrivacyInfo reads the privacy scan of the committed code: interfaces used without an
// approved application or without a guide entry (61039 while the scan still runs).
func (s *Service) CodePrivacyInfo(ctx context.Context, appid string) (api.CodePrivacyInfo, error) {
	if _, err := s.managed(ctx, appid); err != nil {
		return api.CodePrivacyInfo{}, err
	}
	info, err := s.wx.GetCodePrivacyInfo(ctx, appid)
	return info, wxErr("get code privacy info", err)
}
