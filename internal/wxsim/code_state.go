package wxsim

import (
	"encoding/json"
	"sync"
	"time"
)

// Audit statuses of get_auditstatus / get_latest_auditstatus (wechat-protocol.md §5.5).
const (
	AuditApproved  = 0
	AuditRejected  = 1
	AuditAuditing  = 2
	AuditWithdrawn = 3
	AuditDelayed   = 4
)

// Draft is a code upload from the developer tools waiting in the draft box (草稿箱).
type Draft struct {
	DraftID     int64    `json:"draft_id"`
	CreateTime  int64    `json:"create_time"`
	UserVersion string   `json:"user_version"`
	UserDesc    string   `json:"user_desc"`
	SourceAppID string   `json:"source_miniprogram_appid"`
	SourceName  string   `json:"source_miniprogram"`
	Developer   string   `json:"developer"`
	Pages       []string `json:"-"` // what get_page answers after a commit of this code
	PrivacyKeys []string `json:"-"` // privacy interfaces the code uses (getprivacysetting privacy_list)
}

// Template is an entry of the template library.
type Template struct {
	Draft
	TemplateID   int64      `json:"template_id"`
	TemplateType int        `json:"template_type"` // 0 normal, 1 standard
	CategoryList []Category `json:"category_list"`
	AuditScene   *int       `json:"audit_scene,omitempty"`  // standard templates only
	AuditStatus  *int       `json:"audit_status,omitempty"` // standard templates only
	Reason       *string    `json:"reason,omitempty"`       // standard templates only
}

// Category is one mini-program service category (get_category, submit_audit item_list).
type Category struct {
	FirstClass  string `json:"first_class"`
	SecondClass string `json:"second_class"`
	ThirdClass  string `json:"third_class,omitempty"`
	FirstID     int64  `json:"first_id"`
	SecondID    int64  `json:"second_id"`
	ThirdID     int64  `json:"third_id,omitempty"`
}

// CommitRecord is the experience (trial) version: the last commit.
type CommitRecord struct {
	TemplateID  int64     `json:"template_id"`
	ExtJSON     string    `json:"ext_json"`
	UserVersion string    `json:"user_version"`
	UserDesc    string    `json:"user_desc"`
	Pages       []string  `json:"pages"`
	PrivacyKeys []string  `json:"privacy_keys"`
	At          time.Time `json:"at"`
	ScanUntil   time.Time `json:"scan_until"` // submit_audit before this answers 61039
}

// AuditRecord is one submit_audit and its outcome.
type AuditRecord struct {
	AuditID     int64           `json:"auditid"`
	Status      int             `json:"status"`
	Reason      string          `json:"reason,omitempty"`
	ScreenShot  string          `json:"screenshot,omitempty"` // '|'-separated media ids
	UserVersion string          `json:"user_version"`
	UserDesc    string          `json:"user_desc"`
	SubmitTime  int64           `json:"submit_audit_time"`
	SpedUp      bool            `json:"sped_up,omitempty"`
	Released    bool            `json:"released,omitempty"`
	Request     json.RawMessage `json:"request"` // the submit_audit body as sent
	commit      CommitRecord
}

// Version is a released (online) version.
type Version struct {
	AppVersion  int64  `json:"app_version"`
	UserVersion string `json:"user_version"`
	UserDesc    string `json:"user_desc"`
	CommitTime  int64  `json:"commit_time"`
	ReleaseTime int64  `json:"release_time"`
}

// Domains are a mini program's server domains (modify_domain).
type Domains struct {
	Request   []string `json:"requestdomain"`
	WSRequest []string `json:"wsrequestdomain"`
	Upload    []string `json:"uploaddomain"`
	Download  []string `json:"downloaddomain"`
	UDP       []string `json:"udpdomain"`
	TCP       []string `json:"tcpdomain"`
}

// WeappState is everything code management knows about one authorizer mini program.
type WeappState struct {
	AppID          string                    `json:"appid"`
	Commit         *CommitRecord             `json:"commit,omitempty"`
	Audits         []*AuditRecord            `json:"audits"`
	Online         *Version                  `json:"online,omitempty"`
	History        []Version                 `json:"history"` // previous online versions, newest last
	Reverted       bool                      `json:"reverted"`
	VisitStatus    int                       `json:"visit_status"` // 1 serving, 0 paused
	Domains        Domains                   `json:"domains"`
	WebviewDomains []string                  `json:"webviewdomain"`
	Privacy        map[int]json.RawMessage   `json:"privacy"` // by privacy_ver, the setprivacysetting body
	Categories     []Category                `json:"categories"`
	Undos          []time.Time               `json:"undos"`
	QRPaths        []string                  `json:"qr_paths"` // paths get_qrcode was asked for
	Calls          map[string]int            `json:"calls"`    // per API path, calls past the token check
	privacyTexts   map[int]map[string]string // privacy_ver → privacy_key → text
	lastAppVersion int64                     // app_version numbers never repeat, even after a rollback
}

// AuditQuota is queryquota's answer: shared by every authorizer of the platform.
type AuditQuota struct {
	Rest         int `json:"rest"`
	Limit        int `json:"limit"`
	SpeedupRest  int `json:"speedup_rest"`
	SpeedupLimit int `json:"speedup_limit"`
}

// AuditPolicy says how audits end without a control-API decision.
type AuditPolicy struct {
	// AutoDelay decides each audit this long (wall time) after submission; 0 waits for
	// POST /sim/audit/decide.
	AutoDelay time.Duration `json:"-"`
	// AutoResult is approve (default), reject or delay.
	AutoResult string `json:"autoResult"`
	// PrivacyScan is how long after a commit submit_audit answers 61039 (simulator clock).
	PrivacyScan time.Duration `json:"-"`
	// UpperScreenShot makes get_latest_auditstatus emit "ScreenShot" instead of "screenshot".
	UpperScreenShot bool `json:"upperScreenShot"`
}

// codeBook holds template-library and code-management state behind its own mutex; it never
// takes the store's lock, so the two can be used in any order.
type codeBook struct {
	mu           sync.Mutex
	drafts       []*Draft
	templates    []*Template
	apps         map[string]*WeappState
	media        map[string]*mediaItem
	quota        AuditQuota
	policy       AuditPolicy
	nextDraft    int64
	nextTemplate int64
	nextAudit    int64
}

// Defaults of the platform-wide quotas (the real numbers depend on the platform's level).
const (
	defaultAuditQuota   = 100
	defaultSpeedupQuota = 10
	maxTemplates        = 200
)

// newCodeBook starts with an empty library and full quotas.
func newCodeBook() *codeBook {
	return &codeBook{apps: map[string]*WeappState{}, media: map[string]*mediaItem{},
		quota: AuditQuota{Rest: defaultAuditQuota, Limit: defaultAuditQuota,
			SpeedupRest: defaultSpeedupQuota, SpeedupLimit: defaultSpeedupQuota},
		policy: AuditPolicy{AutoResult: "approve"}, nextDraft: 1, nextTemplate: 1, nextAudit: 400000001}
}

// app returns (creating) the state of appid; the caller holds mu.
func (b *codeBook) app(appid string) *WeappState {
	if w := b.apps[appid]; w != nil {
		return w
	}
	w := &WeappState{AppID: appid, VisitStatus: 1, Categories: defaultCategories(),
		Privacy: map[int]json.RawMessage{}, Calls: map[string]int{},
		privacyTexts: map[int]map[string]string{}}
	b.apps[appid] = w
	return w
}

// defaultCategories are the categories a fresh mini program has set.
func defaultCategories() []Category {
	return []Category{{FirstClass: "工具", SecondClass: "效率", FirstID: 287, SecondID: 616},
		{FirstClass: "教育", SecondClass: "在线教育", FirstID: 8, SecondID: 1089}}
}

// latestAudit returns the newest audit of w, or nil.
func (w *WeappState) latestAudit() *AuditRecord {
	if len(w.Audits) == 0 {
		return nil
	}
	return w.Audits[len(w.Audits)-1]
}

// countCall records an admitted call of path by appid.
func (b *codeBook) countCall(appid, path string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.app(appid).Calls[path]++
}

// snapshot deep-copies the state of appid through JSON (a simulator can afford it).
func (b *codeBook) snapshot(appid string) WeappState {
	b.mu.Lock()
	raw, _ := json.Marshal(b.app(appid)) // plain data; cannot fail
	b.mu.Unlock()
	var out WeappState
	_ = json.Unmarshal(raw, &out)
	return out
}

// CodeState returns a copy of appid's code-management state (commits, audits, versions, settings,
// call counts).
func (s *Sim) CodeState(appid string) WeappState { return s.code.snapshot(appid) }

// AppCallCount returns how many calls of api (path or last segment) appid made past the token
// check, so tests can assert "committed once, submitted once".
func (s *Sim) AppCallCount(appid, api string) int {
	return s.code.snapshot(appid).Calls[s.resolveAPI(api)]
}
