package model

import "time"

// ComponentTicket is one component_verify_ticket received from WeChat, kept
// with its receive time so its 12-hour validity can be judged; the last few
// per component appid are kept (several platforms may share one deployment).
type ComponentTicket struct {
	ID         uint      `gorm:"column:id;primaryKey;autoIncrement"`
	AppID      string    `gorm:"column:appid;type:varchar(64);not null;index:idx_component_ticket_appid_received,priority:1"`
	Ticket     string    `gorm:"column:ticket;type:varchar(512);not null"`
	ReceivedAt time.Time `gorm:"column:received_at;not null;index:idx_component_ticket_appid_received,priority:2"`
}

// TableName names the ticket history table.
func (ComponentTicket) TableName() string { return "component_ticket" }
