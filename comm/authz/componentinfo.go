package authz

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"time"
	"unicode/utf8"

	"go.uber.org/zap"

	"wxcomponent/comm/fault"
	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// AuthInfo is what the operator configures for the authorization pages (comm KV authinfo).
type AuthInfo struct {
	Name        string `json:"name"`
	Desc        string `json:"desc"`
	RedirectURL string `json:"redirectUrl"`
}

// ComponentInfo is AuthInfo plus the platform's appid, as the public pages read it.
type ComponentInfo struct {
	AuthInfo
	AppID string `json:"appid"`
}

// Limits of AuthInfo fields, in characters.
const (
	maxNameLen     = 64
	maxDescLen     = 256
	maxRedirectLen = 512
)

// ComponentInfo reads the configured page info. A stored value that is not valid JSON is
// treated as empty (and logged) instead of breaking every authorization page.
func (s *Service) ComponentInfo(ctx context.Context) (ComponentInfo, error) {
	out := ComponentInfo{AppID: s.appid}
	raw, err := s.store.GetKV(ctx, model.KVAuthInfo)
	if errors.Is(err, dao.ErrNotFound) {
		return out, nil
	}
	if err != nil {
		return out, err
	}
	if err := json.Unmarshal([]byte(raw), &out.AuthInfo); err != nil {
		s.log.Warn("stored authinfo is not valid JSON; treating it as empty", zap.Error(err))
		out.AuthInfo = AuthInfo{}
	}
	return out, nil
}

// SaveAuthInfo validates and stores the page info (the whole object is replaced).
func (s *Service) SaveAuthInfo(ctx context.Context, info AuthInfo) error {
	if err := info.Validate(); err != nil {
		return err
	}
	b, err := json.Marshal(info)
	if err != nil {
		return fmt.Errorf("encode authinfo: %w", err)
	}
	return s.store.SetKV(ctx, model.KVAuthInfo, string(b))
}

// Validate checks lengths and that redirectUrl is empty or an absolute http(s) URL; the
// error is an Invalid fault naming the field.
func (a AuthInfo) Validate() error {
	switch {
	case utf8.RuneCountInString(a.Name) > maxNameLen:
		return fault.New(fault.Invalid, fmt.Sprintf("name 最长 %d 个字符", maxNameLen))
	case utf8.RuneCountInString(a.Desc) > maxDescLen:
		return fault.New(fault.Invalid, fmt.Sprintf("desc 最长 %d 个字符", maxDescLen))
	case a.RedirectURL != "" && !validRedirect(a.RedirectURL):
		return fault.New(fault.Invalid, fmt.Sprintf("redirectUrl 必须是以 http:// 或 https:// 开头的完整地址，最长 %d 个字符", maxRedirectLen))
	}
	return nil
}

// validRedirect accepts an absolute http(s) URL with a host.
func validRedirect(s string) bool {
	if len(s) > maxRedirectLen {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && u.User == nil
}

// authCodeRe is what an authorization code may look like ("queryauthcode@@@…").
var authCodeRe = regexp.MustCompile(`^[A-Za-z0-9@_\-.]{1,256}$`)

// ExchangeRedirect handles the redirect page's POST: the browser brings back auth_code (and
// the state it was sent with), so the account appears at once even when the push is late.
// Anyone can post here, so the browser's state is recorded only by the call that actually
// exchanges the code, and only when the push has not bound the link's state to the code; a
// replay of an exchanged code changes nothing.
func (s *Service) ExchangeRedirect(ctx context.Context, authCode, state string) (*model.Authorizer, error) {
	if !authCodeRe.MatchString(authCode) {
		return nil, fault.New(fault.Invalid, "authCode 格式有误")
	}
	if !validState(state) {
		return nil, fault.New(fault.Invalid, "state 最长 128 个字符，且不能包含控制字符")
	}
	a, err := s.authorize(ctx, "", authCode, state, stateBrowser, s.now().UTC().Truncate(time.Second))
	if err != nil {
		if _, classified := fault.As(err); classified {
			return nil, err
		}
		return nil, explain(err)
	}
	return a, nil
}
