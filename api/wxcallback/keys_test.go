package wxcallback_test

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"wxcomponent/comm/config"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

const bizPath = "/wxcallback/biz/wxba5fad812f8e6fb9"

func clickXML(from, key string) string {
	return `<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[` + from + `]]></FromUserName>` +
		`<CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[CLICK]]></Event>` +
		`<EventKey><![CDATA[` + key + `]]></EventKey></xml>`
}

func fastRegisterXML(appid, authCode string) string {
	return `<xml><AppId><![CDATA[` + appID + `]]></AppId><CreateTime>1700000000</CreateTime>` +
		`<InfoType><![CDATA[notify_third_fasteregister]]></InfoType><appid><![CDATA[` + appid + `]]></appid><status>0</status>` +
		`<auth_code><![CDATA[` + authCode + `]]></auth_code><msg><![CDATA[OK]]></msg><info><name><![CDATA[n]]></name></info></xml>`
}

func privacyApplyXML(api string) string {
	return `<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[od1P50M]]></FromUserName>` +
		`<CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[wxa_privacy_apply]]></Event>` +
		`<result_info><api_name>` + api + `</api_name><audit_id>421609337</audit_id><status>2</status></result_info></xml>`
}

// TestDifferentPushesAreNeverMerged: pushes that share the user, second and event (or InfoType)
// but differ in content are all stored; WeChat's retries of each, sealed afresh, still collapse.
func TestDifferentPushesAreNeverMerged(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		h := newHarness(t, dialect, config.ModeStandard)
		for range 2 { // the original and a retry
			h.postSealed(bizPath, clickXML("o1", "MENU_A"), "gh_1")
			h.postSealed(bizPath, clickXML("o1", "MENU_B"), "gh_1")
			h.postSealed("/wxcallback/component", fastRegisterXML("wxnew1", "authcode_one"), "")
			h.postSealed("/wxcallback/component", fastRegisterXML("wxnew2", "authcode_two"), "")
			h.postSealed(bizPath, privacyApplyXML("wx.choosePoi"), "gh_1")
			h.postSealed(bizPath, privacyApplyXML("wx.chooseAddress"), "gh_1")
		}
		h.wantCounts(2, 4, 0)
		h.wantStored(&[]model.ComponentCallbackRecord{}, "authcode_one", "authcode_two")
		h.wantStored(&[]model.BizCallbackRecord{}, "MENU_A", "MENU_B", "wx.choosePoi", "wx.chooseAddress")
	})
}

// TestKeysThatDifferInCaseAreDifferentPushes: openids and gh_ ids are case-sensitive. Two
// subscriptions in one second from openids differing only in case, and two messages with the
// same MsgId to accounts whose ids differ only in case, are four pushes on both databases.
func TestKeysThatDifferInCaseAreDifferentPushes(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		h := newHarness(t, dialect, config.ModeStandard)
		subscribe := func(openid string) string {
			return `<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[` + openid + `]]></FromUserName>` +
				`<CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event></xml>`
		}
		text := func(to string) string {
			return `<xml><ToUserName><![CDATA[` + to + `]]></ToUserName><FromUserName><![CDATA[o1]]></FromUserName>` +
				`<CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content><MsgId>42</MsgId></xml>`
		}
		for range 2 {
			h.postSealed(bizPath, subscribe("oAbCdEfGh"), "gh_1")
			h.postSealed(bizPath, subscribe("oaBcDeFgH"), "gh_1")
			h.postSealed(bizPath, text("gh_AbCd"), "gh_AbCd")
			h.postSealed(bizPath, text("gh_aBcD"), "gh_aBcD")
		}
		h.wantCounts(0, 4, 0)
	})
}

// TestAuthenticPushThatDoesNotDecodeIsStoredFlagged: a genuine push whose content has invalid
// UTF-8, a NUL or a MsgId beyond int64 is answered success, stored once byte for byte despite
// retries, and shown flagged in the viewer.
func TestAuthenticPushThatDoesNotDecodeIsStoredFlagged(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		h := newHarness(t, dialect, config.ModeStandard)
		h.runJobs()
		bodies := map[string]string{ // plaintext → flags
			"<xml><ToUserName>gh_1</ToUserName><MsgType>text</MsgType><Content>\xff\xfe</Content></xml>":         "unparsed,base64",
			"<xml><ToUserName>gh_1</ToUserName><MsgType>text</MsgType><Content>a\x00b</Content></xml>":           "unparsed",
			"<xml><ToUserName>gh_1</ToUserName><MsgType>text</MsgType><MsgId>99999999999999999999</MsgId></xml>": "unparsed",
		}
		for range 2 {
			for plain := range bodies {
				h.postSealed(bizPath, plain, "gh_1")
			}
			h.postSealed("/wxcallback/component", "<xml><InfoType>authorized</InfoType><CreateTime>\xff</CreateTime></xml>", "")
		}
		h.wantCounts(1, 3, 0)
		got := h.viewer("/admin/wx-biz-records")
		for _, r := range got {
			raw := r.PostBody
			if strings.Contains(strings.Join(r.Flags, ","), "base64") {
				b, err := base64.StdEncoding.DecodeString(raw)
				if err != nil {
					t.Fatal(err)
				}
				raw = string(b)
			}
			if want, ok := bodies[raw]; !ok || strings.Join(r.Flags, ",") != want {
				t.Fatalf("viewer shows %q with flags %v", raw, r.Flags)
			}
		}
		if comp := h.viewer("/admin/wx-component-records"); len(comp) != 1 || strings.Join(comp[0].Flags, ",") != "unparsed,base64" {
			t.Fatalf("component viewer: %+v", comp)
		}
	})
}

// viewedRecord is the part of a viewer row these tests read.
type viewedRecord struct {
	PostBody string   `json:"postBody"`
	Flags    []string `json:"flags"`
}

// viewer lists the records the console's message viewer shows.
func (h *harness) viewer(path string) []viewedRecord {
	h.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, h.url+path+"?limit=100", nil)
	status, body := h.do(req)
	var page struct {
		Data struct{ Records []viewedRecord } `json:"data"`
	}
	if err := json.Unmarshal([]byte(body), &page); status != http.StatusOK || err != nil {
		h.t.Fatalf("viewer %s: %d %s", path, status, body)
	}
	return page.Data.Records
}

// wantStored checks that each needle appears in exactly one stored body of the table.
func (h *harness) wantStored(rows any, needles ...string) {
	h.t.Helper()
	if err := h.store.DB().Find(rows).Error; err != nil {
		h.t.Fatal(err)
	}
	b, _ := json.Marshal(rows)
	for _, n := range needles {
		if c := strings.Count(string(b), n); c != 1 {
			h.t.Fatalf("%q stored %d times", n, c)
		}
	}
}
