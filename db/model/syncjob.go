package model

import "time"

// SyncJob is one tracked background synchronisation (e.g. pulling the authorizer list from
// WeChat), kept so the console can show its progress and so only one runs at a time across
// every instance.
type SyncJob struct {
	ID   int64  `gorm:"column:id;primaryKey;autoIncrement"`
	Kind string `gorm:"column:kind;type:varchar(32);not null;default:'';index:syncjob_kind_started,priority:1"`
	// Running equals Kind while the job runs and is NULL afterwards; its unique index is what
	// lets exactly one job of a kind run at a time across instances.
	Running *string `gorm:"column:running;type:varchar(32);uniqueIndex:syncjob_running"`
	Status  string  `gorm:"column:status;type:varchar(16);not null;default:''"`
	Total   int     `gorm:"column:total;not null;default:0"`
	Done    int     `gorm:"column:done;not null;default:0"`
	Failed  int     `gorm:"column:failed;not null;default:0"`
	// Summary is a JSON object with details (missing, recovered and failed appids).
	Summary    string     `gorm:"column:summary;type:text;not null"`
	Error      string     `gorm:"column:error;type:varchar(512);not null;default:''"`
	StartedAt  time.Time  `gorm:"column:startedat;not null;index:syncjob_kind_started,priority:2"`
	FinishedAt *time.Time `gorm:"column:finishedat"`
	// UpdateTime is the heartbeat: a running job that stops updating it is considered dead.
	UpdateTime time.Time `gorm:"column:updatetime;not null"`
}

// TableName names the table.
func (SyncJob) TableName() string { return "syncjob" }

// Sync job statuses.
const (
	SyncRunning = "running"
	SyncDone    = "done"
	SyncFailed  = "failed"
)

// SyncKindAuthorizers is the kind of the authorizer-list synchronisation.
const SyncKindAuthorizers = "authorizers"
