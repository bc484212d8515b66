package wxsim

import (
	"net/http"
	"strconv"
)

// Release paths (wechat-protocol.md §5.5).
const (
	pathRelease        = "/wxa/release"
	pathRevertRelease  = "/wxa/revertcoderelease"
	pathChangeVisit    = "/wxa/change_visitstatus"
	pathGetVisit       = "/wxa/getvisitstatus"
	pathGetVersionInfo = "/wxa/getversioninfo"
	maxHistory         = 5
)

// releaseRoutes publish, roll back and report versions.
func (s *Sim) releaseRoutes() []route {
	get, post := http.MethodGet, http.MethodPost
	return []route{
		{path: pathRelease, method: post, auth: authAuthorizer, funcScope: codeFuncScope, handle: s.apiRelease},
		{path: pathRevertRelease, method: get, auth: authAuthorizer, funcScope: codeFuncScope, handle: s.apiRevert},
		{path: pathChangeVisit, method: post, auth: authAuthorizer, funcScope: codeFuncScope, handle: s.apiChangeVisit},
		{path: pathGetVisit, method: post, auth: authAuthorizer, funcScope: codeFuncScope, handle: s.apiGetVisit},
		{path: pathGetVersionInfo, method: post, auth: authAuthorizer, funcScope: codeFuncScope, handle: s.apiVersionInfo},
	}
}

// apiRelease publishes the latest audit if it was approved and not yet released: 85019 with no
// audit, 85020 when it is not approved, 85052 when already released.
func (s *Sim) apiRelease(c *call) (any, *apiError) {
	b := s.code
	b.mu.Lock()
	defer b.mu.Unlock()
	w := b.app(c.account.AppID)
	a := w.latestAudit()
	switch {
	case a == nil:
		return nil, wxErr(85019)
	case a.Status != AuditApproved:
		return nil, wxErr(85020)
	case a.Released:
		return nil, wxErr(85052)
	}
	a.Released = true
	if w.Online != nil {
		w.History = append(w.History, *w.Online)
		if len(w.History) > maxHistory {
			w.History = w.History[len(w.History)-maxHistory:]
		}
	}
	w.lastAppVersion++
	w.Online = &Version{AppVersion: w.lastAppVersion, UserVersion: a.UserVersion, UserDesc: a.UserDesc,
		CommitTime: a.commit.At.Unix(), ReleaseTime: c.now.Unix()}
	w.Reverted = false
	return okBody(), nil
}

// apiRevert rolls back to the previous online version (or app_version), or lists the versions
// one may roll back to with action=get_history_version. One rollback per release (87012).
func (s *Sim) apiRevert(c *call) (any, *apiError) {
	q := c.r.URL.Query()
	b := s.code
	b.mu.Lock()
	defer b.mu.Unlock()
	w := b.app(c.account.AppID)
	if q.Get("action") == "get_history_version" {
		return historyAnswer(w.History), nil
	}
	if q.Has("action") {
		return nil, wxErr(40097)
	}
	idx, e := revertTarget(w, q.Get("app_version"))
	if e != nil {
		return nil, e
	}
	target := w.History[idx]
	w.History = w.History[:idx]
	w.Online = &target
	w.Reverted = true
	return okBody(), nil
}

// revertTarget finds the history entry to restore.
func revertTarget(w *WeappState, appVersion string) (int, *apiError) {
	if w.Online == nil || len(w.History) == 0 || w.Reverted {
		return 0, wxErr(87012)
	}
	if appVersion == "" {
		return len(w.History) - 1, nil
	}
	v, err := strconv.ParseInt(appVersion, 10, 64)
	if err != nil {
		return 0, wxErr(40097)
	}
	for i, h := range w.History {
		if h.AppVersion == v {
			return i, nil
		}
	}
	return 0, wxErr(87012)
}

// historyAnswer lists revertible versions, newest first.
func historyAnswer(hist []Version) map[string]any {
	list := make([]map[string]any, 0, len(hist))
	for i := len(hist) - 1; i >= 0; i-- {
		h := hist[i]
		list = append(list, map[string]any{"app_version": h.AppVersion, "user_version": h.UserVersion,
			"user_desc": h.UserDesc, "commit_time": h.CommitTime})
	}
	return map[string]any{"errcode": 0, "errmsg": "ok", "version_list": list}
}

// apiChangeVisit pauses ("close") or resumes ("open") the online service.
func (s *Sim) apiChangeVisit(c *call) (any, *apiError) {
	var req struct {
		Action string `json:"action"`
	}
	if e := c.decode(&req); e != nil {
		return nil, e
	}
	status := map[string]int{"open": 1, "close": 0}
	v, ok := status[req.Action]
	if !ok {
		return nil, wxErr(40097)
	}
	s.code.mu.Lock()
	defer s.code.mu.Unlock()
	w := s.code.app(c.account.AppID)
	if w.Online == nil {
		return nil, wxErr(85021) // status not allowed: nothing is online
	}
	w.VisitStatus = v
	return okBody(), nil
}

// apiGetVisit reports whether the online version serves (1) or is paused (0).
func (s *Sim) apiGetVisit(c *call) (any, *apiError) {
	s.code.mu.Lock()
	defer s.code.mu.Unlock()
	return map[string]any{"errcode": 0, "errmsg": "ok", "status": s.code.app(c.account.AppID).VisitStatus}, nil
}

// apiVersionInfo reports the experience and online versions; absent ones are omitted.
func (s *Sim) apiVersionInfo(c *call) (any, *apiError) {
	s.code.mu.Lock()
	defer s.code.mu.Unlock()
	w := s.code.app(c.account.AppID)
	out := map[string]any{"errcode": 0, "errmsg": "ok"}
	if cm := w.Commit; cm != nil {
		out["exp_info"] = map[string]any{"exp_time": cm.At.Unix(), "exp_version": cm.UserVersion, "exp_desc": cm.UserDesc}
	}
	if on := w.Online; on != nil {
		out["release_info"] = map[string]any{"release_time": on.ReleaseTime, "release_version": on.UserVersion,
			"release_desc": on.UserDesc}
	}
	return out, nil
}
