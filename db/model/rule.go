package model

import "time"

// WxCallbackRule is a message forwarding rule. Its types compare bytes on MySQL too
// (utf8mb4_bin, see db.binaryKeys), as forwarding matches them byte for byte.
type WxCallbackRule struct {
	ID         uint      `gorm:"column:id;primaryKey;autoIncrement"`
	Name       string    `gorm:"column:name;type:varchar(64);not null;default:''"`
	InfoType   string    `gorm:"column:infotype;type:varchar(64);not null;default:'';uniqueIndex:infotype,priority:1"`
	MsgType    string    `gorm:"column:msgtype;type:varchar(64);not null;default:'';uniqueIndex:infotype,priority:2"`
	Event      string    `gorm:"column:event;type:varchar(64);not null;default:'';uniqueIndex:infotype,priority:3"`
	Type       int       `gorm:"column:type;not null;default:0"`
	Open       int       `gorm:"column:open;not null;default:0"`
	Info       string    `gorm:"column:info;type:text;not null"`
	CreateTime time.Time `gorm:"column:createtime;autoCreateTime"`
	UpdateTime time.Time `gorm:"column:updatetime;autoUpdateTime"`
}

// TableName keeps the original table name.
func (WxCallbackRule) TableName() string { return "wxcallback_rules" }
