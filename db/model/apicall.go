package model

import "time"

// APICall counts calls to one WeChat API in one period. Bucket is a Beijing
// (UTC+8) day "2006-01-02" for daily quota counts, or an hour "2006-01-02T15"
// for the per-token refresh-storm guard (then AppID names the token's owner).
type APICall struct {
	ID        uint      `gorm:"column:id;primaryKey;autoIncrement"`
	Bucket    string    `gorm:"column:bucket;type:varchar(16);not null;uniqueIndex:uk_api_call,priority:1"`
	API       string    `gorm:"column:api;type:varchar(128);not null;uniqueIndex:uk_api_call,priority:2"`
	AppID     string    `gorm:"column:appid;type:varchar(64);not null;default:'';uniqueIndex:uk_api_call,priority:3"`
	Calls     int64     `gorm:"column:calls;not null;default:0"`
	UpdatedAt time.Time `gorm:"column:updated_at;not null"`
}

// TableName names the API call counter table.
func (APICall) TableName() string { return "api_call" }
