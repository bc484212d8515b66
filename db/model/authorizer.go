package model

import "time"

// Authorizer is an Official Account or Mini Program that authorized the platform.
type Authorizer struct {
	ID            int       `gorm:"column:id;primaryKey;autoIncrement"`
	AppID         string    `gorm:"column:appid;type:varchar(32);not null;uniqueIndex:appid"`
	AppType       int       `gorm:"column:apptype;not null;default:0"`
	ServiceType   int       `gorm:"column:servicetype;not null;default:0"`
	NickName      string    `gorm:"column:nickname;type:varchar(128);not null;default:''"`
	UserName      string    `gorm:"column:username;type:varchar(64);not null;default:''"`
	HeadImg       string    `gorm:"column:headimg;type:varchar(512);not null;default:''"`
	QrcodeURL     string    `gorm:"column:qrcodeurl;type:varchar(512);not null;default:''"`
	PrincipalName string    `gorm:"column:principalname;type:varchar(256);not null;default:''"`
	RefreshToken  string    `gorm:"column:refreshtoken;type:varchar(512);not null;default:''"`
	FuncInfo      string    `gorm:"column:funcinfo;type:text;not null"`
	VerifyInfo    int       `gorm:"column:verifyinfo;not null;default:-1"`
	AuthTime      time.Time `gorm:"column:authtime;not null"`
	UpdateTime    time.Time `gorm:"column:updatetime;autoUpdateTime"`
	// Columns added by wxcomponent.
	Status        int    `gorm:"column:status;not null;default:0"` // 0 authorized, 1 revoked (history kept)
	RegisterType  int    `gorm:"column:registertype;not null;default:0"`
	AccountStatus int    `gorm:"column:accountstatus;not null;default:0"`
	BasicConfig   string `gorm:"column:basicconfig;type:varchar(255);not null;default:''"` // JSON
	AuthState     string `gorm:"column:authstate;type:varchar(128);not null;default:''"`   // business state of the link used
}

// TableName keeps the original table name.
func (Authorizer) TableName() string { return "authorizers" }

// Authorizer statuses.
const (
	AuthorizerActive  = 0
	AuthorizerRevoked = 1
)
