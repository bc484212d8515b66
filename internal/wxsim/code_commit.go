package wxsim

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"unicode/utf8"
)

// Code-management paths (wechat-protocol.md §5.5), called with an authorizer token; all need
// permission set 18 (小程序开发管理).
const (
	pathCommit       = "/wxa/commit"
	pathGetPage      = "/wxa/get_page"
	pathGetCategory  = "/wxa/get_category"
	pathGetQRCode    = "/wxa/get_qrcode"
	pathWxaCodeUnlim = "/wxa/getwxacodeunlimit"
	codeFuncScope    = 18
)

// codeRoutes are commit and what reads the committed (experience) version.
func (s *Sim) codeRoutes() []route {
	get, post := http.MethodGet, http.MethodPost
	return []route{
		{path: pathCommit, method: post, auth: authAuthorizer, funcScope: codeFuncScope, handle: s.apiCommit},
		{path: pathGetPage, method: get, auth: authAuthorizer, funcScope: codeFuncScope, handle: s.apiGetPage},
		{path: pathGetCategory, method: get, auth: authAuthorizer, funcScope: codeFuncScope, handle: s.apiGetCategory},
		{path: pathGetQRCode, method: get, auth: authAuthorizer, funcScope: codeFuncScope, handle: s.apiGetQRCode},
		{path: pathWxaCodeUnlim, method: post, auth: authAuthorizer, handle: s.apiWxaCodeUnlimit},
	}
}

// flexInt is a number WeChat accepts as a JSON number or a string of digits (commit's
// template_id: the doc table says number, the examples send "0").
type flexInt int64

// UnmarshalJSON accepts 12 and "12".
func (f *flexInt) UnmarshalJSON(b []byte) error {
	b = bytes.Trim(b, `"`)
	if len(b) == 0 {
		*f = 0
		return nil
	}
	n, err := strconv.ParseInt(string(b), 10, 64)
	*f = flexInt(n)
	return err
}

// commitReq is /wxa/commit's body.
type commitReq struct {
	TemplateID  flexInt `json:"template_id"`
	ExtJSON     string  `json:"ext_json"`
	UserVersion string  `json:"user_version"`
	UserDesc    string  `json:"user_desc"`
}

// extJSON is the part of ext_json the simulator checks.
type extJSON struct {
	ExtAppID string   `json:"extAppid"`
	Pages    []string `json:"pages"`
	Privacy  []string `json:"requiredPrivateInfos"`
}

// apiCommit uploads a template as the account's experience version.
func (s *Sim) apiCommit(c *call) (any, *apiError) {
	var req commitReq
	if e := c.decode(&req); e != nil {
		return nil, e
	}
	if req.UserVersion == "" || utf8.RuneCountInString(req.UserVersion) > 64 {
		return nil, wxErr(40097)
	}
	b := s.code
	b.mu.Lock()
	defer b.mu.Unlock()
	tpl := b.template(int64(req.TemplateID))
	if tpl == nil {
		return nil, wxErr(85014)
	}
	ext, e := checkExtJSON(req.ExtJSON, tpl)
	if e != nil {
		return nil, e
	}
	rec := &CommitRecord{TemplateID: tpl.TemplateID, ExtJSON: req.ExtJSON, UserVersion: req.UserVersion,
		UserDesc: req.UserDesc, Pages: slices.Clone(tpl.Pages), PrivacyKeys: slices.Clone(tpl.PrivacyKeys), At: c.now,
		ScanUntil: c.now.Add(b.policy.PrivacyScan)}
	if len(ext.Pages) > 0 {
		rec.Pages = ext.Pages
	}
	rec.PrivacyKeys = append(rec.PrivacyKeys, ext.Privacy...)
	b.app(c.account.AppID).Commit = rec
	return okBody(), nil
}

// checkExtJSON validates ext_json: a string holding a JSON object (85013), pages that exist in
// the template (85045), and for standard templates only extAppid/ext/window (9402203).
func checkExtJSON(raw string, tpl *Template) (extJSON, *apiError) {
	var ext extJSON
	if raw == "" {
		return ext, nil
	}
	var keys map[string]json.RawMessage
	if json.Unmarshal([]byte(raw), &keys) != nil || json.Unmarshal([]byte(raw), &ext) != nil {
		return ext, wxErr(85013)
	}
	if tpl.TemplateType == 1 {
		for k := range keys {
			if k != "extAppid" && k != "ext" && k != "window" {
				return ext, wxErr(9402203)
			}
		}
	}
	for _, p := range ext.Pages {
		if !slices.Contains(tpl.Pages, p) {
			return ext, wxErr(85045)
		}
	}
	return ext, nil
}

// committed returns the account's experience version; the caller holds b.mu.
func (b *codeBook) committed(appid string) (*CommitRecord, *apiError) {
	rec := b.app(appid).Commit
	if rec == nil {
		return nil, wxErr(86001)
	}
	return rec, nil
}

// apiGetPage lists the pages of the committed code.
func (s *Sim) apiGetPage(c *call) (any, *apiError) {
	s.code.mu.Lock()
	defer s.code.mu.Unlock()
	rec, e := s.code.committed(c.account.AppID)
	if e != nil {
		return nil, e
	}
	return map[string]any{"errcode": 0, "errmsg": "ok", "page_list": rec.Pages}, nil
}

// apiGetCategory lists the categories set on the account.
func (s *Sim) apiGetCategory(c *call) (any, *apiError) {
	s.code.mu.Lock()
	defer s.code.mu.Unlock()
	cats := slices.Clone(s.code.app(c.account.AppID).Categories)
	return map[string]any{"errcode": 0, "errmsg": "ok", "category_list": cats}, nil
}

// apiGetQRCode answers the experience version's QR code as a JPEG (the path it opens is written
// into the image's comment, so tests can see it arrived decoded once).
func (s *Sim) apiGetQRCode(c *call) (any, *apiError) {
	path := c.r.URL.Query().Get("path")
	s.code.mu.Lock()
	defer s.code.mu.Unlock()
	if _, e := s.code.committed(c.account.AppID); e != nil {
		return nil, e
	}
	w := s.code.app(c.account.AppID)
	w.QRPaths = append(w.QRPaths, path)
	img := jpegImage(c.account.AppID+"|exp|"+path, "exp:"+c.account.AppID+":"+path)
	return rawAnswer{contentType: "image/jpeg", body: img,
		header: map[string]string{"Content-Disposition": `attachment; filename="QRCode.jpg"`}}, nil
}

// apiWxaCodeUnlimit answers the released version's mini-program code as a JPEG.
func (s *Sim) apiWxaCodeUnlimit(c *call) (any, *apiError) {
	var req struct {
		Scene string `json:"scene"`
		Page  string `json:"page"`
	}
	if e := c.decode(&req); e != nil {
		return nil, e
	}
	if req.Scene == "" || len(req.Scene) > 32 {
		return nil, wxErr(40097)
	}
	s.code.mu.Lock()
	online := s.code.app(c.account.AppID).Online
	s.code.mu.Unlock()
	if online == nil {
		return nil, wxErr(41030) // "invalid page": nothing released yet
	}
	img := jpegImage(c.account.AppID+"|rel|"+req.Scene, "release:"+c.account.AppID+":"+req.Scene)
	return rawAnswer{contentType: "image/jpeg", body: img}, nil
}
