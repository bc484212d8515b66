package wxsim

import (
	"context"
	"errors"
	"net/http"
)

// codeControl registers the /sim/ endpoints of code management.
func (s *Sim) codeControl(mux *http.ServeMux) {
	mux.HandleFunc("POST /sim/code/draft", s.ctlAddDraft)
	mux.HandleFunc("POST /sim/audit/decide", s.ctlDecide)
	mux.HandleFunc("POST /sim/audit/policy", s.ctlAuditPolicy)
	mux.HandleFunc("POST /sim/audit/quota", s.ctlAuditQuota)
	mux.HandleFunc("POST /sim/code/categories", s.ctlCategories)
	mux.HandleFunc("GET /sim/code", s.ctlCodeState)
}

// codeEndpoints documents the endpoints above for GET /sim/.
var codeEndpoints = []string{
	"POST /sim/code/draft {user_version, user_desc, source_miniprogram_appid, pages?, privacy_keys?}",
	"POST /sim/audit/decide {appid, result: approve|reject|delay, reason?, screenshots?, async?}",
	"POST /sim/audit/policy {autoDelayMs, autoResult, privacyScanSeconds, upperScreenShot}",
	"POST /sim/audit/quota {rest, limit, speedup_rest, speedup_limit}",
	"POST /sim/code/categories {appid, categories: [{first_class, first_id, …}]}",
	"GET /sim/code?appid= (commit, audits, versions, domains, privacy, per-API call counts)",
}

// ctlAddDraft adds a draft as if a developer uploaded code from the IDE.
func (s *Sim) ctlAddDraft(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Draft
		SourceAppID string   `json:"source_miniprogram_appid"`
		SourceName  string   `json:"source_miniprogram"`
		Pages       []string `json:"pages"`
		PrivacyKeys []string `json:"privacy_keys"`
	}
	if !ctlDecode(w, r, &req) {
		return
	}
	d := req.Draft
	d.SourceAppID, d.SourceName, d.Pages, d.PrivacyKeys = req.SourceAppID, req.SourceName, req.Pages, req.PrivacyKeys
	d = s.AddDraft(d)
	ctlJSON(w, http.StatusOK, map[string]any{"draft_id": d.DraftID, "pages": d.Pages})
}

// ctlDecide ends the audit in progress of an account and pushes the event.
func (s *Sim) ctlDecide(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Decision
		Async bool `json:"async"`
	}
	if !ctlDecode(w, r, &req) {
		return
	}
	rec, err := s.applyDecision(req.Decision)
	if err != nil {
		ctlError(w, http.StatusBadRequest, err)
		return
	}
	msg := renderXML(s.auditEvent(req.AppID, rec, req.Result))
	ans := s.runPush(r.Context(), req.Async, func(ctx context.Context) (PushResult, error) {
		return s.PushMessage(ctx, req.AppID, msg)
	})
	ctlJSON(w, http.StatusOK, struct {
		Audit AuditRecord `json:"audit"`
		pushAnswer
	}{rec, ans})
}

// ctlAuditPolicy sets the audit schedule and the privacy-scan time.
func (s *Sim) ctlAuditPolicy(w http.ResponseWriter, r *http.Request) {
	var req struct {
		AuditPolicy
		AutoDelayMs        int     `json:"autoDelayMs"`
		PrivacyScanSeconds float64 `json:"privacyScanSeconds"`
	}
	if !ctlDecode(w, r, &req) {
		return
	}
	p := req.AuditPolicy
	p.AutoDelay = secondsToDuration(float64(req.AutoDelayMs) / 1000)
	p.PrivacyScan = secondsToDuration(req.PrivacyScanSeconds)
	if err := s.SetAuditPolicy(p); err != nil {
		ctlError(w, http.StatusBadRequest, err)
		return
	}
	ctlJSON(w, http.StatusOK, map[string]any{"autoDelayMs": req.AutoDelayMs, "autoResult": orDefault(p.AutoResult, DecideApprove),
		"privacyScanSeconds": req.PrivacyScanSeconds, "upperScreenShot": p.UpperScreenShot})
}

// ctlAuditQuota replaces the platform's monthly quotas.
func (s *Sim) ctlAuditQuota(w http.ResponseWriter, r *http.Request) {
	var q AuditQuota
	if !ctlDecode(w, r, &q) {
		return
	}
	if q.Rest < 0 || q.SpeedupRest < 0 {
		ctlError(w, http.StatusBadRequest, errors.New("quota must not be negative"))
		return
	}
	s.SetAuditQuota(q)
	ctlJSON(w, http.StatusOK, q)
}

// ctlCategories replaces the categories set on an account.
func (s *Sim) ctlCategories(w http.ResponseWriter, r *http.Request) {
	var req struct {
		AppID      string     `json:"appid"`
		Categories []Category `json:"categories"`
	}
	if !ctlDecode(w, r, &req) {
		return
	}
	if req.AppID == "" {
		ctlError(w, http.StatusBadRequest, errors.New("categories need appid"))
		return
	}
	s.code.mu.Lock()
	s.code.app(req.AppID).Categories = req.Categories
	s.code.mu.Unlock()
	ctlJSON(w, http.StatusOK, s.CodeState(req.AppID))
}

// ctlCodeState shows one account's code-management state.
func (s *Sim) ctlCodeState(w http.ResponseWriter, r *http.Request) {
	appid := r.URL.Query().Get("appid")
	if appid == "" {
		ctlError(w, http.StatusBadRequest, errors.New("GET /sim/code needs ?appid="))
		return
	}
	ctlJSON(w, http.StatusOK, s.CodeState(appid))
}

// ctlCalls returns the request count of every API path, or with ?appid= the counts of the
// calls that account's token made (past the token check) — "committed once, submitted once".
func (s *Sim) ctlCalls(w http.ResponseWriter, r *http.Request) {
	if appid := r.URL.Query().Get("appid"); appid != "" {
		ctlJSON(w, http.StatusOK, s.CodeState(appid).Calls)
		return
	}
	ctlJSON(w, http.StatusOK, s.CallCounts())
}
