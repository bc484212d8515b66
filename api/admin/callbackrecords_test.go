package admin_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"wxcomponent/api/admin"
	"wxcomponent/db/dao"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
	"wxcomponent/routers"
)

var recordsBase = time.Date(2025, 5, 6, 7, 0, 0, 0, time.UTC)

type recordsPage struct {
	Code int `json:"code"`
	Data struct {
		Total      int64  `json:"total"`
		TotalExact *bool  `json:"totalExact"`
		NextCursor string `json:"nextCursor"`
		Records    []struct {
			ID          uint     `json:"id"`
			ReceiveTime int64    `json:"receiveTime"`
			CreateTime  int64    `json:"createTime"`
			InfoType    string   `json:"infoType"`
			AppID       string   `json:"appid"`
			ToUserName  string   `json:"toUserName"`
			MsgType     string   `json:"msgType"`
			Event       string   `json:"event"`
			PostBody    string   `json:"postBody"`
			Flags       []string `json:"flags"`
		} `json:"records"`
	} `json:"data"`
}

// seedRecords stores 20 component pushes (one per minute, every 4th a ticket) and 10 biz pushes.
func seedRecords(t *testing.T, dialect string) *dao.Store {
	t.Helper()
	store := dao.New(dbtest.Open(t, dialect), dialect, nil)
	var comp []model.ComponentCallbackRecord
	for i := range 20 {
		infoType, body := "authorized", fmt.Sprintf(`<xml><AuthorizationCode>queryauthcode@@@code%08d</AuthorizationCode></xml>`, i)
		if i%4 == 0 {
			infoType, body = "component_verify_ticket", fmt.Sprintf(`{"ComponentVerifyTicket":"ticket@@@secret%08d"}`, i)
		}
		key := fmt.Sprint("c", i)
		comp = append(comp, model.ComponentCallbackRecord{ReceiveTime: recordsBase.Add(time.Duration(i) * time.Minute),
			CreateTime: time.Unix(0, 0), InfoType: infoType, PostBody: body, DedupeKey: &key})
	}
	var biz []model.BizCallbackRecord
	for i := range 10 {
		key := fmt.Sprint("b", i)
		msgType, event := "text", ""
		if i%2 == 1 {
			msgType, event = "event", "weapp_audit_success"
		}
		biz = append(biz, model.BizCallbackRecord{ReceiveTime: recordsBase.Add(time.Duration(i) * time.Minute), CreateTime: recordsBase,
			AppID: fmt.Sprint("wxapp", i%3), ToUserName: "gh_1", MsgType: msgType, Event: event, PostBody: "{}", DedupeKey: &key})
	}
	if err := store.DB().Create(&comp).Error; err != nil {
		t.Fatal(err)
	}
	if err := store.DB().Create(&biz).Error; err != nil {
		t.Fatal(err)
	}
	return store
}

func recordsServer(t *testing.T, store *dao.Store) *httptest.Server {
	t.Helper()
	gin.SetMode(gin.TestMode)
	engine := gin.New()
	now := func() time.Time { return recordsBase.Add(time.Hour) }
	routers.AdminRoutes(engine.Group("/wxcomponent/admin"), &routers.Handlers{CallbackRecords: admin.NewCallbackRecordsHandler(store, now)})
	srv := httptest.NewServer(engine)
	t.Cleanup(srv.Close)
	return srv
}

func getRecords(t *testing.T, srv *httptest.Server, path string) (int, recordsPage) {
	t.Helper()
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, srv.URL+"/wxcomponent/admin"+path, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	var raw struct {
		Code int             `json:"code"`
		Data json.RawMessage `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&raw); err != nil {
		t.Fatal(err)
	}
	page := recordsPage{Code: raw.Code}
	if resp.StatusCode == http.StatusOK {
		if err := json.Unmarshal(raw.Data, &page.Data); err != nil {
			t.Fatal(err)
		}
	}
	return resp.StatusCode, page
}

func TestComponentRecordsPagingAndFilters(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		srv := recordsServer(t, seedRecords(t, dialect))
		_, p := getRecords(t, srv, "/wx-component-records")
		if p.Data.Total != 20 || len(p.Data.Records) != 15 || p.Data.Records[0].ReceiveTime != recordsBase.Add(19*time.Minute).Unix() {
			t.Fatalf("default page: total %d, %d records", p.Data.Total, len(p.Data.Records))
		}
		_, p = getRecords(t, srv, "/wx-component-records?offset=15&limit=15")
		if len(p.Data.Records) != 5 || p.Data.Records[4].ReceiveTime != recordsBase.Unix() {
			t.Fatalf("second page: %d records", len(p.Data.Records))
		}
		_, p = getRecords(t, srv, "/wx-component-records?infoType=component_verify_ticket&limit=100")
		if p.Data.Total != 5 || len(p.Data.Records) != 5 {
			t.Fatalf("infoType filter: %d/%d", p.Data.Total, len(p.Data.Records))
		}
		for _, r := range p.Data.Records {
			if strings.Contains(r.PostBody, "secret") || r.CreateTime != 0 || r.ID == 0 || r.Flags == nil || len(r.Flags) != 0 {
				t.Fatalf("record %+v", r)
			}
		}
		start, end := recordsBase.Add(5*time.Minute).Unix(), recordsBase.Add(9*time.Minute).Unix()
		_, p = getRecords(t, srv, fmt.Sprintf("/wx-component-records?startTime=%d&endTime=%d", start, end))
		if p.Data.Total != 5 {
			t.Fatalf("time range: %d", p.Data.Total)
		}
		_, p = getRecords(t, srv, "/wx-component-records?infoType=authorized&limit=1&reveal=true")
		if !strings.Contains(p.Data.Records[0].PostBody, "queryauthcode@@@code") {
			t.Fatalf("reveal: %s", p.Data.Records[0].PostBody)
		}
	})
}

func TestBizRecordsFilters(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		srv := recordsServer(t, seedRecords(t, dialect))
		for query, want := range map[string]int64{
			"":                               10,
			"?appid=wxapp0":                  4,
			"?msgType=event":                 5,
			"?msgType=event&appid=wxapp1":    2,
			"?event=weapp_audit_success":     5,
			"?appid=nobody":                  0,
			"?startTime=99999999999":         0,
			"?endTime=1&startTime=0&limit=5": 0,
		} {
			status, p := getRecords(t, srv, "/wx-biz-records"+query)
			if status != http.StatusOK || p.Data.Total != want || p.Data.Records == nil {
				t.Fatalf("%q: status %d total %d records %v, want %d", query, status, p.Data.Total, p.Data.Records, want)
			}
		}
	})
}

func TestRecordsRejectBadPaging(t *testing.T) {
	srv := recordsServer(t, seedRecords(t, "sqlite"))
	for _, q := range []string{"?limit=-1", "?offset=-5", "?limit=101", "?limit=abc", "?startTime=10&endTime=5"} {
		for _, path := range []string{"/wx-component-records", "/wx-biz-records"} {
			status, p := getRecords(t, srv, path+q)
			if status != http.StatusBadRequest || p.Code != 1001 {
				t.Fatalf("%s%s: %d code %d", path, q, status, p.Code)
			}
		}
	}
}
