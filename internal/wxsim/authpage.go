package wxsim

import (
	"bytes"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// authPagePaths are the PC page (mp host), the H5 page (open host) and the older H5 path.
func authPagePaths() []string {
	return []string{"/cgi-bin/componentloginpage", "/wxaopen/safe/bindcomponent", "/safe/bindcomponent"}
}

// pageRequest is what an authorization link carries (wechat-protocol.md §5.2).
type pageRequest struct {
	ComponentAppID, PreAuthCode, RedirectURI, AuthType, BizAppID string
}

// pageAccount is one selectable account on the page.
type pageAccount struct {
	AppID, NickName, UserName, KindLabel string
	Authorized                           bool
	Funcs                                []int
}

// serveAuthPage shows the account list (GET) or performs the authorization (POST).
func (s *Sim) serveAuthPage(w http.ResponseWriter, r *http.Request) {
	if f, faulted := s.faults.arrive(r.URL.Path); faulted && s.applyFault(w, r, f) {
		return
	}
	if err := r.ParseForm(); err != nil {
		s.renderError(w, wxErr(40097))
		return
	}
	req := pageRequest{ComponentAppID: r.Form.Get("component_appid"), PreAuthCode: r.Form.Get("pre_auth_code"),
		RedirectURI: r.Form.Get("redirect_uri"), AuthType: r.Form.Get("auth_type"), BizAppID: r.Form.Get("biz_appid")}
	accounts, e := s.validatePage(req)
	if e != nil {
		s.renderError(w, e)
		return
	}
	switch r.Method {
	case http.MethodGet:
		s.renderPage(w, r.URL.Path, req, accounts)
	case http.MethodPost:
		s.confirmPage(w, r, req, accounts)
	default:
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}

// validatePage checks the link and returns the accounts it offers.
func (s *Sim) validatePage(req pageRequest) ([]pageAccount, *apiError) {
	if e := s.checkComponentAppID(req.ComponentAppID); e != nil {
		return nil, e
	}
	if e := s.checkPreAuthCode(req.PreAuthCode, s.Now()); e != nil {
		return nil, e
	}
	if u, err := url.Parse(req.RedirectURI); err != nil || u.Host == "" {
		return nil, &apiError{Code: 40097, Msg: "invalid args: redirect_uri"}
	}
	return s.pageAccounts(req)
}

// pageAccounts filters the seeded accounts by biz_appid or auth_type (1 OA, 2 mini program,
// 3 and 6 both; other types have no simulated accounts). Empty auth_type means "both", the old
// default.
func (s *Sim) pageAccounts(req pageRequest) ([]pageAccount, *apiError) {
	authType := 3
	if req.AuthType != "" {
		n, err := strconv.Atoi(req.AuthType)
		if err != nil || n < 1 || n > 8 || n == 7 {
			return nil, &apiError{Code: 40097, Msg: "invalid args: auth_type"}
		}
		authType = n
	}
	var out []pageAccount
	for _, acc := range s.State().Authorizers {
		if req.BizAppID != "" && acc.AppID != req.BizAppID {
			continue // biz_appid overrides a conflicting auth_type
		}
		if req.BizAppID == "" && !kindOffered(authType, acc.Kind) {
			continue
		}
		out = append(out, newPageAccount(acc))
	}
	if req.BizAppID != "" && len(out) == 0 {
		return nil, wxErr(40013)
	}
	return out, nil
}

// kindOffered says whether auth_type lists accounts of kind k.
func kindOffered(authType int, k Kind) bool {
	switch authType {
	case 1:
		return k == KindOA
	case 2:
		return k == KindMiniProgram
	case 3, 6:
		return true
	}
	return false
}

// newPageAccount prepares an account for the template.
func newPageAccount(acc AccountState) pageAccount {
	return pageAccount{AppID: acc.AppID, NickName: acc.NickName, UserName: acc.UserName,
		KindLabel: acc.Kind.label(), Authorized: acc.Authorized, Funcs: acc.FuncInfo}
}

// confirmPage authorizes the chosen account, starts the push and redirects the browser back.
func (s *Sim) confirmPage(w http.ResponseWriter, r *http.Request, req pageRequest, offered []pageAccount) {
	appid := r.PostForm.Get("appid")
	i := slices.IndexFunc(offered, func(a pageAccount) bool { return a.AppID == appid })
	if i < 0 {
		s.renderError(w, wxErr(40013))
		return
	}
	g, err := s.authorizeAsync(appid, req.PreAuthCode, chosenFuncs(r.PostForm["func"], offered[i].Funcs))
	if err != nil {
		s.renderError(w, asAPIError(err))
		return
	}
	w.Header().Set("Location", redirectTarget(req.RedirectURI, g))
	w.WriteHeader(http.StatusFound)
}

// redirectTarget appends auth_code and expires_in to redirect_uri as a plain string append:
// "?" when it has no query yet, "&" otherwise — even when the "?" sits inside a #fragment, which
// is where wxcloudrun's #/redirectPage reads them. The code's characters need no escaping.
func redirectTarget(redirectURI string, g Grant) string {
	sep := "?"
	if strings.Contains(redirectURI, "?") {
		sep = "&"
	}
	return redirectURI + sep + "auth_code=" + g.AuthCode + "&expires_in=" + strconv.Itoa(g.ExpiresIn)
}

// chosenFuncs keeps the ticked permission sets the account offers; nothing ticked means all.
func chosenFuncs(raw []string, offered []int) []int {
	var out []int
	for _, v := range raw {
		if n, err := strconv.Atoi(v); err == nil && slices.Contains(offered, n) {
			out = append(out, n)
		}
	}
	if len(out) == 0 {
		return slices.Clone(offered)
	}
	return out
}

// renderPage writes the account list.
func (s *Sim) renderPage(w http.ResponseWriter, action string, req pageRequest, accounts []pageAccount) {
	data := struct {
		pageRequest
		Action   string
		Accounts []pageAccount
	}{req, action, accounts}
	s.writeHTML(w, "page", data)
}

// renderError writes the error page; WeChat shows its errors as a normal (200) page too.
func (s *Sim) renderError(w http.ResponseWriter, e *apiError) {
	s.writeHTML(w, "error", e)
}

// writeHTML executes a template into a buffer first so a template error never sends half a page.
func (s *Sim) writeHTML(w http.ResponseWriter, name string, data any) {
	var buf bytes.Buffer
	if err := s.pages.ExecuteTemplate(&buf, name, data); err != nil {
		http.Error(w, "render "+name+": "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(buf.Bytes())
}
