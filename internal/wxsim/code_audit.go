package wxsim

import (
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Audit paths (wechat-protocol.md §5.5).
const (
	pathSubmitAudit    = "/wxa/submit_audit"
	pathAuditStatus    = "/wxa/get_auditstatus"
	pathLatestAudit    = "/wxa/get_latest_auditstatus"
	pathUndoAudit      = "/wxa/undocodeaudit"
	pathSpeedupAudit   = "/wxa/speedupaudit"
	pathQueryQuota     = "/wxa/queryquota"
	undoPerDay         = 5
	undoPerMonth       = 10
	maxAuditItems      = 5
	systemAuditAccount = "od1P50M-fNQI5Gcq-trm4a7apsU8"
)

// auditRoutes are submit_audit and what follows it.
func (s *Sim) auditRoutes() []route {
	get, post := http.MethodGet, http.MethodPost
	return []route{
		{path: pathSubmitAudit, method: post, auth: authAuthorizer, funcScope: codeFuncScope, handle: s.apiSubmitAudit},
		{path: pathAuditStatus, method: post, auth: authAuthorizer, funcScope: codeFuncScope, handle: s.apiAuditStatus},
		{path: pathLatestAudit, method: get, auth: authAuthorizer, funcScope: codeFuncScope, handle: s.apiLatestAudit},
		{path: pathUndoAudit, method: get, auth: authAuthorizer, funcScope: codeFuncScope, handle: s.apiUndoAudit},
		{path: pathSpeedupAudit, method: post, auth: authAuthorizer, funcScope: codeFuncScope, handle: s.apiSpeedup},
		{path: pathQueryQuota, method: get, auth: authAuthorizer, funcScope: codeFuncScope, handle: s.apiQueryQuota},
	}
}

// submitReq is the part of submit_audit's body the simulator checks.
type submitReq struct {
	ItemList []struct {
		Address string `json:"address"`
		Tag     string `json:"tag"`
		Title   string `json:"title"`
		Category
	} `json:"item_list"`
	FeedbackInfo  string `json:"feedback_info"`
	FeedbackStuff string `json:"feedback_stuff"`
	PreviewInfo   struct {
		VideoIDs []string `json:"video_id_list"`
		PicIDs   []string `json:"pic_id_list"`
	} `json:"preview_info"`
}

// apiSubmitAudit submits the experience version for audit, spending one unit of the platform's
// monthly quota.
func (s *Sim) apiSubmitAudit(c *call) (any, *apiError) {
	var req submitReq
	if e := c.decode(&req); e != nil {
		return nil, e
	}
	b := s.code
	b.mu.Lock()
	defer b.mu.Unlock()
	w := b.app(c.account.AppID)
	if e := b.auditable(w, c.now); e != nil {
		return nil, e
	}
	if e := b.checkSubmit(w, req); e != nil {
		return nil, e
	}
	b.quota.Rest--
	rec := &AuditRecord{AuditID: b.nextAudit, Status: AuditAuditing, UserVersion: w.Commit.UserVersion,
		UserDesc: w.Commit.UserDesc, SubmitTime: c.now.Unix(), Request: slices.Clone(c.body), commit: *w.Commit}
	b.nextAudit++
	w.Audits = append(w.Audits, rec)
	if b.policy.AutoDelay > 0 {
		s.scheduleDecision(c.account.AppID, rec.AuditID, b.policy)
	}
	return map[string]any{"errcode": 0, "errmsg": "ok", "auditid": rec.AuditID}, nil
}

// auditable checks the account may submit now: code committed (85086), privacy scan over
// (61039), privacy guide covers the code (61040), nothing under audit (85009), quota (85085).
func (b *codeBook) auditable(w *WeappState, now time.Time) *apiError {
	switch {
	case w.Commit == nil:
		return wxErr(85086)
	case now.Before(w.Commit.ScanUntil):
		return wxErr(61039)
	case !privacyCovered(w):
		return wxErr(61040)
	}
	if a := w.latestAudit(); a != nil && (a.Status == AuditAuditing || a.Status == AuditDelayed) {
		return wxErr(85009)
	}
	if b.quota.Rest <= 0 {
		return wxErr(85085)
	}
	return nil
}

// privacyCovered tells whether the development-version privacy guide explains every privacy
// interface the committed code uses.
func privacyCovered(w *WeappState) bool {
	texts := w.privacyTexts[2]
	for _, k := range w.Commit.PrivacyKeys {
		if texts[k] == "" {
			return false
		}
	}
	return true
}

// checkSubmit validates the items against the committed pages and the account's categories.
func (b *codeBook) checkSubmit(w *WeappState, req submitReq) *apiError {
	if len(req.ItemList) > maxAuditItems {
		return wxErr(85023)
	}
	for _, it := range req.ItemList {
		switch {
		case it.Address != "" && !slices.Contains(w.Commit.Pages, it.Address):
			return wxErr(85007)
		case len(strings.Fields(it.Tag)) > 10:
			return wxErr(85006)
		case utf8.RuneCountInString(it.Title) > 32:
			return wxErr(85011)
		case it.FirstID != 0 && !hasCategory(w.Categories, it.Category):
			return wxErr(85008)
		}
	}
	if utf8.RuneCountInString(req.FeedbackInfo) > 200 {
		return wxErr(40097)
	}
	pv := req.PreviewInfo
	if !b.mediaKnown(pv.PicIDs) || !b.mediaKnown(pv.VideoIDs) || !b.mediaKnown(strings.Split(req.FeedbackStuff, "|")) {
		return wxErr(85092)
	}
	return nil
}

// hasCategory tells whether the account has category c set (matched by ids).
func hasCategory(list []Category, c Category) bool {
	return slices.ContainsFunc(list, func(x Category) bool {
		return x.FirstID == c.FirstID && x.SecondID == c.SecondID && (c.ThirdID == 0 || x.ThirdID == c.ThirdID)
	})
}

// auditAnswer renders an audit the way get_auditstatus does; key names the screenshot field.
func auditAnswer(a *AuditRecord, key string) map[string]any {
	return map[string]any{"errcode": 0, "errmsg": "ok", "status": a.Status, "reason": a.Reason, key: a.ScreenShot}
}

// apiAuditStatus reports one audit by id (85012 for an id of another account or none).
func (s *Sim) apiAuditStatus(c *call) (any, *apiError) {
	var req struct {
		AuditID flexInt `json:"auditid"`
	}
	if e := c.decode(&req); e != nil {
		return nil, e
	}
	s.code.mu.Lock()
	defer s.code.mu.Unlock()
	w := s.code.app(c.account.AppID)
	for _, a := range w.Audits {
		if a.AuditID == int64(req.AuditID) {
			return auditAnswer(a, "screenshot"), nil
		}
	}
	return nil, wxErr(85012)
}

// apiLatestAudit reports the newest audit; 85058 when there never was one.
func (s *Sim) apiLatestAudit(c *call) (any, *apiError) {
	s.code.mu.Lock()
	defer s.code.mu.Unlock()
	a := s.code.app(c.account.AppID).latestAudit()
	if a == nil {
		return nil, wxErr(85058)
	}
	key := "screenshot"
	if s.code.policy.UpperScreenShot {
		key = "ScreenShot"
	}
	out := auditAnswer(a, key)
	out["auditid"], out["user_version"], out["user_desc"] = a.AuditID, a.UserVersion, a.UserDesc
	out["submit_audit_time"] = a.SubmitTime
	return out, nil
}

// apiUndoAudit withdraws the audit in progress, at most 5 times a day and 10 a month (87013).
func (s *Sim) apiUndoAudit(c *call) (any, *apiError) {
	s.code.mu.Lock()
	defer s.code.mu.Unlock()
	w := s.code.app(c.account.AppID)
	a := w.latestAudit()
	if a == nil || (a.Status != AuditAuditing && a.Status != AuditDelayed) {
		return nil, wxErr(85019)
	}
	if !undoAllowed(w.Undos, c.now) {
		return nil, wxErr(87013)
	}
	w.Undos = append(w.Undos, c.now)
	a.Status = AuditWithdrawn
	return okBody(), nil
}

// undoAllowed applies the day and month limits in Beijing time.
func undoAllowed(undos []time.Time, now time.Time) bool {
	cst := time.FixedZone("CST", 8*3600)
	day, month := now.In(cst).Format(time.DateOnly), now.In(cst).Format("2006-01")
	var nDay, nMonth int
	for _, u := range undos {
		if u.In(cst).Format("2006-01") == month {
			nMonth++
			if u.In(cst).Format(time.DateOnly) == day {
				nDay++
			}
		}
	}
	return nDay < undoPerDay && nMonth < undoPerMonth
}

// apiSpeedup asks for a faster audit of the one in progress.
func (s *Sim) apiSpeedup(c *call) (any, *apiError) {
	var req struct {
		AuditID flexInt `json:"auditid"`
	}
	if e := c.decode(&req); e != nil {
		return nil, e
	}
	b := s.code
	b.mu.Lock()
	defer b.mu.Unlock()
	a := b.app(c.account.AppID).latestAudit()
	switch {
	case a == nil || a.AuditID != int64(req.AuditID) || (a.Status != AuditAuditing && a.Status != AuditDelayed):
		return nil, wxErr(89402)
	case a.SpedUp:
		return nil, wxErr(89404)
	case b.quota.SpeedupRest <= 0:
		return nil, wxErr(89405)
	}
	a.SpedUp = true
	b.quota.SpeedupRest--
	return okBody(), nil
}

// apiQueryQuota reports the platform's monthly audit and speed-up quotas.
func (s *Sim) apiQueryQuota(*call) (any, *apiError) {
	s.code.mu.Lock()
	q := s.code.quota
	s.code.mu.Unlock()
	return map[string]any{"errcode": 0, "errmsg": "ok", "rest": q.Rest, "limit": q.Limit,
		"speedup_rest": q.SpeedupRest, "speedup_limit": q.SpeedupLimit}, nil
}
