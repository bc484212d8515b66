package wxcallback_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"wxcomponent/comm/config"
	"wxcomponent/comm/ingest"
	"wxcomponent/comm/wx/crypt"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

func TestStandardTicketIsStoredDecryptedAndProcessed(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		h := newHarness(t, dialect, config.ModeStandard)
		h.runJobs()
		plain := ticketXML("ticket@@@T1", 1700000000)
		h.postSealed("/wxcallback/component", plain, "")
		var row model.ComponentCallbackRecord
		if err := h.store.DB().Take(&row).Error; err != nil {
			t.Fatal(err)
		}
		if row.PostBody != plain || row.InfoType != "component_verify_ticket" || row.CreateTime.Unix() != 1700000000 {
			t.Fatalf("stored %+v", row)
		}
		if !row.ReceiveTime.Equal(h.clock.Now()) {
			t.Fatalf("receivetime %v, want %v", row.ReceiveTime, h.clock.Now())
		}
		p := h.next().(ingest.ComponentPush)
		if p.ComponentVerifyTicket != "ticket@@@T1" || p.RecordID != row.ID {
			t.Fatalf("job payload %+v", p)
		}
	})
}

func TestStandardRejectsForgeriesAndStoresNothing(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		h := newHarness(t, dialect, config.ModeStandard)
		plain := ticketXML("ticket@@@FORGED", 1700000000)
		wrongApp, err := crypt.New(token, aesKey, "wxffffffffffffffff")
		if err != nil {
			t.Fatal(err)
		}
		ts := strconv.FormatInt(h.clock.Now().Unix(), 10)
		wrongQ, wrongBody, err := wrongApp.SealPush([]byte(plain), "", ts, "1")
		if err != nil {
			t.Fatal(err)
		}
		forgedQ, forgedBody := h.seal(plain, "", 0)
		forgedQ.Set("msg_signature", strings.Repeat("0", 40))
		staleQ, staleBody := h.seal(plain, "", -10*time.Minute)
		cloudRunHeader := http.Header{"X-Wx-Source": {"wx"}}
		cases := []struct {
			name   string
			q      url.Values
			header http.Header
			body   string
		}{
			{"forged signature", forgedQ, nil, forgedBody},
			{"wrong appid trailer", wrongQ, nil, string(wrongBody)},
			{"stale timestamp", staleQ, nil, staleBody},
			{"bare x-wx-source", url.Values{}, cloudRunHeader, `{"InfoType":"unauthorized","AuthorizerAppid":"wxa","CreateTime":1}`},
			{"x-wx-source with forged signature", forgedQ, cloudRunHeader, forgedBody},
		}
		for _, tc := range cases {
			status, body := h.post("/wxcallback/component", tc.q, tc.header, tc.body)
			var env struct{ Code int }
			_ = json.Unmarshal([]byte(body), &env)
			if status != http.StatusUnauthorized || env.Code != 1000 {
				t.Fatalf("%s: got %d %s", tc.name, status, body)
			}
		}
		h.wantCounts(0, 0, 0)
	})
}

func TestCloudRunModeHeaderGate(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		h := newHarness(t, dialect, config.ModeCloudRun)
		body := `{"ToUserName":"gh_1","FromUserName":"o1","CreateTime":1700000000,"MsgType":"text","Content":"hi","MsgId":23637352235060880}`
		status, answer := h.post("/wxcallback/biz/wxba5fad812f8e6fb9", url.Values{}, nil, body)
		if status != http.StatusUnauthorized {
			t.Fatalf("without header: %d %s", status, answer)
		}
		h.wantCounts(0, 0, 0)
		h.wantSuccess(h.post("/wxcallback/biz/wxba5fad812f8e6fb9", url.Values{}, http.Header{"X-Wx-Source": {"wx"}}, body))
		h.wantSuccess(h.post("/wxcallback/component", url.Values{}, nil, `{"action":"CheckContainerPath"}`))
		h.wantCounts(0, 1, 0)
		var row model.BizCallbackRecord
		if err := h.store.DB().Take(&row).Error; err != nil {
			t.Fatal(err)
		}
		if row.AppID != "wxba5fad812f8e6fb9" || row.ToUserName != "gh_1" || row.MsgType != "text" || row.PostBody != body {
			t.Fatalf("stored %+v", row)
		}
	})
}

func TestRetriesAreStoredAndProcessedOnce(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		h := newHarness(t, dialect, config.ModeStandard)
		h.runJobs()
		biz := "/wxcallback/biz/wxba5fad812f8e6fb9"
		text := `<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o1]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content><MsgId>6054768590064713728</MsgId></xml>`
		audit := `<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>1700000001</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[weapp_audit_success]]></Event><SuccTime>1700000001</SuccTime></xml>`
		anon := `<xml><ToUserName><![CDATA[gh_1]]></ToUserName><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[no ids]]></Content></xml>`
		for range 3 { // each attempt is sealed afresh: same MsgId / same event, different ciphertexts
			h.postSealed(biz, text, "gh_1")
			h.postSealed(biz, audit, "gh_1")
			h.postSealed("/wxcallback/component", ticketXML("ticket@@@R", 1700000002), "")
		}
		q, body := h.seal(anon, "gh_1", 0)
		for range 3 { // the same ciphertext resent
			h.wantSuccess(h.post(biz, q, nil, body))
		}
		h.wantCounts(1, 3, 2)
		got := map[string]int{}
		for range 2 {
			switch p := h.next().(type) {
			case ingest.ComponentPush:
				got[p.InfoType]++
			case ingest.BizPush:
				got[p.Event]++
			}
		}
		if got["component_verify_ticket"] != 1 || got["weapp_audit_success"] != 1 {
			t.Fatalf("jobs run: %v", got)
		}
	})
}

func TestStorageFailureIsNotAnsweredSuccess(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		h := newHarness(t, dialect, config.ModeStandard)
		if err := h.store.DB().Migrator().DropTable(&model.ComponentCallbackRecord{}); err != nil {
			t.Fatal(err)
		}
		q, body := h.seal(ticketXML("ticket@@@LOST", 1700000003), "", 0)
		status, answer := h.post("/wxcallback/component", q, nil, body)
		if status != http.StatusInternalServerError || strings.Contains(answer, "success") || strings.Contains(answer, "wxcallback_component") {
			t.Fatalf("failed write answered %d %q", status, answer)
		}
		if err := h.store.DB().Migrator().CreateTable(&model.ComponentCallbackRecord{}); err != nil {
			t.Fatal(err)
		}
		h.wantSuccess(h.post("/wxcallback/component", q, nil, body)) // WeChat's retry now lands
		h.wantCounts(1, 0, 1)
	})
}
