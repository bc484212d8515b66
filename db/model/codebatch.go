package model

import "time"

// CodeBatch is one batch release: a template committed, audited and released to many mini
// programs on their behalf. Spec holds everything the operator chose (JSON); the engine works
// through the accounts in CodeBatchAccount. Owner and LeaseUntil are the lease of the one
// instance running the batch: every write the engine makes is fenced by them.
type CodeBatch struct {
	ID   int64  `gorm:"column:id;primaryKey;autoIncrement"`
	Name string `gorm:"column:name;type:varchar(128);not null;default:''"`
	// Status: CodeBatchRunning, …Paused, …Halted, …Canceled, …Done.
	Status string `gorm:"column:status;type:varchar(16);not null;default:'running';index:idx_code_batch_status"`
	// Wave is the wave now allowed to run: 0 while the canary accounts go first, then 1.
	Wave int    `gorm:"column:wave;not null;default:0"`
	Spec string `gorm:"column:spec;type:mediumtext;not null"` // JSON of batchrelease.Spec
	// CommitDesc is the user_desc every commit of this batch carries; it is unique per batch so
	// that, after a crash, the trial version and the latest audit can be recognised as ours.
	CommitDesc string `gorm:"column:commit_desc;type:varchar(255);not null;default:''"`
	// Note explains the status in words (why the batch halted, why submits are on hold).
	Note string `gorm:"column:note;type:varchar(1024);not null;default:''"`
	// QuotaHoldUntil stops all submits until then: the platform's audit quota ran out.
	QuotaHoldUntil *time.Time `gorm:"column:quota_hold_until"`
	Owner          string     `gorm:"column:owner;type:varchar(64);not null;default:''"`
	LeaseUntil     *time.Time `gorm:"column:lease_until"`
	CreatedAt      time.Time  `gorm:"column:created_at;not null"`
	UpdatedAt      time.Time  `gorm:"column:updated_at;not null"`
	FinishedAt     *time.Time `gorm:"column:finished_at"`
}

// TableName names the batch table.
func (CodeBatch) TableName() string { return "code_batch" }

// Batch statuses.
const (
	CodeBatchRunning  = "running"
	CodeBatchPaused   = "paused"
	CodeBatchHalted   = "halted" // the canary wave failed; the rest did not start
	CodeBatchCanceled = "canceled"
	CodeBatchDone     = "done"
)

// CodeBatchAccount is one mini program of a batch and where it stands. Intent names the step
// whose WeChat call was started and not yet recorded as done: after a crash the engine asks
// WeChat whether that call took effect instead of repeating it.
type CodeBatchAccount struct {
	ID      int64  `gorm:"column:id;primaryKey;autoIncrement"`
	BatchID int64  `gorm:"column:batch_id;not null;uniqueIndex:uk_code_batch_account,priority:1"`
	AppID   string `gorm:"column:appid;type:varchar(32);not null;uniqueIndex:uk_code_batch_account,priority:2;index:idx_code_batch_account_appid"`
	Seq     int    `gorm:"column:seq;not null;default:0"`
	Wave    int    `gorm:"column:wave;not null"` // 0 canary, 1 the rest (no default: GORM would store 0 as it)
	// Step is the next step to run (domain, webview, privacy, commit, submit, audit, release, done).
	Step        string     `gorm:"column:step;type:varchar(16);not null;default:''"`
	State       string     `gorm:"column:state;type:varchar(16);not null;default:'pending'"`
	Intent      string     `gorm:"column:intent;type:varchar(16);not null;default:''"`
	IntentAt    *time.Time `gorm:"column:intent_at"`
	AuditID     int64      `gorm:"column:audit_id;not null;default:0"`
	PrevAuditID int64      `gorm:"column:prev_audit_id;not null;default:0"` // the audit a retry replaces
	Reason      string     `gorm:"column:reason;type:text"`                 // rejection reason from WeChat
	Error       string     `gorm:"column:error;type:varchar(1024);not null;default:''"`
	ExtJSON     string     `gorm:"column:ext_json;type:mediumtext"` // rendered for this account
	Attempts    int        `gorm:"column:attempts;not null;default:0"`
	Calls       int        `gorm:"column:calls;not null;default:0"` // WeChat calls made for it
	NextAt      time.Time  `gorm:"column:next_at;not null"`
	Version     int64      `gorm:"column:version;not null;default:0"` // bumped by every write
	UpdatedAt   time.Time  `gorm:"column:updated_at;not null"`
}

// TableName names the per-account table.
func (CodeBatchAccount) TableName() string { return "code_batch_account" }

// Account states of a batch.
const (
	CodeAccountPending  = "pending"  // not started (its wave has not begun)
	CodeAccountActive   = "active"   // working through its steps
	CodeAccountAuditing = "auditing" // submitted; waiting for WeChat's verdict
	CodeAccountQuota    = "quota"    // waiting for the platform's audit quota
	CodeAccountApproved = "approved" // approved; waits for the operator to release
	CodeAccountDone     = "done"     // released (or approved with release not requested)
	CodeAccountRejected = "rejected"
	CodeAccountFailed   = "failed"
	CodeAccountCanceled = "canceled"
)
