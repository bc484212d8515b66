package wxsim

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// Grant is the outcome of an account authorizing the platform.
type Grant struct {
	AppID        string `json:"appid"`
	AuthCode     string `json:"auth_code"`
	ExpiresIn    int    `json:"expires_in"`
	PreAuthCode  string `json:"pre_auth_code"`
	RefreshToken string `json:"refresh_token"`
	InfoType     string `json:"info_type"` // authorized or updateauthorized
	FuncInfo     []int  `json:"func_info"`
}

// Authorize makes appid authorize the platform as if its admin confirmed the authorization page
// (with a fresh pre-auth code), then sends the authorized/updateauthorized push and waits for it.
// funcInfo empty means the account's default permission sets. The Grant is valid even when the
// push fails (err then wraps ErrNotDelivered).
func (s *Sim) Authorize(ctx context.Context, appid string, funcInfo ...int) (Grant, PushResult, error) {
	g, err := s.grant(appid, "", funcInfo)
	if err != nil {
		return Grant{}, PushResult{}, err
	}
	res, err := s.pushAuthorized(ctx, g.InfoType, s.grantCode(g))
	return g, res, err
}

// authorizeAsync grants like Authorize but sends the push in the background, as the
// authorization page does while it redirects the browser.
func (s *Sim) authorizeAsync(appid, preAuth string, funcInfo []int) (Grant, error) {
	g, err := s.grant(appid, preAuth, funcInfo)
	if err != nil {
		return Grant{}, err
	}
	s.goBackground(func(ctx context.Context) {
		if _, err := s.pushAuthorized(ctx, g.InfoType, s.grantCode(g)); err != nil {
			s.log.Warn("authorized push failed", "appid", appid, "err", err)
		}
	})
	return g, nil
}

// grantCode is the code record the authorized push announces.
func (s *Sim) grantCode(g Grant) CodeRecord {
	return CodeRecord{Value: g.AuthCode, AppID: g.AppID, PreAuthCode: g.PreAuthCode}
}

// grant records an authorization. preAuth, when given, must be a usable pre-auth code and is
// consumed; otherwise a fresh one is minted and consumed so the push can name it. Every grant
// issues a new refresh token, which invalidates the previous one (61023).
func (s *Sim) grant(appid, preAuth string, funcInfo []int) (Grant, error) {
	now := s.Now()
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	acc, ok := s.st.accounts[appid]
	if !ok {
		return Grant{}, fmt.Errorf("authorize %s: %w", appid, wxErr(40013))
	}
	pre, e := s.takePreAuthLocked(preAuth, now)
	if e != nil {
		return Grant{}, fmt.Errorf("authorize %s: %w", appid, e)
	}
	funcs := slices.Clone(funcInfo)
	if len(funcs) == 0 {
		funcs = slices.Clone(acc.FuncInfo)
	}
	infoType := "authorized"
	if acc.Authorized && !sameSet(acc.Granted, funcs) {
		infoType = "updateauthorized" // sent only when the permission sets actually change
	}
	acc.Authorized, acc.Revoked, acc.AuthTime, acc.Granted = true, false, now, funcs
	acc.RefreshToken = newRefreshToken()
	code := s.newAuthCodeLocked(appid, pre.Value, funcs, now)
	return Grant{AppID: appid, AuthCode: code.Value, ExpiresIn: int(authCodeTTL / time.Second),
		PreAuthCode: pre.Value, RefreshToken: acc.RefreshToken, InfoType: infoType,
		FuncInfo: slices.Clone(funcs)}, nil
}

// takePreAuthLocked consumes the given pre-auth code, or mints and consumes one.
func (s *Sim) takePreAuthLocked(v string, now time.Time) (*CodeRecord, *apiError) {
	if v == "" {
		rec := s.newPreAuthCodeLocked(now)
		rec.Used = true
		return rec, nil
	}
	rec, e := codeUsable(s.st.preAuthCodes, v, now)
	if e != nil {
		return nil, e
	}
	rec.Used = true
	return rec, nil
}

// Revoke makes appid withdraw its authorization: its refresh token stops working (61003), its
// access tokens die, and the unauthorized push is sent and waited for.
func (s *Sim) Revoke(ctx context.Context, appid string) (PushResult, error) {
	if err := s.revoke(appid); err != nil {
		return PushResult{}, err
	}
	return s.pushUnauthorized(ctx, appid)
}

// revoke records the withdrawal.
func (s *Sim) revoke(appid string) error {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	acc, ok := s.st.accounts[appid]
	if !ok || !acc.Authorized {
		return fmt.Errorf("revoke %s: %w", appid, wxErr(61003))
	}
	acc.Authorized, acc.Revoked, acc.RefreshToken = false, true, ""
	for _, t := range s.st.authorizerTokens {
		if t.AppID == appid {
			t.Revoked = true
		}
	}
	return nil
}

// sameSet reports whether a and b hold the same ids regardless of order.
func sameSet(a, b []int) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(slices.Compact(x), slices.Compact(y))
}
