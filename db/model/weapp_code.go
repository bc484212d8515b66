package model

import "time"

// WeappVersion is one version of an authorizer mini program's code committed on the merchant's
// behalf (代开发小程序), with its audit: the row moves through the states below and every move
// is kept in WeappVersionEvent. The experience version is one slot on WeChat, so a commit before
// submission updates the committed row instead of adding one.
type WeappVersion struct {
	ID    uint64 `gorm:"column:id;primaryKey;autoIncrement"`
	AppID string `gorm:"column:appid;type:varchar(32);not null;index:idx_weapp_version_appid;uniqueIndex:uk_weapp_version_audit,priority:1"`
	// AuditID is WeChat's auditid once submitted; NULL while only committed.
	AuditID *int64 `gorm:"column:auditid;uniqueIndex:uk_weapp_version_audit,priority:2"`
	State   string `gorm:"column:state;type:varchar(16);not null;default:'';index:idx_weapp_version_state_checked,priority:1"`

	TemplateID  int64  `gorm:"column:template_id;not null;default:0"`
	UserVersion string `gorm:"column:user_version;type:varchar(64);not null;default:''"`
	UserDesc    string `gorm:"column:user_desc;type:varchar(1024);not null;default:''"`
	ExtJSON     string `gorm:"column:ext_json;type:mediumtext;not null"`
	// AuditRequest is the submit_audit body as sent (JSON), so a resubmission can reuse it.
	AuditRequest string `gorm:"column:audit_request;type:mediumtext;not null"`
	// Reason is the rejection or delay reason as WeChat wrote it (may contain <br>).
	Reason string `gorm:"column:reason;type:text;not null"`
	// ScreenShot holds the rejection's screenshot media ids joined by '|'.
	ScreenShot string `gorm:"column:screenshot;type:varchar(1024);not null;default:''"`

	CommittedAt *time.Time `gorm:"column:committed_at"`
	SubmittedAt *time.Time `gorm:"column:submitted_at"`
	DecidedAt   *time.Time `gorm:"column:decided_at"` // the audit's end (or delay) as WeChat reported it
	ReleasedAt  *time.Time `gorm:"column:released_at"`
	// StateAt is when the row last changed state; CheckedAt when the poller last asked WeChat
	// about it (StateAt until then), so a stuck audit is asked about once per polling period.
	StateAt   time.Time `gorm:"column:state_at;not null"`
	CheckedAt time.Time `gorm:"column:checked_at;not null;index:idx_weapp_version_state_checked,priority:2"`
	CreatedAt time.Time `gorm:"column:created_at;not null"`
	UpdatedAt time.Time `gorm:"column:updated_at;not null"`
}

// TableName names the version table.
func (WeappVersion) TableName() string { return "weapp_version" }

// States of a WeappVersion.
const (
	WeappCommitted  = "committed"
	WeappAuditing   = "auditing"
	WeappDelayed    = "delayed"
	WeappApproved   = "approved"
	WeappRejected   = "rejected"
	WeappWithdrawn  = "withdrawn"
	WeappReleased   = "released"
	WeappRolledBack = "rolledback"
)

// Sources of a state change.
const (
	SourcePush     = "push"     // a weapp_audit_* push
	SourcePoll     = "poll"     // get_auditstatus / get_latest_auditstatus
	SourceOperator = "operator" // a console or API action of ours
)

// WeappVersionEvent is one state change of a WeappVersion (its history).
type WeappVersionEvent struct {
	ID        uint64 `gorm:"column:id;primaryKey;autoIncrement"`
	VersionID uint64 `gorm:"column:version_id;not null;index:idx_weapp_event_version"`
	AppID     string `gorm:"column:appid;type:varchar(32);not null;index:idx_weapp_event_appid"`
	AuditID   int64  `gorm:"column:auditid;not null;default:0"`
	FromState string `gorm:"column:from_state;type:varchar(16);not null;default:''"`
	ToState   string `gorm:"column:to_state;type:varchar(16);not null;default:''"`
	Source    string `gorm:"column:source;type:varchar(16);not null;default:''"`
	Detail    string `gorm:"column:detail;type:text;not null"`
	// At is when it happened as the source tells it (a push's SuccTime/FailTime/DelayTime).
	At        time.Time `gorm:"column:at;not null"`
	CreatedAt time.Time `gorm:"column:created_at;not null"`
}

// TableName names the history table.
func (WeappVersionEvent) TableName() string { return "weapp_version_event" }

// WeappAccount is the last known experience and online version and service status of a mini
// program, so lists and the version page read the database instead of asking WeChat per view.
type WeappAccount struct {
	AppID          string     `gorm:"column:appid;type:varchar(32);primaryKey"`
	ExpTime        *int64     `gorm:"column:exp_time"` // NULL: no experience version
	ExpVersion     string     `gorm:"column:exp_version;type:varchar(64);not null;default:''"`
	ExpDesc        string     `gorm:"column:exp_desc;type:varchar(1024);not null;default:''"`
	ReleaseTime    *int64     `gorm:"column:release_time"` // NULL: nothing online
	ReleaseVersion string     `gorm:"column:release_version;type:varchar(64);not null;default:''"`
	ReleaseDesc    string     `gorm:"column:release_desc;type:varchar(1024);not null;default:''"`
	VisitStatus    *int       `gorm:"column:visit_status"` // NULL: unknown; 1 serving, 0 paused
	RefreshedAt    *time.Time `gorm:"column:refreshed_at"` // last full read from WeChat
	UpdatedAt      time.Time  `gorm:"column:updated_at;not null"`
}

// TableName names the account snapshot table.
func (WeappAccount) TableName() string { return "weapp_account" }

// WeappScreenshot is an audit rejection's screenshot, fetched once from WeChat.
type WeappScreenshot struct {
	ID          uint64    `gorm:"column:id;primaryKey;autoIncrement"`
	AppID       string    `gorm:"column:appid;type:varchar(32);not null;uniqueIndex:uk_weapp_screenshot,priority:1"`
	MediaID     string    `gorm:"column:media_id;type:varchar(128);not null;uniqueIndex:uk_weapp_screenshot,priority:2"`
	ContentType string    `gorm:"column:content_type;type:varchar(64);not null;default:''"`
	Data        []byte    `gorm:"column:data;type:mediumblob;not null"`
	FetchedAt   time.Time `gorm:"column:fetched_at;not null"`
}

// TableName names the screenshot table.
func (WeappScreenshot) TableName() string { return "weapp_screenshot" }
