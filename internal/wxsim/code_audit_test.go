package wxsim

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestAuditRejectThenApproveThenRelease(t *testing.T) {
	e := newCodeEnv(t)
	wantErr(t, e.get(pathLatestAudit, e.on()), 85058)
	wantErr(t, e.post(pathSubmitAudit, e.on(), "{}"), 85086)
	e.post("/sim/audit/policy", nil, map[string]any{"privacyScanSeconds": 60})
	e.commit("1.0")
	wantErr(t, e.post(pathSubmitAudit, e.on(), "{}"), 61039)
	e.sim.AdvanceClock(time.Minute)
	id := e.submit()
	wantErr(t, e.post(pathSubmitAudit, e.on(), "{}"), 85009)
	if m := e.post(pathAuditStatus, e.on(), map[string]any{"auditid": id}); num64(m, "status") != AuditAuditing {
		t.Fatalf("status = %v", m)
	}
	wantErr(t, e.post(pathAuditStatus, e.on(), map[string]any{"auditid": id + 100}), 85012)
	wantErr(t, e.post(pathRelease, e.on(), "{}"), 85020)

	m := e.decide(DecideReject)
	payload := m["push"].(map[string]any)["payload"].(string)
	if m["push"].(map[string]any)["delivered"] != true || !strings.Contains(payload, "<Event><![CDATA[weapp_audit_fail]]></Event>") {
		t.Fatalf("reject push = %v", m)
	}
	reqs := e.recv.requests()
	last := reqs[len(reqs)-1]
	if last.Path != "/wxcallback/biz/"+mpAppID {
		t.Fatalf("pushed to %s", last.Path)
	}
	if _, plain := openPush(t, last); !strings.Contains(plain, "<ScreenShot>") || strings.Contains(plain, "auditid") {
		t.Fatalf("fail event = %s", plain)
	}
	latest := e.get(pathLatestAudit, e.on())
	shots := strings.Split(latest["screenshot"].(string), "|")
	if num64(latest, "status") != AuditRejected || num64(latest, "auditid") != id || len(shots) != 2 || latest["reason"] == "" {
		t.Fatalf("latest = %v", latest)
	}
	status, ct, img := e.raw(http.MethodPost, pathGetMaterial, e.on(), "application/json", []byte(`{"media_id":"`+shots[0]+`"}`))
	if status != 200 || ct != "image/jpeg" {
		t.Fatalf("get_material: %d %s", status, ct)
	}
	mustJPEG(t, img)

	id2 := e.submit()
	m = e.decide(DecideApprove)
	if p := m["push"].(map[string]any)["payload"].(string); !strings.Contains(p, "weapp_audit_success") || !strings.Contains(p, "<SuccTime>") {
		t.Fatalf("approve push = %s", p)
	}
	if id2 == id {
		t.Fatal("audit ids repeat")
	}
	wantErr(t, e.post(pathRelease, e.on(), ""), 44002)
	wantErr(t, e.post(pathRelease, e.on(), "{}"), 0)
	wantErr(t, e.post(pathRelease, e.on(), "{}"), 85052)
	info := e.post(pathGetVersionInfo, e.on(), "{}")
	if rel := info["release_info"].(map[string]any); rel["release_version"] != "1.0" {
		t.Fatalf("versioninfo = %v", info)
	}
	if e.sim.AppCallCount(mpAppID, pathSubmitAudit) != 5 || e.sim.AppCallCount(mpAppID, "release") != 3 {
		t.Fatalf("calls = %v", e.sim.CodeState(mpAppID).Calls)
	}
}

func TestReleaseHistoryAndRollback(t *testing.T) {
	e := newCodeEnv(t)
	wantErr(t, e.post(pathRelease, e.on(), "{}"), 85019)
	for _, v := range []string{"1.0", "1.1", "1.2"} {
		e.commit(v)
		e.submit()
		e.decide(DecideApprove)
		wantErr(t, e.post(pathRelease, e.on(), "{}"), 0)
	}
	hist := e.get(pathRevertRelease, url.Values{"access_token": {e.atok}, "action": {"get_history_version"}})["version_list"].([]any)
	if len(hist) != 2 || hist[0].(map[string]any)["user_version"] != "1.1" {
		t.Fatalf("history = %v", hist)
	}
	wantErr(t, e.get(pathRevertRelease, e.on()), 0)
	info := e.post(pathGetVersionInfo, e.on(), "{}")
	if info["release_info"].(map[string]any)["release_version"] != "1.1" {
		t.Fatalf("after rollback %v", info)
	}
	wantErr(t, e.get(pathRevertRelease, e.on()), 87012)
	wantErr(t, e.post(pathChangeVisit, e.on(), map[string]string{"action": "close"}), 0)
	if m := e.post(pathGetVisit, e.on(), "{}"); num64(m, "status") != 0 {
		t.Fatalf("visit status = %v", m)
	}
	wantErr(t, e.post(pathChangeVisit, e.on(), map[string]string{"action": "pause"}), 40097)
}

func TestAuditQuotaUndoAndSpeedup(t *testing.T) {
	e := newCodeEnv(t)
	e.post("/sim/audit/quota", nil, map[string]int{"rest": 1, "limit": 20, "speedup_rest": 1, "speedup_limit": 3})
	e.commit("1.0")
	id := e.submit()
	if q := e.get(pathQueryQuota, e.on()); num64(q, "rest") != 0 || num64(q, "limit") != 20 || num64(q, "speedup_rest") != 1 {
		t.Fatalf("quota = %v", q)
	}
	wantErr(t, e.post(pathSpeedupAudit, e.on(), map[string]any{"auditid": id + 1}), 89402)
	wantErr(t, e.post(pathSpeedupAudit, e.on(), map[string]any{"auditid": id}), 0)
	wantErr(t, e.post(pathSpeedupAudit, e.on(), map[string]any{"auditid": id}), 89404)
	wantErr(t, e.get(pathUndoAudit, e.on()), 0)
	if m := e.get(pathLatestAudit, e.on()); num64(m, "status") != AuditWithdrawn {
		t.Fatalf("after undo %v", m)
	}
	wantErr(t, e.get(pathUndoAudit, e.on()), 85019)
	wantErr(t, e.post(pathSubmitAudit, e.on(), "{}"), 85085)
	e.post("/sim/audit/quota", nil, map[string]int{"rest": 100, "limit": 100})
	for i := 1; i < undoPerDay; i++ {
		e.submit()
		wantErr(t, e.get(pathUndoAudit, e.on()), 0)
	}
	e.submit()
	wantErr(t, e.get(pathUndoAudit, e.on()), 87013)
	e.sim.AdvanceClock(24 * time.Hour) // a new day: the daily limit resets, the monthly one does not
	e.ctok = e.componentToken()
	e.atok = e.authorizerToken(mpAppID)
	wantErr(t, e.get(pathUndoAudit, e.on()), 0)
	for i := 1; i < undoPerMonth-undoPerDay; i++ { // the monthly limit of 10 undos
		e.submit()
		wantErr(t, e.get(pathUndoAudit, e.on()), 0)
	}
	e.sim.AdvanceClock(24 * time.Hour)
	e.ctok = e.componentToken()
	e.atok = e.authorizerToken(mpAppID)
	id = e.submit()
	wantErr(t, e.get(pathUndoAudit, e.on()), 87013)
	wantErr(t, e.post(pathSpeedupAudit, e.on(), map[string]any{"auditid": id}), 89405)
}

func TestScheduledAuditDelaysThenApproves(t *testing.T) {
	e := newCodeEnv(t)
	m := e.post("/sim/audit/policy", nil, map[string]any{"autoDelayMs": 1, "autoResult": "delay", "upperScreenShot": true})
	if m["autoResult"] != "delay" {
		t.Fatalf("policy = %v", m)
	}
	e.commit("1.0")
	e.submit()
	e.sim.Wait()
	var events []string
	for _, p := range e.sim.Pushes() {
		if p.AppID == mpAppID && strings.HasPrefix(p.Kind, "weapp_audit") {
			events = append(events, p.Kind)
		}
	}
	if strings.Join(events, ",") != "weapp_audit_delay,weapp_audit_success" {
		t.Fatalf("events = %v", events)
	}
	latest := e.get(pathLatestAudit, e.on())
	if _, upper := latest["ScreenShot"]; num64(latest, "status") != AuditApproved || !upper {
		t.Fatalf("latest = %v", latest)
	}
	if m := e.post("/sim/audit/decide", nil, map[string]any{"appid": mpAppID, "result": "approve"}); m["error"] == nil {
		t.Fatalf("deciding a finished audit = %v", m)
	}
	if m := e.post("/sim/audit/policy", nil, map[string]any{"autoResult": "maybe"}); m["error"] == nil {
		t.Fatalf("bad policy = %v", m)
	}
}

func TestAuditPushIsRetriedLikeOtherPushes(t *testing.T) {
	e := newCodeEnv(t)
	e.commit("1.0")
	e.submit()
	e.recv.setReply(func(n int, _ received) (int, string) { return http.StatusInternalServerError, "" })
	m := e.post("/sim/audit/decide", nil, map[string]any{"appid": mpAppID, "result": "delay", "reason": "排队中"})
	push := m["push"].(map[string]any)
	if push["delivered"] != false || len(push["attempts"].([]any)) != pushAttempts || m["error"] == nil {
		t.Fatalf("undelivered push = %v", m)
	}
	// The audit moved on regardless, as on WeChat.
	if latest := e.get(pathLatestAudit, e.on()); num64(latest, "status") != AuditDelayed || latest["reason"] != "排队中" {
		t.Fatalf("latest = %v", latest)
	}
}
