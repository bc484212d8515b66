package model

import "time"

// User is a console user (the table keeps the original name "user"); every user is an admin.
type User struct {
	ID       int    `gorm:"column:id;primaryKey;autoIncrement"`
	Username string `gorm:"column:username;type:varchar(32);not null;uniqueIndex:user_username_uindex"`
	// Password is a bcrypt hash (60 chars, fits the original VARCHAR(64));
	// rows from the original hold md5(md5(pw)) until their first login.
	Password   string    `gorm:"column:password;type:varchar(64);not null"`
	CreateTime time.Time `gorm:"column:createtime;autoCreateTime"`
	UpdateTime time.Time `gorm:"column:updatetime;autoUpdateTime"`
	// TokenVersion is embedded in every JWT; bumping it invalidates older tokens.
	TokenVersion int `gorm:"column:tokenversion;not null;default:0"`
	// MustChangePwd forces a password change at the next login (random bootstrap password).
	MustChangePwd bool `gorm:"column:mustchangepwd;not null;default:false"`
}

// TableName keeps the original table name.
func (User) TableName() string { return "user" }

// LoginFailure is one failed login, kept for the sliding-window throttle.
type LoginFailure struct {
	ID       uint      `gorm:"primaryKey"`
	Key      string    `gorm:"type:varchar(191);not null;index:idx_login_failure_key_at,priority:1"`
	FailedAt time.Time `gorm:"not null;index:idx_login_failure_key_at,priority:2"`
}

// TableName names the throttle table.
func (LoginFailure) TableName() string { return "login_failure" }

// RevokedToken is a console session ended by logout, refused until it would have expired.
type RevokedToken struct {
	ID        string    `gorm:"column:id;type:varchar(64);primaryKey"`
	ExpiresAt time.Time `gorm:"column:expires_at;not null;index"`
}

// TableName names the logout deny-list table.
func (RevokedToken) TableName() string { return "revoked_token" }
