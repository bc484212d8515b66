package model

import "time"

// Flags of a push stored raw (ComponentCallbackRecord.Flags, BizCallbackRecord.Flags).
const (
	// FlagUnparsed marks an authentic push whose content did not decode; it was stored as
	// received rather than refused, and nothing was processed from it.
	FlagUnparsed = "unparsed"
	// FlagBase64 marks a PostBody that is the base64 of the exact bytes, which are not UTF-8.
	FlagBase64 = "base64"
)

// ComponentCallbackRecord is one push received on the authorization-event URL.
type ComponentCallbackRecord struct {
	ID          uint      `gorm:"column:id;primaryKey;autoIncrement"`
	ReceiveTime time.Time `gorm:"column:receivetime;not null;index:idx_wxcallback_component_receivetime;index:idx_wxcallback_component_infotype_receivetime,priority:2"`
	CreateTime  time.Time `gorm:"column:createtime;not null"`
	InfoType    string    `gorm:"column:infotype;type:varchar(64);not null;default:'';index:idx_wxcallback_component_infotype_receivetime,priority:1"`
	PostBody    string    `gorm:"column:postbody;type:mediumtext;not null"`
	// DedupeKey makes WeChat's retries of one push land once; NULL for legacy rows. On MySQL it
	// compares bytes (utf8mb4_bin, see db.binaryKeys), as SQLite does.
	DedupeKey *string `gorm:"column:dedupekey;type:varchar(191);uniqueIndex:uk_wxcallback_component_dedupe"`
	// Flags marks a push stored raw, comma-separated: "unparsed" (its content did not decode),
	// "base64" (PostBody is the base64 of bytes that are not UTF-8). Empty for ordinary pushes.
	Flags string `gorm:"column:flags;type:varchar(64);not null;default:''"`
}

// TableName keeps the original table name.
func (ComponentCallbackRecord) TableName() string { return "wxcallback_component" }

// BizCallbackRecord is one push received on the message-and-event URL of an authorizer. Every
// filter of the records list has an index that returns its rows in the list's order
// (receivetime, then the primary key, which InnoDB and SQLite append to every index), so a page
// never sorts the matching rows: msgtype, event, msgtype+event, and appid with any of them
// (idx_wxcallback_biz_appid_time_types is appid, receivetime, id, msgtype, event: id before the
// types keeps the order, and the types let that combination be checked in the index rather than
// row by row). It replaces idx_wxcallback_biz_appid_receivetime, which
// databases created before keep unused (migrations never drop).
type BizCallbackRecord struct {
	ID          uint      `gorm:"column:id;primaryKey;autoIncrement;index:idx_wxcallback_biz_appid_time_types,priority:3"`
	ReceiveTime time.Time `gorm:"column:receivetime;not null;index:idx_wxcallback_biz_receivetime;index:idx_wxcallback_biz_appid_time_types,priority:2;index:idx_wxcallback_biz_msgtype_event_receivetime,priority:3;index:idx_wxcallback_biz_msgtype_receivetime,priority:2;index:idx_wxcallback_biz_event_receivetime,priority:2"`
	CreateTime  time.Time `gorm:"column:createtime;not null"`
	ToUserName  string    `gorm:"column:tousername;type:varchar(64);not null;default:''"`
	AppID       string    `gorm:"column:appid;type:varchar(64);not null;default:'';index:idx_wxcallback_biz_appid_time_types,priority:1"`
	MsgType     string    `gorm:"column:msgtype;type:varchar(64);not null;default:'';index:idx_wxcallback_biz_msgtype_event_receivetime,priority:1;index:idx_wxcallback_biz_msgtype_receivetime,priority:1;index:idx_wxcallback_biz_appid_time_types,priority:4"`
	Event       string    `gorm:"column:event;type:varchar(64);not null;default:'';index:idx_wxcallback_biz_msgtype_event_receivetime,priority:2;index:idx_wxcallback_biz_event_receivetime,priority:1;index:idx_wxcallback_biz_appid_time_types,priority:5"`
	PostBody    string    `gorm:"column:postbody;type:mediumtext;not null"`
	DedupeKey   *string   `gorm:"column:dedupekey;type:varchar(191);uniqueIndex:uk_wxcallback_biz_dedupe"`
	Flags       string    `gorm:"column:flags;type:varchar(64);not null;default:''"` // as ComponentCallbackRecord.Flags
}

// TableName keeps the original table name.
func (BizCallbackRecord) TableName() string { return "wxcallback_biz" }
