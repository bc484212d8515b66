package model

import "time"

// Lease gives one instance of a cluster the right to do a piece of work (for
// example refresh one access token) until ExpiresAt. Owner is a random id per
// acquisition, so only the holder can release it.
type Lease struct {
	Name      string    `gorm:"column:name;type:varchar(191);primaryKey"`
	Owner     string    `gorm:"column:owner;type:varchar(64);not null"`
	ExpiresAt time.Time `gorm:"column:expires_at;not null"`
}

// TableName names the lease table.
func (Lease) TableName() string { return "lease" }
