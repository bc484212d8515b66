package admin

import (
	"time"

	"github.com/gin-gonic/gin"

	"wxcomponent/api/respond"
)

type recordTableView struct {
	Table     string `json:"table"`
	Rows      int64  `json:"rows"`
	RowsExact bool   `json:"rowsExact"`
	Bytes     *int64 `json:"bytes"` // null where the database cannot tell per table (SQLite)
}

// Stats handles GET /callback-records-stats: how long pushes are kept and how big their
// tables are, shown under the message viewer.
func (h *CallbackRecordsHandler) Stats(c *gin.Context) {
	ctx := c.Request.Context()
	var days int64
	var since, maxRows int64
	if h.retention != nil {
		r, err := h.retention(ctx)
		if err != nil {
			respond.Error(c, err)
			return
		}
		if r.Keep > 0 {
			days = int64(r.Keep / (24 * time.Hour))
		}
		if !r.Since.IsZero() {
			since = r.Since.Unix()
		}
		maxRows = max(r.MaxRows, 0)
	}
	tables, dbBytes, err := h.store.RecordStats(ctx)
	if err != nil {
		respond.Error(c, err)
		return
	}
	out := make([]recordTableView, len(tables))
	for i, t := range tables {
		out[i] = recordTableView{Table: t.Table, Rows: t.Rows, RowsExact: t.RowsExact, Bytes: t.Bytes}
	}
	// retentionDays 0 keeps pushes forever; keptBefore (unix s, 0 = none) is the upgrade of an
	// original database, whose earlier pushes the default retention spares; maxRows (0 = none)
	// caps each table at its newest rows, whatever their age.
	respond.OK(c, gin.H{"retentionDays": days, "keptBefore": since, "maxRows": maxRows, "tables": out, "databaseBytes": dbBytes})
}
