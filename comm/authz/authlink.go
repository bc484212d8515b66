package authz

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"go.uber.org/zap"

	"wxcomponent/comm/fault"
	"wxcomponent/db/dao"
)

// Link types: PC (QR code scanned on a computer) or H5 (opened inside WeChat on a phone).
const (
	LinkPC = "pc"
	LinkH5 = "h5"
)

// LinkRequest describes one authorization link.
type LinkRequest struct {
	Type     string // LinkPC (default) or LinkH5
	AuthType int    // 1 OA, 2 mini program, 3 both, 4/5/6/8 (6 = all, the default)
	BizAppid string // optional: restrict the link to one account
	State    string // optional business state echoed to the redirect page and recorded
	Origin   string // scheme://host of the console serving the redirect page
}

// Limits of link parameters; state must fit the authstate column.
const (
	maxStateLen   = 128
	defaultAuth   = 6
	redirectRoute = "/#/redirectPage"
)

var (
	bizAppidRe  = regexp.MustCompile(`^[A-Za-z0-9_-]{1,32}$`)
	validAuthTy = map[int]bool{1: true, 2: true, 3: true, 4: true, 5: true, 6: true, 8: true}
)

// Validate checks a link request and fills defaults; the error is an Invalid fault naming the problem.
func (r *LinkRequest) Validate() error {
	if r.Type == "" {
		r.Type = LinkPC
	}
	if r.AuthType == 0 {
		r.AuthType = defaultAuth
	}
	switch {
	case r.Type != LinkPC && r.Type != LinkH5:
		return fault.New(fault.Invalid, "type 只能是 pc 或 h5")
	case !validAuthTy[r.AuthType]:
		return fault.New(fault.Invalid, "authType 只能是 1、2、3、4、5、6 或 8")
	case r.BizAppid != "" && !bizAppidRe.MatchString(r.BizAppid):
		return fault.New(fault.Invalid, "bizAppid 格式有误")
	case !validState(r.State):
		return fault.New(fault.Invalid, "state 最长 128 个字符，且不能包含控制字符")
	case !strings.HasPrefix(r.Origin, "http://") && !strings.HasPrefix(r.Origin, "https://"):
		return fault.New(fault.Invalid, "无法确定控制台地址（origin）")
	}
	return nil
}

// validState accepts up to maxStateLen printable characters.
func validState(s string) bool {
	if len([]rune(s)) > maxStateLen {
		return false
	}
	return strings.IndexFunc(s, unicode.IsControl) < 0
}

// PreAuthCode mints a fresh, single-use pre_auth_code. Failures come back as plain-words
// errors an operator can act on (no appid, no ticket yet, WeChat's complaint).
func (s *Service) PreAuthCode(ctx context.Context) (string, error) {
	if s.appid == "" {
		return "", fault.New(fault.Unavailable, msgNoAppID)
	}
	code, err := s.wx.CreatePreAuthCode(ctx)
	if err != nil {
		return "", explain(fmt.Errorf("create pre_auth_code: %w", err))
	}
	if code.Code == "" {
		return "", explain(errors.New("create pre_auth_code: empty answer"))
	}
	return code.Code, nil
}

// AuthURL builds a complete authorization link with a fresh pre-auth code. The redirect goes
// to the console's redirect page (which forwards to the configured redirectUrl) carrying the
// state; the state is also remembered under the pre-auth code, which the authorized push
// echoes, so the push records it too.
func (s *Service) AuthURL(ctx context.Context, r LinkRequest) (string, error) {
	if err := r.Validate(); err != nil {
		return "", err
	}
	pre, err := s.PreAuthCode(ctx)
	if err != nil {
		return "", err
	}
	if r.State != "" {
		if err := s.store.PutAuthMarker(ctx, dao.MarkerAuthState, pre, r.State, s.now().Add(-markerTTL)); err != nil {
			return "", fmt.Errorf("remember link state: %w", err)
		}
	}
	return s.linkURL(r, pre), nil
}

// linkURL assembles the WeChat URL (wechat-protocol.md §5.2), every value URL-encoded.
func (s *Service) linkURL(r LinkRequest, pre string) string {
	redirect := strings.TrimRight(r.Origin, "/") + redirectRoute
	if r.State != "" {
		redirect += "?state=" + url.QueryEscape(r.State)
	}
	base, params, suffix := s.mpBase+"/cgi-bin/componentloginpage", [][2]string{}, ""
	if r.Type == LinkH5 {
		base, suffix = s.opBase+"/wxaopen/safe/bindcomponent", "#wechat_redirect"
		params = append(params, [2]string{"action", "bindcomponent"}, [2]string{"no_scan", "1"})
	}
	params = append(params, [2]string{"component_appid", s.appid}, [2]string{"pre_auth_code", pre},
		[2]string{"redirect_uri", redirect}, [2]string{"auth_type", strconv.Itoa(r.AuthType)})
	if r.BizAppid != "" {
		params = append(params, [2]string{"biz_appid", r.BizAppid})
	}
	parts := make([]string, len(params))
	for i, p := range params {
		parts[i] = p[0] + "=" + url.QueryEscape(p[1])
	}
	return base + "?" + strings.Join(parts, "&") + suffix
}

// linkState returns the state remembered for a pre-auth code, or "".
func (s *Service) linkState(ctx context.Context, preAuthCode string) string {
	if preAuthCode == "" {
		return ""
	}
	state, err := s.store.GetAuthMarker(ctx, dao.MarkerAuthState, preAuthCode, s.now().Add(-markerTTL))
	if err != nil && !errors.Is(err, dao.ErrNotFound) {
		s.log.Warn("read link state", zap.Error(err))
	}
	return state
}
