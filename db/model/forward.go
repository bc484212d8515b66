package model

import "time"

// ForwardDelivery is one push to deliver to the business service of one forwarding rule: the
// durable outbox, the delivery log and the dead letters in one row. It is written in the
// transaction that stores the push's record, and only when that record is new, so a WeChat
// retry never adds a second delivery; (rule, source, record) is unique for the same reason.
type ForwardDelivery struct {
	ID       uint64 `gorm:"column:id;primaryKey;autoIncrement"`
	RuleID   uint   `gorm:"column:rule_id;not null;uniqueIndex:uk_wx_forward_delivery_push,priority:1;index:idx_wx_forward_delivery_rule_status,priority:1"`
	Source   string `gorm:"column:source;type:varchar(16);not null;uniqueIndex:uk_wx_forward_delivery_push,priority:2"` // ForwardComponent | ForwardBiz
	RecordID uint   `gorm:"column:record_id;not null;uniqueIndex:uk_wx_forward_delivery_push,priority:3"`
	AppID    string `gorm:"column:appid;type:varchar(64);not null;default:''"`
	InfoType string `gorm:"column:infotype;type:varchar(64);not null;default:''"`
	MsgType  string `gorm:"column:msgtype;type:varchar(64);not null;default:''"`
	Event    string `gorm:"column:event;type:varchar(64);not null;default:''"`
	// Body is the decrypted push as stored in its record, so a delivery needs no join and
	// survives the record's retention.
	Body   string `gorm:"column:body;type:mediumtext;not null"`
	Mode   string `gorm:"column:mode;type:varchar(8);not null;default:'async'"`
	Status string `gorm:"column:status;type:varchar(16);not null;default:'pending';index:idx_wx_forward_delivery_rule_status,priority:2;index:idx_wx_forward_delivery_status_next,priority:1;index:idx_wx_forward_delivery_status_locked,priority:1"`
	// Attempts counts the claims (each one POST); NextAt is when a pending row is due.
	Attempts int       `gorm:"column:attempts;not null;default:0"`
	NextAt   time.Time `gorm:"column:next_at;not null;index:idx_wx_forward_delivery_status_next,priority:2"`
	// LockedBy is the owner token of the claim delivering the row; it fences late finishers.
	LockedBy    string     `gorm:"column:locked_by;type:varchar(64);not null;default:''"`
	LockedUntil *time.Time `gorm:"column:locked_until;index:idx_wx_forward_delivery_status_locked,priority:2"`
	LastStatus  int        `gorm:"column:last_status;not null;default:0"` // HTTP status of the last answer, 0: none
	LatencyMs   int64      `gorm:"column:latency_ms;not null;default:0"`
	LastError   string     `gorm:"column:last_error;type:varchar(1024);not null;default:''"`
	CreatedAt   time.Time  `gorm:"column:created_at;not null"`
	UpdatedAt   time.Time  `gorm:"column:updated_at;not null"`
	DeliveredAt *time.Time `gorm:"column:delivered_at"`
}

// TableName names the outbox table.
func (ForwardDelivery) TableName() string { return "wx_forward_delivery" }

// Sources of a delivery: which record table its push is in.
const (
	ForwardComponent = "component"
	ForwardBiz       = "biz"
)

// Delivery statuses.
const (
	DeliveryPending   = "pending"
	DeliveryRunning   = "running"
	DeliveryDelivered = "delivered"
	DeliveryDead      = "dead"
)

// ForwardKey is the signing key of a forwarding rule, sealed (comm/secretbox, bound to the
// rule id). It lives beside wxcallback_rules so the original's table keeps its columns.
type ForwardKey struct {
	RuleID    uint      `gorm:"column:rule_id;primaryKey;autoIncrement:false"`
	Sealed    string    `gorm:"column:sealed;type:varchar(255);not null"`
	UpdatedAt time.Time `gorm:"column:updated_at;not null"`
}

// TableName names the key table.
func (ForwardKey) TableName() string { return "wx_forward_key" }
