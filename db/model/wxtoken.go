package model

import "time"

// WxToken caches an access token. Type 1 = authorizer_access_token, 2 = component_access_token.
type WxToken struct {
	ID         uint      `gorm:"column:id;primaryKey;autoIncrement"`
	Type       int       `gorm:"column:type;not null;default:0"`
	AppID      string    `gorm:"column:appid;type:varchar(128);not null;default:'';uniqueIndex:appid_uindex"`
	Token      string    `gorm:"column:token;type:text;not null"`
	ExpireTime time.Time `gorm:"column:expiretime;not null"`
	CreateTime time.Time `gorm:"column:createtime;autoCreateTime"`
	UpdateTime time.Time `gorm:"column:updatetime;autoUpdateTime"`
}

// TableName keeps the original table name.
func (WxToken) TableName() string { return "wxtoken" }

// Token types of the wxtoken table.
const (
	TokenTypeAuthorizer = 1
	TokenTypeComponent  = 2
)

// Counter is the original login-failure counter table; kept so old databases
// stay valid, no longer written (see LoginFailure).
type Counter struct {
	ID         uint      `gorm:"column:id;primaryKey;autoIncrement"`
	Key        string    `gorm:"column:key;type:varchar(64);not null;uniqueIndex:key"`
	Value      *uint     `gorm:"column:value"`
	CreateTime time.Time `gorm:"column:createtime;autoCreateTime"`
	UpdateTime time.Time `gorm:"column:updatetime;autoUpdateTime"`
}

// TableName keeps the original table name.
func (Counter) TableName() string { return "counter" }
