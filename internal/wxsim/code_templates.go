package wxsim

import (
	"net/http"
	"slices"
	"strconv"
	"time"
)

// Template-library paths (wechat-protocol.md §5.4), called with the component token.
const (
	pathDraftList      = "/wxa/gettemplatedraftlist"
	pathAddToTemplate  = "/wxa/addtotemplate"
	pathTemplateList   = "/wxa/gettemplatelist"
	pathDeleteTemplate = "/wxa/deletetemplate"
)

// templateRoutes are the platform-level template APIs.
func (s *Sim) templateRoutes() []route {
	get, post := http.MethodGet, http.MethodPost
	return []route{
		{path: pathDraftList, method: get, auth: authComponent, handle: s.apiDraftList},
		{path: pathAddToTemplate, method: post, auth: authComponent, handle: s.apiAddToTemplate},
		{path: pathTemplateList, method: get, auth: authComponent, handle: s.apiTemplateList},
		{path: pathDeleteTemplate, method: post, auth: authComponent, handle: s.apiDeleteTemplate},
	}
}

// AddDraft puts an upload from the developer tools in the draft box, as if a developer had
// uploaded code of the development mini program d.SourceAppID. Only the latest upload per
// development mini program stays a draft, as on WeChat. Empty Pages default to two pages.
func (s *Sim) AddDraft(d Draft) Draft {
	if len(d.Pages) == 0 {
		d.Pages = []string{"pages/index/index", "pages/detail/detail"}
	}
	if d.UserVersion == "" {
		d.UserVersion = "1.0.0"
	}
	d.CreateTime = s.Now().Unix()
	b := s.code
	b.mu.Lock()
	defer b.mu.Unlock()
	d.DraftID = b.nextDraft
	b.nextDraft++
	b.drafts = slices.DeleteFunc(b.drafts, func(x *Draft) bool {
		return d.SourceAppID != "" && x.SourceAppID == d.SourceAppID
	})
	b.drafts = append(b.drafts, &d)
	return d
}

// apiDraftList lists the draft box.
func (s *Sim) apiDraftList(*call) (any, *apiError) {
	b := s.code
	b.mu.Lock()
	defer b.mu.Unlock()
	list := make([]Draft, 0, len(b.drafts))
	for _, d := range b.drafts {
		list = append(list, *d)
	}
	return map[string]any{"errcode": 0, "errmsg": "ok", "draft_list": list}, nil
}

// apiAddToTemplate copies a draft into the library as a normal (0) or standard (1) template.
func (s *Sim) apiAddToTemplate(c *call) (any, *apiError) {
	var req struct {
		DraftID      int64 `json:"draft_id"`
		TemplateType int   `json:"template_type"`
	}
	if e := c.decode(&req); e != nil {
		return nil, e
	}
	if req.TemplateType != 0 && req.TemplateType != 1 {
		return nil, wxErr(40097)
	}
	b := s.code
	b.mu.Lock()
	defer b.mu.Unlock()
	i := slices.IndexFunc(b.drafts, func(d *Draft) bool { return d.DraftID == req.DraftID })
	if i < 0 {
		return nil, wxErr(85064)
	}
	if len(b.templates) >= maxTemplates {
		return nil, wxErr(85065)
	}
	b.templates = append(b.templates, newTemplate(*b.drafts[i], b.nextTemplate, req.TemplateType, c.now))
	b.nextTemplate++
	return okBody(), nil
}

// newTemplate builds a library entry; standard templates carry categories and an audit state.
func newTemplate(d Draft, id int64, typ int, now time.Time) *Template {
	d.CreateTime = now.Unix()
	t := &Template{Draft: d, TemplateID: id, TemplateType: typ, CategoryList: []Category{}}
	if typ == 1 {
		scene, status, reason := 0, 3, ""
		t.AuditScene, t.AuditStatus, t.Reason = &scene, &status, &reason
		t.CategoryList = defaultCategories()[:1]
	}
	return t
}

// apiTemplateList lists the library, optionally only one template_type (query parameter).
func (s *Sim) apiTemplateList(c *call) (any, *apiError) {
	want := -1
	if v := c.r.URL.Query().Get("template_type"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || (n != 0 && n != 1) {
			return nil, wxErr(40097)
		}
		want = n
	}
	b := s.code
	b.mu.Lock()
	defer b.mu.Unlock()
	list := []Template{}
	for _, t := range b.templates {
		if want < 0 || t.TemplateType == want {
			list = append(list, *t)
		}
	}
	return map[string]any{"errcode": 0, "errmsg": "ok", "template_list": list}, nil
}

// apiDeleteTemplate removes a library entry.
func (s *Sim) apiDeleteTemplate(c *call) (any, *apiError) {
	var req struct {
		TemplateID flexInt `json:"template_id"`
	}
	if e := c.decode(&req); e != nil {
		return nil, e
	}
	b := s.code
	b.mu.Lock()
	defer b.mu.Unlock()
	n := len(b.templates)
	b.templates = slices.DeleteFunc(b.templates, func(t *Template) bool { return t.TemplateID == int64(req.TemplateID) })
	if len(b.templates) == n {
		return nil, wxErr(85064)
	}
	return okBody(), nil
}

// template finds a library entry; the caller holds b.mu.
func (b *codeBook) template(id int64) *Template {
	for _, t := range b.templates {
		if t.TemplateID == id {
			return t
		}
	}
	return nil
}
