package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
)

// Per-account settings paths (wechat-protocol.md §5.5b); authorizer token.
const (
	PathModifyDomain      = "/wxa/modify_domain"
	PathSetWebviewDomain  = "/wxa/setwebviewdomain"
	PathSetPrivacySetting = "/cgi-bin/component/setprivacysetting"
	PathGetPrivacySetting = "/cgi-bin/component/getprivacysetting"
	PathCodePrivacyInfo   = "/wxa/security/get_code_privacy_info"
)

// Domains are a mini program's server domains (with scheme: https://, wss://, udp://, tcp://).
type Domains struct {
	RequestDomain   []string `json:"requestdomain"`
	WSRequestDomain []string `json:"wsrequestdomain"`
	UploadDomain    []string `json:"uploaddomain"`
	DownloadDomain  []string `json:"downloaddomain"`
	UDPDomain       []string `json:"udpdomain,omitempty"`
	TCPDomain       []string `json:"tcpdomain,omitempty"`
}

// nonNil sends empty lists as [] rather than null.
func (d Domains) nonNil() Domains {
	for _, l := range []*[]string{&d.RequestDomain, &d.WSRequestDomain, &d.UploadDomain, &d.DownloadDomain} {
		if *l == nil {
			*l = []string{}
		}
	}
	return d
}

// domainActions are the actions modify_domain and setwebviewdomain take.
var domainActions = map[string]bool{"get": true, "set": true, "add": true, "delete": true}

// ModifyDomain gets ("get": d ignored) or edits ("set", "add", "delete") the server domains and
// returns them as they are afterwards.
func (c *Client) ModifyDomain(ctx context.Context, appid, action string, d Domains) (Domains, error) {
	if !domainActions[action] {
		return Domains{}, fmt.Errorf("wechat %s: unknown action %q", PathModifyDomain, action)
	}
	var in any = map[string]string{"action": "get"} // get takes only the action
	if action != "get" {
		in = struct {
			Action string `json:"action"`
			Domains
		}{action, d.nonNil()}
	}
	var out Domains
	err := c.CallAuthorizer(ctx, appid, http.MethodPost, PathModifyDomain, nil, in, &out)
	return out, err
}

// SetWebviewDomain gets or edits the business (web-view) domains and returns them.
func (c *Client) SetWebviewDomain(ctx context.Context, appid, action string, domains []string) ([]string, error) {
	if !domainActions[action] {
		return nil, fmt.Errorf("wechat %s: unknown action %q", PathSetWebviewDomain, action)
	}
	in := map[string]any{"action": action}
	if action != "get" {
		in["webviewdomain"] = domains
	}
	var out struct {
		Domains []string `json:"webviewdomain"`
	}
	err := c.CallAuthorizer(ctx, appid, http.MethodPost, PathSetWebviewDomain, nil, in, &out)
	return out.Domains, err
}

// PrivacyOwnerSetting is the developer's contact information in the privacy guide.
type PrivacyOwnerSetting struct {
	ContactEmail         string `json:"contact_email,omitempty"`
	ContactPhone         string `json:"contact_phone,omitempty"`
	ContactQQ            string `json:"contact_qq,omitempty"`
	ContactWeixin        string `json:"contact_weixin,omitempty"`
	NoticeMethod         string `json:"notice_method"` // required
	StoreExpireTimestamp string `json:"store_expire_timestamp,omitempty"`
	ExtFileMediaID       string `json:"ext_file_media_id,omitempty"`
}

// PrivacyItem explains one privacy interface (privacy_key e.g. UserInfo, Location).
type PrivacyItem struct {
	PrivacyKey   string `json:"privacy_key"`
	PrivacyText  string `json:"privacy_text"`
	PrivacyLabel string `json:"privacy_label,omitempty"` // answers only
}

// Privacy-guide versions.
const (
	PrivacyOnline      = 1
	PrivacyDevelopment = 2 // used by the next commit; the default
)

// PrivacySetting is setprivacysetting's body; it binds camelCase too.
type PrivacySetting struct {
	PrivacyVer   int                 `json:"privacy_ver,omitempty"`
	OwnerSetting PrivacyOwnerSetting `json:"owner_setting"`
	SettingList  []PrivacyItem       `json:"setting_list"`
}

// UnmarshalJSON accepts either spelling of every key.
func (p *PrivacySetting) UnmarshalJSON(b []byte) error {
	type plain PrivacySetting
	return unmarshalEitherCase(b, (*plain)(p))
}

// SetPrivacySetting stores the privacy guide. Chinese text goes out as UTF-8 (encodeBody does not
// escape it), which WeChat needs to show it ungarbled.
func (c *Client) SetPrivacySetting(ctx context.Context, appid string, s PrivacySetting) error {
	if s.OwnerSetting.NoticeMethod == "" {
		return fmt.Errorf("wechat %s: owner_setting.notice_method is required", PathSetPrivacySetting)
	}
	if s.PrivacyVer == PrivacyOnline && len(s.SettingList) > 0 {
		return fmt.Errorf("wechat %s: setting_list must be empty for the online version", PathSetPrivacySetting)
	}
	if s.SettingList == nil {
		s.SettingList = []PrivacyItem{}
	}
	return c.CallAuthorizer(ctx, appid, http.MethodPost, PathSetPrivacySetting, nil, s, nil)
}

// PrivacyInfo is getprivacysetting's answer.
type PrivacyInfo struct {
	CodeExist    int                 `json:"code_exist"`
	PrivacyList  []string            `json:"privacy_list"` // interfaces the code uses
	SettingList  []PrivacyItem       `json:"setting_list"`
	UpdateTime   int64               `json:"update_time"`
	OwnerSetting PrivacyOwnerSetting `json:"owner_setting"`
	PrivacyDesc  json.RawMessage     `json:"privacy_desc,omitempty"`
}

// Missing lists the privacy interfaces the code uses that the guide does not explain yet; a
// submit_audit before they are explained fails.
func (p PrivacyInfo) Missing() []string {
	have := map[string]bool{}
	for _, s := range p.SettingList {
		have[s.PrivacyKey] = s.PrivacyText != ""
	}
	var out []string
	for _, k := range p.PrivacyList {
		if !have[k] {
			out = append(out, k)
		}
	}
	return out
}

// GetPrivacySetting reads the privacy guide of version ver (0 means the development version).
func (c *Client) GetPrivacySetting(ctx context.Context, appid string, ver int) (PrivacyInfo, error) {
	if ver == 0 {
		ver = PrivacyDevelopment
	}
	var out PrivacyInfo
	err := c.CallAuthorizer(ctx, appid, http.MethodPost, PathGetPrivacySetting, nil, map[string]int{"privacy_ver": ver}, &out)
	return out, err
}

// CodePrivacyInfo is get_code_privacy_info's answer: privacy interfaces the committed code uses
// without an approved application (WithoutAuthList) or without an entry in the privacy guide
// (WithoutConfList). Both empty: submit_audit will not fail on privacy.
type CodePrivacyInfo struct {
	WithoutAuthList []string `json:"without_auth_list"`
	WithoutConfList []string `json:"without_conf_list"`
}

// GetCodePrivacyInfo reads the privacy scan of the committed code (61039 while it still runs).
func (c *Client) GetCodePrivacyInfo(ctx context.Context, appid string) (CodePrivacyInfo, error) {
	var out CodePrivacyInfo
	err := c.CallAuthorizer(ctx, appid, http.MethodGet, PathCodePrivacyInfo, nil, nil, &out)
	return out, err
}
