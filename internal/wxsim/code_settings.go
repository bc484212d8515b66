package wxsim

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
)

// Per-account settings a release needs (wechat-protocol.md §5.5b).
const (
	pathModifyDomain  = "/wxa/modify_domain"
	pathWebviewDomain = "/wxa/setwebviewdomain"
	pathSetPrivacy    = "/cgi-bin/component/setprivacysetting"
	pathGetPrivacy    = "/cgi-bin/component/getprivacysetting"
	pathCodePrivacy   = "/wxa/security/get_code_privacy_info"
)

// settingRoutes edit and read domains and the privacy guide.
func (s *Sim) settingRoutes() []route {
	post := http.MethodPost
	return []route{
		{path: pathModifyDomain, method: post, auth: authAuthorizer, funcScope: codeFuncScope, handle: s.apiModifyDomain},
		{path: pathWebviewDomain, method: post, auth: authAuthorizer, funcScope: codeFuncScope, handle: s.apiWebviewDomain},
		{path: pathSetPrivacy, method: post, auth: authAuthorizer, handle: s.apiSetPrivacy},
		{path: pathGetPrivacy, method: post, auth: authAuthorizer, handle: s.apiGetPrivacy},
		{path: pathCodePrivacy, method: http.MethodGet, auth: authAuthorizer, handle: s.apiCodePrivacy},
	}
}

// editList applies a modify_domain-style action to one list; ok is false for an unknown action.
func editList(cur, given []string, action string) ([]string, bool) {
	switch action {
	case "get":
		return cur, true
	case "set":
		return slices.Clone(given), true
	case "add":
		out := slices.Clone(cur)
		for _, d := range given {
			if !slices.Contains(out, d) {
				out = append(out, d)
			}
		}
		return out, true
	case "delete":
		return slices.DeleteFunc(slices.Clone(cur), func(d string) bool { return slices.Contains(given, d) }), true
	}
	return cur, false
}

// validDomains checks each domain carries one of the schemes.
func validDomains(list []string, schemes ...string) bool {
	for _, d := range list {
		ok := false
		for _, sc := range schemes {
			ok = ok || (strings.HasPrefix(d, sc) && len(d) > len(sc))
		}
		if !ok {
			return false
		}
	}
	return true
}

// apiModifyDomain gets or edits the server domains.
func (s *Sim) apiModifyDomain(c *call) (any, *apiError) {
	var req struct {
		Action string `json:"action"`
		Domains
	}
	if e := c.decode(&req); e != nil {
		return nil, e
	}
	d := req.Domains
	if !validDomains(d.Request, "https://") || !validDomains(d.WSRequest, "wss://") ||
		!validDomains(d.Upload, "https://") || !validDomains(d.Download, "https://") ||
		!validDomains(d.UDP, "udp://") || !validDomains(d.TCP, "tcp://") {
		return nil, wxErr(40097)
	}
	s.code.mu.Lock()
	defer s.code.mu.Unlock()
	w := s.code.app(c.account.AppID)
	next, ok := editDomains(w.Domains, d, req.Action)
	if !ok {
		return nil, wxErr(40097)
	}
	w.Domains = next
	return map[string]any{"errcode": 0, "errmsg": "ok", "requestdomain": nonNil(next.Request),
		"wsrequestdomain": nonNil(next.WSRequest), "uploaddomain": nonNil(next.Upload),
		"downloaddomain": nonNil(next.Download), "udpdomain": nonNil(next.UDP), "tcpdomain": nonNil(next.TCP)}, nil
}

// editDomains applies action to every list.
func editDomains(cur, given Domains, action string) (Domains, bool) {
	var out Domains
	var ok bool
	out.Request, ok = editList(cur.Request, given.Request, action)
	out.WSRequest, _ = editList(cur.WSRequest, given.WSRequest, action)
	out.Upload, _ = editList(cur.Upload, given.Upload, action)
	out.Download, _ = editList(cur.Download, given.Download, action)
	out.UDP, _ = editList(cur.UDP, given.UDP, action)
	out.TCP, _ = editList(cur.TCP, given.TCP, action)
	return out, ok
}

// nonNil makes an empty list render as [] rather than null.
func nonNil(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

// apiWebviewDomain gets or edits the business (web-view) domains.
func (s *Sim) apiWebviewDomain(c *call) (any, *apiError) {
	var req struct {
		Action  string   `json:"action"`
		Domains []string `json:"webviewdomain"`
	}
	if e := c.decode(&req); e != nil {
		return nil, e
	}
	if !validDomains(req.Domains, "https://") {
		return nil, wxErr(40097)
	}
	if req.Action == "" {
		req.Action = "get"
	}
	s.code.mu.Lock()
	defer s.code.mu.Unlock()
	w := s.code.app(c.account.AppID)
	next, ok := editList(w.WebviewDomains, req.Domains, req.Action)
	if !ok {
		return nil, wxErr(40097)
	}
	w.WebviewDomains = next
	return map[string]any{"errcode": 0, "errmsg": "ok", "webviewdomain": nonNil(next)}, nil
}

// privacyReq is setprivacysetting's body.
type privacyReq struct {
	PrivacyVer   int `json:"privacy_ver"`
	OwnerSetting struct {
		NoticeMethod string `json:"notice_method"`
	} `json:"owner_setting"`
	SettingList []struct {
		Key  string `json:"privacy_key"`
		Text string `json:"privacy_text"`
	} `json:"setting_list"`
}

// apiSetPrivacy stores the privacy guide of the development (2, default) or online (1) version.
func (s *Sim) apiSetPrivacy(c *call) (any, *apiError) {
	var req privacyReq
	if e := c.decode(&req); e != nil {
		return nil, e
	}
	if req.PrivacyVer == 0 {
		req.PrivacyVer = 2
	}
	switch {
	case req.PrivacyVer != 1 && req.PrivacyVer != 2:
		return nil, wxErr(40097)
	case req.OwnerSetting.NoticeMethod == "":
		return nil, wxErr(40097)
	case req.PrivacyVer == 1 && len(req.SettingList) > 0:
		return nil, wxErr(40097)
	}
	texts := map[string]string{}
	for _, it := range req.SettingList {
		if it.Key == "" || it.Text == "" {
			return nil, wxErr(40097)
		}
		texts[it.Key] = it.Text
	}
	s.code.mu.Lock()
	defer s.code.mu.Unlock()
	w := s.code.app(c.account.AppID)
	w.Privacy[req.PrivacyVer] = slices.Clone(c.body)
	w.privacyTexts[req.PrivacyVer] = texts
	return okBody(), nil
}

// apiGetPrivacy returns the stored guide plus the privacy interfaces the committed code uses.
func (s *Sim) apiGetPrivacy(c *call) (any, *apiError) {
	var req struct {
		PrivacyVer int `json:"privacy_ver"`
	}
	if e := c.decode(&req); e != nil {
		return nil, e
	}
	if req.PrivacyVer == 0 {
		req.PrivacyVer = 2
	}
	s.code.mu.Lock()
	defer s.code.mu.Unlock()
	w := s.code.app(c.account.AppID)
	var stored struct {
		OwnerSetting json.RawMessage  `json:"owner_setting"`
		SettingList  []map[string]any `json:"setting_list"`
	}
	if raw := w.Privacy[req.PrivacyVer]; raw != nil {
		_ = json.Unmarshal(raw, &stored) // validated when stored
	}
	out := map[string]any{"errcode": 0, "errmsg": "ok", "code_exist": 0, "privacy_list": []string{},
		"setting_list": nonNilMaps(stored.SettingList), "owner_setting": stored.OwnerSetting, "update_time": c.now.Unix()}
	if w.Commit != nil {
		out["code_exist"], out["privacy_list"] = 1, nonNil(w.Commit.PrivacyKeys)
	}
	if stored.OwnerSetting == nil {
		out["owner_setting"] = map[string]any{}
	}
	return out, nil
}

// nonNilMaps makes an empty list render as [].
func nonNilMaps(l []map[string]any) []map[string]any {
	if l == nil {
		return []map[string]any{}
	}
	return l
}

// apiCodePrivacy reports the privacy scan of the committed code: 61039 while it runs, then the
// interfaces the guide does not explain (without_conf_list).
func (s *Sim) apiCodePrivacy(c *call) (any, *apiError) {
	s.code.mu.Lock()
	defer s.code.mu.Unlock()
	w := s.code.app(c.account.AppID)
	switch {
	case w.Commit == nil:
		return nil, wxErr(86001)
	case c.now.Before(w.Commit.ScanUntil):
		return nil, wxErr(61039)
	}
	missing := []string{}
	for _, k := range w.Commit.PrivacyKeys {
		if w.privacyTexts[2][k] == "" {
			missing = append(missing, k)
		}
	}
	return map[string]any{"errcode": 0, "errmsg": "ok", "without_auth_list": []string{}, "without_conf_list": missing}, nil
}
