package model

import "time"

// Comm is the original generic key/value table.
type Comm struct {
	Key        string    `gorm:"column:key;type:varchar(64);primaryKey"`
	Value      string    `gorm:"column:value;type:text;not null"`
	CreateTime time.Time `gorm:"column:createtime;autoCreateTime"`
	UpdateTime time.Time `gorm:"column:updatetime;autoUpdateTime"`
}

// TableName keeps the original table name.
func (Comm) TableName() string { return "comm" }

// Keys of the comm table.
const (
	KVAuthInfo  = "authinfo"  // JSON {name, desc, redirectUrl}
	KVSecret    = "secret"    // AppSecret, sealed (legacy rows: AES-CBC base64)
	KVProxy     = "proxy"     // JSON {open, port, path, url}
	KVTicket    = "ticket"    // latest component_verify_ticket (kept for compatibility)
	KVJWTSecret = "jwtsecret" // random HS256 key, generated once
	KVWxToken   = "wxtoken"   // verification token set from the console, sealed
	KVAESKey    = "wxaeskey"  // EncodingAESKey set from the console, sealed
)

// KVUpgradedAt holds when wxcomponent first migrated a database of the original template
// (RFC 3339, UTC); absent on databases it created. The default retention spares pushes
// received before it.
const KVUpgradedAt = "upgradedat"
