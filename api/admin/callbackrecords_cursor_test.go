package admin_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"wxcomponent/api/admin"
	"wxcomponent/comm/ingest"
	"wxcomponent/db/dbtest"
	"wxcomponent/routers"
)

// The console pages with nextCursor: following it from the first page shows every record once,
// newest first, keeping the filter, and the last page says there is no next one.
func TestRecordsCursorWalk(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		srv := recordsServer(t, seedRecords(t, dialect))
		seen := map[uint]bool{}
		last := int64(1 << 62)
		cursor := ""
		for pages := 1; ; pages++ {
			status, p := getRecords(t, srv, "/wx-component-records?limit=6&infoType=authorized&cursor="+url.QueryEscape(cursor))
			if status != http.StatusOK || p.Data.Total != 15 || p.Data.TotalExact == nil || !*p.Data.TotalExact {
				t.Fatalf("page %d: status %d total %d exact %v", pages, status, p.Data.Total, p.Data.TotalExact)
			}
			for _, r := range p.Data.Records {
				if seen[r.ID] || r.InfoType != "authorized" || r.ReceiveTime > last {
					t.Fatalf("page %d: record %+v repeated, unfiltered or out of order", pages, r)
				}
				seen[r.ID], last = true, r.ReceiveTime
			}
			if p.Data.NextCursor == "" {
				if pages != 3 || len(seen) != 15 {
					t.Fatalf("ended after %d pages with %d records", pages, len(seen))
				}
				return
			}
			cursor = p.Data.NextCursor
		}
	})
}

func TestRecordsRejectBadCursor(t *testing.T) {
	srv := recordsServer(t, seedRecords(t, "sqlite"))
	for _, c := range []string{"abc", "12", "12_", "_5", "-1_5", "12_0", "12_x", "1.5_2"} {
		for _, path := range []string{"/wx-component-records", "/wx-biz-records"} {
			status, p := getRecords(t, srv, path+"?cursor="+url.QueryEscape(c))
			if status != http.StatusBadRequest || p.Code != 1001 {
				t.Fatalf("%s cursor %q: %d code %d", path, c, status, p.Code)
			}
		}
	}
}

func TestRecordsStats(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		gin.SetMode(gin.TestMode)
		engine := gin.New()
		upgraded := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
		h := admin.NewCallbackRecordsHandler(seedRecords(t, dialect), nil).WithRetention(func(context.Context) (ingest.Retention, error) {
			r := ingest.RetentionFor(30*24*time.Hour, false, upgraded)
			r.MaxRows = 5000
			return r, nil
		})
		routers.AdminRoutes(engine.Group("/wxcomponent/admin"), &routers.Handlers{CallbackRecords: h})
		req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, "/wxcomponent/admin/callback-records-stats", nil)
		rec := httptest.NewRecorder()
		engine.ServeHTTP(rec, req)
		var body struct {
			Code int `json:"code"`
			Data struct {
				RetentionDays int64 `json:"retentionDays"`
				KeptBefore    int64 `json:"keptBefore"`
				MaxRows       int64 `json:"maxRows"`
				Tables        []struct {
					Table     string `json:"table"`
					Rows      int64  `json:"rows"`
					RowsExact bool   `json:"rowsExact"`
					Bytes     *int64 `json:"bytes"`
				} `json:"tables"`
				DatabaseBytes *int64 `json:"databaseBytes"`
			} `json:"data"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.Code != 0 {
			t.Fatalf("%v %s", err, rec.Body)
		}
		d := body.Data
		if d.RetentionDays != 30 || d.KeptBefore != upgraded.Unix() || d.MaxRows != 5000 || len(d.Tables) != 2 {
			t.Fatalf("%s", rec.Body)
		}
		if d.Tables[0].Table != "wxcallback_component" || d.Tables[0].Rows != 20 || !d.Tables[0].RowsExact || d.Tables[1].Rows != 10 {
			t.Fatalf("%s", rec.Body)
		}
		// The size: per table on MySQL, the whole file on SQLite.
		if (dialect == "mysql") != (d.Tables[1].Bytes != nil) || (dialect == "sqlite") != (d.DatabaseBytes != nil) {
			t.Fatalf("%s: sizes %s", dialect, rec.Body)
		}
	})
}
