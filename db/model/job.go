package model

import "time"

// Job is one unit of durable background work in the wx_job table: the follow-ups of a push
// (ticket, authorization, audit events) and later forwarding and batch steps.
type Job struct {
	ID   uint64 `gorm:"column:id;primaryKey;autoIncrement"`
	Kind string `gorm:"column:kind;type:varchar(64);not null;uniqueIndex:uk_wx_job_kind_dedupe,priority:1"`
	// DedupeKey makes enqueueing idempotent per kind; NULL means "never a duplicate".
	DedupeKey *string   `gorm:"column:dedupe_key;type:varchar(191);uniqueIndex:uk_wx_job_kind_dedupe,priority:2"`
	Payload   string    `gorm:"column:payload;type:mediumtext;not null"` // JSON
	Status    string    `gorm:"column:status;type:varchar(16);not null;default:'pending';index:idx_wx_job_status_run_at,priority:1;index:idx_wx_job_status_locked_until,priority:1"`
	Attempts  int       `gorm:"column:attempts;not null;default:0"`
	RunAt     time.Time `gorm:"column:run_at;not null;index:idx_wx_job_status_run_at,priority:2"`
	// LockedBy is the owner token of the claim that is running the job; it fences late
	// finishers whose lease already expired.
	LockedBy    string     `gorm:"column:locked_by;type:varchar(64);not null;default:'';index:idx_wx_job_locked_by"`
	LockedUntil *time.Time `gorm:"column:locked_until;index:idx_wx_job_status_locked_until,priority:2"`
	LastError   string     `gorm:"column:last_error;type:varchar(1024);not null;default:''"`
	CreatedAt   time.Time  `gorm:"column:created_at;not null"`
	UpdatedAt   time.Time  `gorm:"column:updated_at;not null"`
}

// TableName names the job table.
func (Job) TableName() string { return "wx_job" }

// Job statuses.
const (
	JobPending = "pending"
	JobRunning = "running"
	JobDone    = "done"
	JobDead    = "dead"
)
