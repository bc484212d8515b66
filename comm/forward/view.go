package forward

import (
	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// RuleView is a rule as the console lists it (FORWARD-API.md "Rule object").
type RuleView struct {
	ID         uint      `json:"id"`
	Name       string    `json:"name"`
	InfoType   string    `json:"infoType"`
	MsgType    string    `json:"msgType"`
	Event      string    `json:"event"`
	Open       int       `json:"open"`
	Data       Target    `json:"data"`
	CreateTime int64     `json:"createTime"`
	UpdateTime int64     `json:"updateTime"`
	KeyHint    string    `json:"keyHint"`
	Stats      RuleStats `json:"stats"`
}

// RuleStats sums up a rule's deliveries and its latest one.
type RuleStats struct {
	Pending    int64  `json:"pending"`
	Delivered  int64  `json:"delivered"`
	Dead       int64  `json:"dead"`
	LastStatus int    `json:"lastStatus"`
	LastError  string `json:"lastError"`
	LastTime   int64  `json:"lastTime"`
}

func ruleView(r Rule, key string, c *dao.DeliveryCounts) RuleView {
	v := RuleView{ID: r.ID, Name: r.Name, InfoType: r.InfoType, MsgType: r.MsgType, Event: r.Event, Data: r.Target,
		CreateTime: r.Created.Unix(), UpdateTime: r.Updated.Unix(), KeyHint: MaskKey(key)}
	if r.Open {
		v.Open = 1
	}
	if c == nil {
		return v
	}
	v.Stats = RuleStats{Pending: c.ByStatus[model.DeliveryPending] + c.ByStatus[model.DeliveryRunning],
		Delivered: c.ByStatus[model.DeliveryDelivered], Dead: c.ByStatus[model.DeliveryDead]}
	if l := c.Latest; l != nil {
		v.Stats.LastStatus, v.Stats.LastError, v.Stats.LastTime = l.LastStatus, l.LastError, l.UpdatedAt.Unix()
	}
	return v
}

// DeliveryView is one row of the delivery log (FORWARD-API.md "Deliveries").
type DeliveryView struct {
	ID            uint64 `json:"id"`
	RuleID        uint   `json:"ruleId"`
	Source        string `json:"source"`
	RecordID      uint   `json:"recordId"`
	AppID         string `json:"appid"`
	MsgType       string `json:"msgType"`
	Event         string `json:"event"`
	InfoType      string `json:"infoType"`
	Mode          string `json:"mode"`
	Status        string `json:"status"`
	Attempts      int    `json:"attempts"`
	LastStatus    int    `json:"lastStatus"`
	LatencyMs     int64  `json:"latencyMs"`
	LastError     string `json:"lastError"`
	CreateTime    int64  `json:"createTime"`
	UpdateTime    int64  `json:"updateTime"`
	NextTime      int64  `json:"nextTime"`
	DeliveredTime int64  `json:"deliveredTime"`
}

func deliveryView(d model.ForwardDelivery) DeliveryView {
	v := DeliveryView{ID: d.ID, RuleID: d.RuleID, Source: d.Source, RecordID: d.RecordID, AppID: d.AppID,
		MsgType: d.MsgType, Event: d.Event, InfoType: d.InfoType, Mode: d.Mode, Status: d.Status, Attempts: d.Attempts,
		LastStatus: d.LastStatus, LatencyMs: d.LatencyMs, LastError: d.LastError,
		CreateTime: d.CreatedAt.Unix(), UpdateTime: d.UpdatedAt.Unix()}
	switch d.Status {
	case model.DeliveryRunning:
		v.Status = model.DeliveryPending
	case model.DeliveryPending:
		v.NextTime = d.NextAt.Unix()
	}
	if d.DeliveredAt != nil {
		v.DeliveredTime = d.DeliveredAt.Unix()
	}
	return v
}
