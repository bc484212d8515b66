package batchrelease

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"wxcomponent/comm/wx/api"
)

// Spec is what the operator asks of a batch.
type Spec struct {
	Name        string `json:"name"`
	TemplateID  int64  `json:"templateId"`
	UserVersion string `json:"userVersion"`
	UserDesc    string `json:"userDesc"`
	// ExtJSON is the ext_json template: {{appid}}, {{nickname}}, {{principalName}} and the
	// names of Vars are replaced per account.
	ExtJSON  string    `json:"extJson"`
	Vars     Vars      `json:"vars,omitempty"`
	Accounts Selection `json:"accounts"`
	// Optional settings applied before the commit ("set": they replace the account's lists).
	Domains        *api.Domains        `json:"domains,omitempty"`
	WebviewDomains []string            `json:"webviewDomains,omitempty"`
	Privacy        *api.PrivacySetting `json:"privacy,omitempty"`
	// Audit is the submit_audit body every account sends.
	Audit api.SubmitAuditRequest `json:"audit"`
	// AutoRelease publishes each approved version; otherwise approved accounts wait for Release.
	AutoRelease bool `json:"autoRelease"`
	Concurrency int  `json:"concurrency"` // accounts worked on at once (default 5, at most 50)
	// CanarySize accounts (the first ones) go through audit and release before the rest start.
	CanarySize int `json:"canarySize"`
}

// Selection names the accounts of a batch: AppIDs, or All mini programs that granted permission
// set 18 (code management), optionally only those whose nickname contains Name.
type Selection struct {
	AppIDs []string `json:"appids,omitempty"`
	All    bool     `json:"all,omitempty"`
	Name   string   `json:"name,omitempty"`
}

// Limits of a batch.
const (
	DefaultConcurrency = 5
	MaxConcurrency     = 50
)

// ValidationError lists everything wrong with a Spec, in words, one problem per entry.
type ValidationError struct{ Problems []string }

// Error joins the problems (at most ten shown).
func (e *ValidationError) Error() string {
	p := e.Problems
	more := ""
	if len(p) > 10 {
		more = fmt.Sprintf("；另有 %d 个问题", len(p)-10)
		p = p[:10]
	}
	return strings.Join(p, "；") + more
}

// check validates the fields that need no database; problems are appended to v.
func (s *Spec) check() []string {
	var p []string
	if s.TemplateID <= 0 {
		p = append(p, "请选择代码模板（templateId）")
	}
	if s.UserVersion == "" || utf8.RuneCountInString(s.UserVersion) > 64 {
		p = append(p, "版本号（userVersion）必填，且不超过 64 个字符")
	}
	if s.Concurrency == 0 {
		s.Concurrency = DefaultConcurrency
	}
	if s.Concurrency < 1 || s.Concurrency > MaxConcurrency {
		p = append(p, fmt.Sprintf("并发数须在 1 到 %d 之间", MaxConcurrency))
	}
	if s.CanarySize < 0 {
		p = append(p, "灰度帐号数不能为负")
	}
	if len(s.Accounts.AppIDs) == 0 && !s.Accounts.All {
		p = append(p, "请选择帐号，或选择全部有代码管理权限（权限集 18）的小程序")
	}
	if err := s.Audit.Validate(); err != nil {
		p = append(p, "提审信息："+err.Error())
	}
	if s.Privacy != nil && s.Privacy.OwnerSetting.NoticeMethod == "" {
		p = append(p, "隐私保护指引须填写告知方式（notice_method）")
	}
	if s.ExtJSON != "" && !strings.Contains(s.ExtJSON, "{{") {
		if err := checkJSON(s.ExtJSON); err != nil {
			p = append(p, "ext_json 不是合法的 JSON 对象："+err.Error())
		}
	}
	return p
}

// errNoAccounts is returned when the selection matches nothing.
var errNoAccounts = errors.New("没有符合条件的小程序帐号")
