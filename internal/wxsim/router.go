package wxsim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"time"
)

// authKind says which token a route requires.
type authKind int

const (
	// authNone: no token (api_component_token, api_start_push_ticket).
	authNone authKind = iota
	// authComponent: component_access_token, as ?component_access_token= or ?access_token=.
	authComponent
	// authAuthorizer: authorizer_access_token as ?access_token= (on-behalf APIs).
	authAuthorizer
)

// maxBody caps request bodies; WeChat's own limits are far lower for JSON APIs.
const maxBody = 16 << 20

// route is one simulated WeChat API.
type route struct {
	path   string
	method string // http.MethodGet or http.MethodPost; others answer 43001/43002
	auth   authKind
	// funcScope is the permission set an authorizer must have granted (61007 otherwise); 0: none.
	funcScope int
	// rawBody routes (multipart uploads) skip the JSON body rules.
	rawBody bool
	handle  func(c *call) (any, *apiError)
}

// call is what a route handler sees of one request.
type call struct {
	r       *http.Request
	now     time.Time
	body    []byte
	account AccountState // authorizer routes: the account the token belongs to
}

// decode unmarshals the JSON body into v; bad JSON is WeChat's 47001.
func (c *call) decode(v any) *apiError {
	if len(bytes.TrimSpace(c.body)) == 0 {
		return nil
	}
	if err := json.Unmarshal(c.body, v); err != nil {
		return wxErr(47001)
	}
	return nil
}

// routeGroups lists every API group; a new group (e.g. code management) adds one line here.
func (s *Sim) routeGroups() [][]route {
	return [][]route{s.componentRoutes(), s.onBehalfRoutes(), s.templateRoutes(), s.codeRoutes(),
		s.auditRoutes(), s.releaseRoutes(), s.settingRoutes(), s.mediaRoutes()}
}

// buildRoutes indexes the route table by path and rejects duplicates, which would otherwise
// silently shadow each other.
func (s *Sim) buildRoutes() (map[string]route, error) {
	out := map[string]route{}
	for _, group := range s.routeGroups() {
		for _, rt := range group {
			if _, dup := out[rt.path]; dup {
				return nil, fmt.Errorf("route %s registered twice", rt.path)
			}
			out[rt.path] = rt
		}
	}
	return out, nil
}

// serveAPI runs the pipeline every simulated API shares: count → fault → method → token →
// quota → body → handler.
func (s *Sim) serveAPI(w http.ResponseWriter, r *http.Request) {
	rt, ok := s.routes[r.URL.Path]
	if !ok {
		w.Header().Set("Content-Type", "application/json; encoding=utf-8")
		w.WriteHeader(http.StatusNotFound)
		_, _ = fmt.Fprintf(w, `{"errcode":-1,"errmsg":"wxsim: no such api %s"}`+"\n", r.URL.Path)
		return
	}
	if f, faulted := s.faults.arrive(rt.path); faulted && s.applyFault(w, r, f) {
		return
	}
	c := &call{r: r, now: s.Now()}
	if e := s.admit(rt, c); e != nil {
		writeWxErr(w, e)
		return
	}
	if c.account.AppID != "" {
		s.code.countCall(c.account.AppID, rt.path)
	}
	res, e := rt.handle(c)
	if e != nil {
		writeWxErr(w, e)
		return
	}
	if raw, ok := res.(rawAnswer); ok {
		raw.write(w)
		return
	}
	writeJSON(w, res)
}

// applyFault sleeps for the fault's delay and writes its failure; it reports whether the request
// is finished (false for a delay-only fault, which then proceeds normally).
func (s *Sim) applyFault(w http.ResponseWriter, r *http.Request, f Fault) bool {
	if f.Delay > 0 {
		t := time.NewTimer(f.Delay)
		defer t.Stop()
		select {
		case <-t.C:
		case <-r.Context().Done():
			return true
		}
	}
	switch {
	case f.HTTPStatus != 0:
		http.Error(w, http.StatusText(f.HTTPStatus), f.HTTPStatus)
		return true
	case f.Errcode != 0:
		writeWxErr(w, wxErr(f.Errcode))
		return true
	}
	return false
}

// admit applies the checks WeChat makes before an API does its work.
func (s *Sim) admit(rt route, c *call) *apiError {
	if e := checkMethod(rt.method, c.r.Method); e != nil {
		return e
	}
	if e := s.authenticate(rt, c); e != nil {
		return e
	}
	if !s.faults.spend(rt.path, c.now) {
		return wxErr(45009)
	}
	return readBody(rt, c)
}

// checkMethod answers 43001/43002 when the wrong HTTP method is used.
func checkMethod(want, got string) *apiError {
	switch {
	case want == got:
		return nil
	case want == http.MethodGet:
		return wxErr(43001)
	default:
		return wxErr(43002)
	}
}

// authenticate checks the token the route requires.
func (s *Sim) authenticate(rt route, c *call) *apiError {
	q := c.r.URL.Query()
	switch rt.auth {
	case authComponent:
		tok := q.Get("component_access_token")
		if tok == "" {
			tok = q.Get("access_token") // the 2023+ docs' name for the same token
		}
		return s.checkComponentToken(tok, c.now)
	case authAuthorizer:
		acc, e := s.checkAuthorizerToken(q.Get("access_token"), c.now)
		if e != nil {
			return e
		}
		if rt.funcScope != 0 && !slices.Contains(acc.Granted, rt.funcScope) {
			return wxErr(61007)
		}
		c.account = acc
	}
	return nil
}

// readBody loads the body; a POST JSON API with an empty body answers 44002 even when it takes no
// parameters (the caller must send {}), and unparsable JSON answers 47001.
func readBody(rt route, c *call) *apiError {
	body, err := io.ReadAll(io.LimitReader(c.r.Body, maxBody))
	if err != nil {
		return wxErr(-1)
	}
	c.body = body
	if rt.rawBody || rt.method != http.MethodPost {
		return nil
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return wxErr(44002)
	}
	if !json.Valid(body) {
		return wxErr(47001)
	}
	return nil
}
