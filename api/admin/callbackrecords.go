package admin

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"wxcomponent/api/respond"
	"wxcomponent/comm/callback"
	"wxcomponent/comm/ingest"
	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// Page sizes of the record lists: the original returned everything when limit was absent.
const (
	recordsDefaultLimit = 15
	recordsMaxLimit     = 100
)

// CallbackRecordStore lists stored pushes and sizes their tables (dao.Store).
type CallbackRecordStore interface {
	ListComponentRecords(ctx context.Context, q dao.ComponentRecordQuery) (dao.RecordPage[model.ComponentCallbackRecord], error)
	ListBizRecords(ctx context.Context, q dao.BizRecordQuery) (dao.RecordPage[model.BizCallbackRecord], error)
	RecordStats(ctx context.Context) ([]dao.RecordTableStats, *int64, error)
}

// RecordRetention tells what the pruner keeps (see app's retention wiring).
type RecordRetention func(ctx context.Context) (ingest.Retention, error)

// CallbackRecordsHandler serves the push logs of the console's message viewer.
type CallbackRecordsHandler struct {
	store     CallbackRecordStore
	now       func() time.Time
	retention RecordRetention
}

// NewCallbackRecordsHandler builds the handler; now supplies "endTime=0 means now".
func NewCallbackRecordsHandler(store CallbackRecordStore, now func() time.Time) *CallbackRecordsHandler {
	if now == nil {
		now = time.Now
	}
	return &CallbackRecordsHandler{store: store, now: now}
}

// WithRetention sets what the stats endpoint reports as the retention (none: kept forever).
func (h *CallbackRecordsHandler) WithRetention(r RecordRetention) *CallbackRecordsHandler {
	h.retention = r
	return h
}

type componentRecordView struct {
	ID          uint   `json:"id"`
	ReceiveTime int64  `json:"receiveTime"`
	CreateTime  int64  `json:"createTime"`
	InfoType    string `json:"infoType"`
	PostBody    string `json:"postBody"`
	// Flags marks a push stored raw: "unparsed" (content did not decode), "base64" (postBody is
	// the base64 of bytes that are not UTF-8). Empty for ordinary pushes.
	Flags []string `json:"flags"`
}

type bizRecordView struct {
	ID          uint     `json:"id"`
	ReceiveTime int64    `json:"receiveTime"`
	CreateTime  int64    `json:"createTime"`
	AppID       string   `json:"appid"`
	ToUserName  string   `json:"toUserName"`
	MsgType     string   `json:"msgType"`
	Event       string   `json:"event"`
	PostBody    string   `json:"postBody"`
	Flags       []string `json:"flags"` // as componentRecordView.Flags
}

// ListComponent handles GET /wx-component-records. Tickets and authorization codes inside the
// bodies are masked unless reveal=true.
func (h *CallbackRecordsHandler) ListComponent(c *gin.Context) {
	rq, ok := h.recordQuery(c)
	if !ok {
		return
	}
	page, err := h.store.ListComponentRecords(c.Request.Context(), dao.ComponentRecordQuery{RecordQuery: rq, InfoType: c.Query("infoType")})
	if err != nil {
		respond.Error(c, err)
		return
	}
	reveal := revealRequested(c)
	out := make([]componentRecordView, len(page.Rows))
	for i, r := range page.Rows {
		body := r.PostBody
		if !reveal {
			body = callback.MaskSecrets(body)
		}
		out[i] = componentRecordView{ID: r.ID, ReceiveTime: r.ReceiveTime.Unix(), CreateTime: r.CreateTime.Unix(), InfoType: r.InfoType, PostBody: body, Flags: splitFlags(r.Flags)}
	}
	respond.OK(c, pageBody(page.Total, page.TotalExact, page.Next, out))
}

// ListBiz handles GET /wx-biz-records.
func (h *CallbackRecordsHandler) ListBiz(c *gin.Context) {
	rq, ok := h.recordQuery(c)
	if !ok {
		return
	}
	q := dao.BizRecordQuery{RecordQuery: rq, AppID: c.Query("appid"), MsgType: c.Query("msgType"), Event: c.Query("event")}
	page, err := h.store.ListBizRecords(c.Request.Context(), q)
	if err != nil {
		respond.Error(c, err)
		return
	}
	out := make([]bizRecordView, len(page.Rows))
	for i, r := range page.Rows {
		out[i] = bizRecordView{ID: r.ID, ReceiveTime: r.ReceiveTime.Unix(), CreateTime: r.CreateTime.Unix(), AppID: r.AppID,
			ToUserName: r.ToUserName, MsgType: r.MsgType, Event: r.Event, PostBody: r.PostBody, Flags: splitFlags(r.Flags)}
	}
	respond.OK(c, pageBody(page.Total, page.TotalExact, page.Next, out))
}

// pageBody is a list's data: the original's total and records, plus totalExact (false: total is
// an estimate, more than dao.RecordTotalCap rows match) and nextCursor (the cursor of the next
// page, "" on the last).
func pageBody(total int64, exact bool, next *dao.RecordKey, records any) gin.H {
	cursor := ""
	if next != nil {
		cursor = encodeCursor(*next)
	}
	return gin.H{"total": total, "totalExact": exact, "nextCursor": cursor, "records": records}
}

// recordQuery reads startTime, endTime (0 ⇒ now), offset, limit and cursor, answering 1001
// itself when one is invalid.
func (h *CallbackRecordsHandler) recordQuery(c *gin.Context) (dao.RecordQuery, bool) {
	var q dao.RecordQuery
	start, ok1 := recordInt(c, "startTime", 0)
	end, ok2 := recordInt(c, "endTime", 0)
	offset, ok3 := recordInt(c, "offset", 0)
	limit, ok4 := recordInt(c, "limit", 0)
	after, ok5 := decodeCursor(c.Query("cursor"))
	switch {
	case !ok1 || !ok2 || !ok3 || !ok4:
		respond.BadRequest(c, "startTime, endTime, offset and limit must be non-negative integers")
	case !ok5:
		respond.BadRequest(c, "cursor is invalid: pass back the nextCursor of the previous page")
	case limit > recordsMaxLimit:
		respond.BadRequest(c, "limit must not exceed "+strconv.Itoa(recordsMaxLimit))
	case end != 0 && start > end:
		respond.BadRequest(c, "startTime must not be after endTime")
	default:
		q.Start, q.End = time.Unix(start, 0), h.endOf(end)
		q.Offset, q.Limit, q.After = int(offset), int(limit), after
		if q.Limit == 0 {
			q.Limit = recordsDefaultLimit
		}
		return q, true
	}
	return q, false
}

// endOf turns endTime into an inclusive bound: the whole last second, or now when 0.
func (h *CallbackRecordsHandler) endOf(end int64) time.Time {
	if end == 0 {
		return h.now()
	}
	return time.Unix(end+1, 0).Add(-time.Microsecond)
}

// recordInt parses a non-negative integer query parameter; absent or empty gives def.
func recordInt(c *gin.Context, name string, def int64) (int64, bool) {
	s := c.Query(name)
	if s == "" {
		return def, true
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil || v < 0 || v > 1<<40 {
		return 0, false
	}
	return v, true
}

// revealRequested tells whether the operator asked to see credentials unmasked.
func revealRequested(c *gin.Context) bool {
	v, _ := strconv.ParseBool(c.Query("reveal"))
	return v
}

// splitFlags turns the stored comma-separated flags into a list, empty (not null) when none.
func splitFlags(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}
