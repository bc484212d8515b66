package admin_test

import (
	"bytes"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"wxcomponent/comm/authz/authztest"
	"wxcomponent/db/dbtest"
	"wxcomponent/internal/wxsim"
)

// versionsView is dev-versions' data as the console reads it.
type versionsView struct {
	AuditInfo *struct {
		AuditID     int64    `json:"auditId"`
		Status      int      `json:"status"`
		State       string   `json:"state"`
		Reason      string   `json:"reason"`
		Screenshots []string `json:"screenshots"`
		UserVersion string   `json:"userVersion"`
	} `json:"auditInfo"`
	ReleaseInfo *struct {
		ReleaseVersion string `json:"releaseVersion"`
		ReleaseQrCode  string `json:"releaseQrCode"`
	} `json:"releaseInfo"`
	ExpInfo *struct {
		ExpVersion string `json:"expVersion"`
		ExpQrCode  string `json:"expQrCode"`
	} `json:"expInfo"`
	RefreshedAt *int64 `json:"refreshedAt"`
}

// versions reads dev-versions (query "" or "&refresh=1").
func (a *codeApp) versions(query string) versionsView {
	a.T.Helper()
	var v versionsView
	a.ok(http.MethodGet, "/dev-versions?appid="+weapp+query, nil, &v)
	return v
}

// auditStatus is the audit's status on the version page, -1 when there is none.
func (v versionsView) auditStatus() int {
	if v.AuditInfo == nil {
		return -1
	}
	return v.AuditInfo.Status
}

// commit commits template tpl as version, sending templateId as a string as the console does.
func (a *codeApp) commit(tpl int64, version string) {
	a.T.Helper()
	a.ok(http.MethodPost, "/commit-code?appid="+weapp, map[string]any{"templateId": strconv.FormatInt(tpl, 10),
		"extJson": `{"extAppid":"` + weapp + `"}`, "userVersion": version, "userDesc": "版本 " + version}, nil)
}

// submitBody is the console's submit-audit body for the committed code's first page.
func (a *codeApp) submitBody(feedbackStuff string) map[string]any {
	a.T.Helper()
	var pages struct {
		PageList []string `json:"pageList"`
	}
	a.ok(http.MethodGet, "/page-list?appid="+weapp, nil, &pages)
	var cats struct {
		CategoryList []struct {
			FirstClass  string `json:"firstClass"`
			SecondClass string `json:"secondClass"`
			FirstID     int64  `json:"firstId"`
			SecondID    int64  `json:"secondId"`
		} `json:"categoryList"`
	}
	a.ok(http.MethodGet, "/category?appid="+weapp, nil, &cats)
	if len(pages.PageList) == 0 || len(cats.CategoryList) == 0 || cats.CategoryList[0].FirstID == 0 {
		a.T.Fatalf("pages %+v, categories %+v", pages, cats)
	}
	c := cats.CategoryList[0]
	return map[string]any{"appid": weapp,
		"itemList": []map[string]any{{"address": pages.PageList[0], "tag": "工具", "firstClass": c.FirstClass,
			"secondClass": c.SecondClass, "firstId": c.FirstID, "secondId": c.SecondID, "title": "首页"}},
		"previewInfo": map[string]any{"videoIdList": []string{}, "picIdList": []string{}},
		"versionDesc": "提审说明", "feedbackInfo": "", "feedbackStuff": feedbackStuff,
		"ugcDeclare": map[string]any{"scene": []int{0}, "otherSceneDesc": "", "method": []int{}, "hasAuditTeam": 0, "auditDesc": ""}}
}

// submit submits for audit and returns the audit id.
func (a *codeApp) submit(body map[string]any) int64 {
	a.T.Helper()
	var out struct {
		AuditID int64 `json:"auditId"`
	}
	a.ok(http.MethodPost, "/submit-audit?appid="+weapp, body, &out)
	if out.AuditID == 0 {
		a.T.Fatal("submit-audit answered no auditId")
	}
	return out.AuditID
}

// TestCodeFlowOverHTTP walks one account through commit, audit, release, a second release
// whose approval push is lost (refresh finds it) and a rollback, as the console does.
func TestCodeFlowOverHTTP(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		a := newCodeApp(t, dialect, authztest.Options{})
		tpl := a.addTemplate("1.0.0")
		a.commit(tpl, "1.0.0")
		if v := a.versions(""); v.ExpInfo == nil || v.ExpInfo.ExpVersion != "1.0.0" || v.AuditInfo != nil || v.RefreshedAt == nil {
			t.Fatalf("after commit: %+v", v)
		}
		shot := a.upload("image", "反馈.jpg", jpegBytes(t)).MediaID
		id := a.submit(a.submitBody(shot))

		again := a.call(http.MethodPost, "/submit-audit?appid="+weapp, a.submitBody(""))
		want(t, again, http.StatusBadGateway, 1002, "已有版本在审核中")
		want(t, again, http.StatusBadGateway, 1002, "（errcode 85009）")
		if v := a.versions(""); v.auditStatus() != 2 || v.AuditInfo.AuditID != id {
			t.Fatalf("while auditing: %+v", v.AuditInfo)
		}

		a.decide(wxsim.DecideApprove)() // the approval push arrives
		if v := a.versions(""); v.auditStatus() != 0 || v.AuditInfo.State != "approved" {
			t.Fatalf("after approval: %+v", v.AuditInfo)
		}
		want(t, a.call(http.MethodPost, "/speed-up-audit?appid="+weapp, "{}"), http.StatusConflict, 1008, "没有审核中的版本")
		a.ok(http.MethodPost, "/release-code?appid="+weapp, "{}", nil)
		if v := a.versions(""); v.ReleaseInfo == nil || v.ReleaseInfo.ReleaseVersion != "1.0.0" || v.AuditInfo.State != "released" {
			t.Fatalf("after release: %+v", v)
		}
		a.pauseAndResume()
		a.wantQRCodes()

		a.commit(tpl, "1.1.0")
		a.submit(a.submitBody(""))
		a.decide(wxsim.DecideApprove) // this push is lost
		if v := a.versions(""); v.auditStatus() != 2 {
			t.Fatalf("stored view should not ask WeChat: %+v", v.AuditInfo)
		}
		if v := a.versions("&refresh=1"); v.auditStatus() != 0 || v.AuditInfo.UserVersion != "1.1.0" {
			t.Fatalf("refresh did not learn the approval: %+v", v.AuditInfo)
		}
		a.ok(http.MethodPost, "/release-code?appid="+weapp, "{}", nil)
		a.ok(http.MethodPost, "/rollback-release-version?appid="+weapp, "{}", nil)
		if v := a.versions(""); v.ReleaseInfo == nil || v.ReleaseInfo.ReleaseVersion != "1.0.0" {
			t.Fatalf("after rollback: %+v", v.ReleaseInfo)
		}
		rep := a.call(http.MethodPost, "/rollback-release-version?appid="+weapp, "{}")
		if rep.Status != http.StatusBadGateway || rep.Code != 1002 || !strings.Contains(string(rep.Data), "errcode") {
			t.Fatalf("second rollback: %d %s", rep.Status, rep.Raw)
		}
		a.wantHistory("1.1.0", "committed/operator auditing/operator approved/poll released/operator rolledback/operator")
	})
}

// wantHistory checks the newest stored version and the path it took.
func (a *codeApp) wantHistory(version, path string) {
	a.T.Helper()
	var h struct {
		Records []struct {
			UserVersion string `json:"userVersion"`
			State       string `json:"state"`
			Events      []struct {
				ToState string `json:"toState"`
				Source  string `json:"source"`
			} `json:"events"`
		} `json:"records"`
	}
	a.ok(http.MethodGet, "/dev-version-history?appid="+weapp+"&limit=1", nil, &h)
	if len(h.Records) != 1 || h.Records[0].UserVersion != version {
		a.T.Fatalf("history: %+v", h)
	}
	var got []string
	for _, e := range h.Records[0].Events {
		got = append(got, e.ToState+"/"+e.Source)
	}
	if strings.Join(got, " ") != path {
		a.T.Fatalf("history of %s:\n got  %s\n want %s", version, strings.Join(got, " "), path)
	}
}

// TestRejectionScreenshotsAndWithdrawal shows a rejection with its screenshots served as
// images, the audit status asked of WeChat, and a resubmission withdrawn.
func TestRejectionScreenshotsAndWithdrawal(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		a := newCodeApp(t, dialect, authztest.Options{})
		tpl := a.addTemplate("1.0.0")
		a.commit(tpl, "1.0.0")
		id := a.submit(a.submitBody(""))
		a.decide(wxsim.DecideReject)()
		v := a.versions("")
		if v.auditStatus() != 1 || v.AuditInfo.Reason == "" || len(v.AuditInfo.Screenshots) == 0 {
			t.Fatalf("rejected: %+v", v.AuditInfo)
		}
		for _, m := range v.AuditInfo.Screenshots {
			rep := a.send(httptestGet("/audit-screenshot?appid=" + weapp + "&mediaId=" + m))
			if rep.Status != http.StatusOK || rep.Header.Get("Content-Type") != "image/jpeg" || !strings.HasPrefix(rep.Raw, "\xFF\xD8") {
				t.Fatalf("screenshot %s: %d %s %.20q", m, rep.Status, rep.Header.Get("Content-Type"), rep.Raw)
			}
		}
		want(t, a.call(http.MethodGet, "/audit-screenshot?appid="+weapp+"&mediaId=media_not_ours", nil), http.StatusNotFound, 1001, "不存在")

		var st struct {
			AuditID int64  `json:"auditId"`
			Status  int    `json:"status"`
			Reason  string `json:"reason"`
		}
		a.ok(http.MethodGet, "/audit-status?appid="+weapp+"&auditId="+strconv.FormatInt(id, 10), nil, &st)
		if st.AuditID != id || st.Status != 1 || st.Reason != v.AuditInfo.Reason {
			t.Fatalf("audit-status: %+v", st)
		}

		a.commit(tpl, "1.0.1")
		a.submit(a.submitBody(""))
		a.ok(http.MethodPost, "/speed-up-audit?appid="+weapp, "{}", nil)
		a.ok(http.MethodPost, "/revoke-audit?appid="+weapp, "{}", nil)
		if v := a.versions(""); v.auditStatus() != 3 || v.AuditInfo.UserVersion != "1.0.1" {
			t.Fatalf("after withdrawal: %+v", v.AuditInfo)
		}
	})
}

// httptestGet builds a GET of an admin path.
func httptestGet(target string) *http.Request {
	req, _ := http.NewRequest(http.MethodGet, "/wxcomponent/admin"+target, nil)
	return req
}

// pauseAndResume pauses the online version's service and resumes it, as the list shows it.
func (a *codeApp) pauseAndResume() {
	a.T.Helper()
	for _, step := range []struct {
		action string
		status int
	}{{"close", 0}, {"open", 1}} {
		a.ok(http.MethodPost, "/change-visit-status?appid="+weapp, map[string]any{"action": step.action}, nil)
		var page struct {
			Records []struct {
				ServiceStatus *int `json:"serviceStatus"`
			} `json:"records"`
		}
		a.ok(http.MethodGet, "/dev-weapp-list?appid="+weapp, nil, &page)
		if len(page.Records) != 1 || page.Records[0].ServiceStatus == nil || *page.Records[0].ServiceStatus != step.status {
			a.T.Fatalf("after %s: %+v", step.action, page)
		}
	}
}

// wantQRCodes checks the QR codes of the online and experience versions, also when WeChat
// cannot draw one.
func (a *codeApp) wantQRCodes() {
	a.T.Helper()
	var qr struct {
		ReleaseQrCode string `json:"releaseQrCode"`
	}
	a.ok(http.MethodGet, "/qrcode?appid="+weapp, nil, &qr)
	v := a.versions("")
	for name, b64 := range map[string]string{"qrcode": qr.ReleaseQrCode, "dev-versions release": v.ReleaseInfo.ReleaseQrCode,
		"dev-versions experience": v.ExpInfo.ExpQrCode} {
		if img, err := base64.StdEncoding.DecodeString(b64); err != nil || !bytes.HasPrefix(img, []byte{0xFF, 0xD8}) {
			a.T.Fatalf("%s QR code is not a base64 JPEG: %.40q, %v", name, b64, err)
		}
	}
	a.Sim.SetFault(wxsim.Fault{API: "getwxacodeunlimit", Errcode: 45009})
	if v := a.versions(""); v.ReleaseInfo == nil || v.ReleaseInfo.ReleaseQrCode != "" || v.ExpInfo.ExpQrCode == "" {
		a.T.Fatalf("with the release QR code failing: %+v %+v", v.ReleaseInfo, v.ExpInfo)
	}
}
