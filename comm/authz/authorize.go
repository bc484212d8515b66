package authz

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.uber.org/zap"

	"wxcomponent/comm/fault"
	"wxcomponent/comm/wx/api"
	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// Codes api_query_auth answers for a code that was already exchanged or has expired.
const (
	codeInvalid = 61009
	codeExpired = 61010
)

// recentWindow is how long after an exchange a reused code still counts as "already done".
const recentWindow = 2 * time.Hour

// stateSource tells who vouches for the business state handed to an exchange.
type stateSource int

const (
	// stateBound is the state an authurl link was minted with, found through the pre_auth_code
	// that WeChat's (verified) authorized push echoes. It is the authoritative one.
	stateBound stateSource = iota
	// stateBrowser is what the public redirect page posts: whoever holds the code can send
	// any value, so it is only taken from the call that actually exchanged the code and only
	// when no bound state is known for the code.
	stateBrowser
)

// HandleAuthorized exchanges an authorization code (from the authorized/updateauthorized push
// or the redirect) and stores the authorizer: refresh token (sealed), permission sets and
// profile. appid may be empty (the redirect does not name it). Exchanging a code that was
// already exchanged recently is a success, so the push and the redirect never fail each other.
//
// state is the one bound to the code's pre_auth_code (the push's; "" for none). It is recorded
// for the code even when the redirect exchanged the code first, and then replaces the state
// the browser supplied — unless a newer authorization of the account has happened since.
func (s *Service) HandleAuthorized(ctx context.Context, appid, authCode, state string, authTime time.Time) (*model.Authorizer, error) {
	return s.authorize(ctx, appid, authCode, state, stateBound, authTime)
}

// authorize is HandleAuthorized for a state of either source.
func (s *Service) authorize(ctx context.Context, appid, code, state string, src stateSource, authTime time.Time) (*model.Authorizer, error) {
	bound := src == stateBound && state != ""
	if bound {
		// Remembered before anything is stored: a redirect exchanging this code at the same
		// time re-reads it after saving, so whichever of us writes last writes this state.
		if err := s.store.PutAuthMarker(ctx, dao.MarkerCodeState, code, state, s.now().Add(-markerTTL)); err != nil {
			return nil, fmt.Errorf("remember state of authorization code: %w", err)
		}
	}
	// Concurrent callers with the same code share one exchange; only the one that ran it had
	// its state considered, which is right for a browser state and repaired below for a bound one.
	v, err, _ := s.exchanges.Do(code, func() (any, error) {
		return s.exchange(ctx, appid, code, state, src, authTime)
	})
	if err != nil {
		return nil, err
	}
	a := v.(*model.Authorizer)
	if bound {
		if now, err := s.settleState(ctx, a.AppID, code); err != nil || now != nil {
			return now, err
		}
	}
	return a, nil
}

// exchange does the work of authorize for one code. A code exchanged before (a replay) records
// no state here: a browser's never, a bound one through settleState.
func (s *Service) exchange(ctx context.Context, appid, code, state string, src stateSource, authTime time.Time) (*model.Authorizer, error) {
	if done, err := s.exchangedBefore(ctx, appid, code); done != nil || err != nil {
		return done, err
	}
	auth, err := s.wx.QueryAuth(ctx, code)
	if api.IsCode(err, codeInvalid, codeExpired) {
		return s.afterReusedCode(ctx, appid, code, err)
	}
	if err != nil {
		return nil, fmt.Errorf("query auth for %s: %w", orUnknown(appid), err)
	}
	got := auth.AppID()
	if err := sameAppID(appid, got); err != nil {
		return nil, err
	}
	// This call exchanged the code; still, a state bound to it (the push got here first and
	// another instance is running it) beats the browser's.
	if b, ok := s.boundState(ctx, code); ok {
		state = b
	}
	if err := s.saveGrant(ctx, &auth, state, authTime); err != nil {
		return nil, err
	}
	// Remembered after the grant is stored, so a marker always points at a stored account.
	if err := s.store.PutAuthMarker(ctx, dao.MarkerGrant, got, dao.CodeDigest(code), s.now().Add(-markerTTL)); err != nil {
		s.log.Warn("remember grant's code", zap.String("appid", got), zap.Error(err))
	}
	if err := s.store.PutAuthMarker(ctx, dao.MarkerAuthCode, code, got, s.now().Add(-markerTTL)); err != nil {
		s.log.Warn("remember exchanged code", zap.String("appid", got), zap.Error(err))
	}
	if src == stateBrowser {
		// A push may have bound a state to the code while we saved the browser's.
		if _, err := s.settleState(ctx, got, code); err != nil {
			s.log.Warn("record bound state", zap.String("appid", got), zap.Error(err))
		}
	}
	a, err := s.refreshInfo(ctx, got)
	if err != nil {
		// The grant is stored; a retry (or the redirect) finds the marker and completes the
		// profile. A re-authorized account keeps its previous profile meanwhile.
		return s.profileOr(ctx, got, err)
	}
	return a, nil
}

// boundState returns the state a push bound to code, if any.
func (s *Service) boundState(ctx context.Context, code string) (string, bool) {
	state, err := s.store.GetAuthMarker(ctx, dao.MarkerCodeState, code, s.now().Add(-markerTTL))
	if err != nil {
		if !errors.Is(err, dao.ErrNotFound) {
			s.log.Warn("read state bound to code", zap.Error(err))
		}
		return "", false
	}
	return state, state != ""
}

// settleState records the state bound to code on appid's row, when there is one and the row's
// current grant came from code (a later authorization owns the row otherwise). It returns the
// row as it now stands when a state is bound and applies, nil when nothing applies.
func (s *Service) settleState(ctx context.Context, appid, code string) (*model.Authorizer, error) {
	state, ok := s.boundState(ctx, code)
	if !ok {
		return nil, nil
	}
	grant, err := s.store.GetAuthMarker(ctx, dao.MarkerGrant, appid, s.now().Add(-markerTTL))
	if err != nil && !errors.Is(err, dao.ErrNotFound) {
		return nil, err
	}
	if grant != dao.CodeDigest(code) {
		s.log.Info("bound state not recorded: the account's grant came from another code", zap.String("appid", appid))
		return nil, nil
	}
	// Read now, not taken from the exchange: that row may predate a concurrent redirect's write.
	a, err := s.store.GetAuthorizerByAppid(ctx, appid)
	if err != nil || a.AuthState == state {
		return a, err
	}
	if _, err := s.store.UpdateAuthorizer(ctx, appid, map[string]any{"authstate": state}); err != nil {
		return nil, err
	}
	a.AuthState = state
	return a, nil
}

// profileOr returns the stored row when it has a profile already, otherwise cause.
func (s *Service) profileOr(ctx context.Context, appid string, cause error) (*model.Authorizer, error) {
	a, err := s.store.GetAuthorizerByAppid(ctx, appid)
	if err != nil || a.UserName == "" {
		return nil, cause
	}
	s.log.Warn("authorizer profile not refreshed", zap.String("appid", appid), zap.Error(cause))
	return a, nil
}

// exchangedBefore returns the stored authorizer when this code was exchanged already (by this
// or another instance) and its profile is complete.
func (s *Service) exchangedBefore(ctx context.Context, appid, code string) (*model.Authorizer, error) {
	got, err := s.store.GetAuthMarker(ctx, dao.MarkerAuthCode, code, s.now().Add(-markerTTL))
	if errors.Is(err, dao.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if err := sameAppID(appid, got); err != nil {
		return nil, err
	}
	return s.completeProfile(ctx, got)
}

// afterReusedCode handles 61009/61010: fine when the account was authorized moments ago
// (the exchange happened elsewhere, e.g. before markers existed); otherwise the code is dead.
func (s *Service) afterReusedCode(ctx context.Context, appid, code string, cause error) (*model.Authorizer, error) {
	if appid == "" {
		got, err := s.store.GetAuthMarker(ctx, dao.MarkerAuthCode, code, s.now().Add(-markerTTL))
		if err != nil {
			return nil, fault.Wrap(fault.Invalid, cause, "授权码已使用或已过期；如果刚刚完成授权，帐号稍后会出现在授权帐号列表中")
		}
		appid = got
	}
	a, err := s.store.GetAuthorizerByAppid(ctx, appid)
	if err != nil || a.Status != model.AuthorizerActive || s.now().Sub(a.UpdateTime) > recentWindow {
		return nil, fault.Wrap(fault.Invalid, cause, "授权码已使用或已过期，请重新授权")
	}
	return s.completeProfile(ctx, appid)
}

// saveGrant stores what api_query_auth returned, then replaces the cached access token. The
// refresh token is written first: a token refresh racing with us must already see the new one,
// since re-authorization invalidates the old (61023). Evicting fixes the original's issue #10.
func (s *Service) saveGrant(ctx context.Context, auth *api.AuthorizationInfo, state string, authTime time.Time) error {
	appid := auth.AppID()
	sealed, err := s.sealRefreshToken(appid, auth.RefreshToken)
	if err != nil {
		return err
	}
	row := &model.Authorizer{AppID: appid, RefreshToken: sealed, FuncInfo: FuncInfoString(api.FuncIDs(auth.FuncInfo)),
		VerifyInfo: -1, AuthTime: authTime.UTC(), Status: model.AuthorizerActive, AuthState: state}
	cols := []string{"refreshtoken", "funcinfo", "authtime", "status"}
	if state != "" {
		cols = append(cols, "authstate")
	}
	if err := s.store.UpsertAuthorizer(ctx, row, cols...); err != nil {
		return err
	}
	return s.replaceAccessToken(ctx, auth)
}

// replaceAccessToken adopts the access token query_auth returned, replacing any cached one;
// failing that it drops the cached one so the next use fetches a token under the new grant.
func (s *Service) replaceAccessToken(ctx context.Context, auth *api.AuthorizationInfo) error {
	appid := auth.AppID()
	if auth.AccessToken != "" {
		_, err := s.tokens.Adopt(ctx, appid, auth.AccessToken, auth.ExpiresIn)
		if err == nil {
			return nil
		}
		s.log.Warn("adopt access token from query_auth", zap.String("appid", appid), zap.Error(err))
	}
	if err := s.tokens.EvictAuthorizer(ctx, appid); err != nil {
		return fmt.Errorf("evict access token of %s: %w", appid, err)
	}
	return nil
}

// sealRefreshToken seals a refresh token for the refreshtoken column, bound to its appid.
func (s *Service) sealRefreshToken(appid, plain string) (string, error) {
	sealed, err := s.tokens.SealRefreshToken(appid, plain)
	if err != nil {
		return "", fmt.Errorf("seal refresh token of %s: %w", appid, err)
	}
	return sealed, nil
}

// completeProfile returns the row, fetching the profile first when it lacks one (an earlier
// attempt's info call failed).
func (s *Service) completeProfile(ctx context.Context, appid string) (*model.Authorizer, error) {
	a, err := s.store.GetAuthorizerByAppid(ctx, appid)
	if err != nil {
		return nil, err
	}
	if a.UserName != "" {
		return a, nil
	}
	return s.refreshInfo(ctx, appid)
}

// refreshInfo re-reads one authorizer's profile and permission sets from WeChat. A failed
// call changes nothing (the original blanked rows on errors).
func (s *Service) refreshInfo(ctx context.Context, appid string) (*model.Authorizer, error) {
	info, err := s.wx.GetAuthorizerInfo(ctx, appid)
	if err != nil {
		return nil, fmt.Errorf("get authorizer info of %s: %w", appid, err)
	}
	if err := s.storeInfo(ctx, appid, &info); err != nil {
		return nil, err
	}
	return s.store.GetAuthorizerByAppid(ctx, appid)
}

// storeInfo writes the profile columns of an existing row; a missing row is an error since
// profiles are only fetched for accounts we know.
func (s *Service) storeInfo(ctx context.Context, appid string, info *api.AuthorizerDetails) error {
	var a model.Authorizer
	applyInfo(&a, info)
	values := infoValues(&a)
	ok, err := s.store.UpdateAuthorizer(ctx, appid, values)
	if err == nil && !ok {
		err = fmt.Errorf("authorizer %s: %w", appid, dao.ErrNotFound)
	}
	return err
}

// sameAppID rejects a code that belongs to another account than the push names; a redirect
// (pushed "") names none.
func sameAppID(pushed, got string) error {
	if pushed != "" && got != pushed {
		return fault.New(fault.Invalid, fmt.Sprintf("授权码属于 %s，而非推送中的 %s", got, pushed))
	}
	return nil
}

// orUnknown names an appid in messages even when it is not known yet.
func orUnknown(appid string) string {
	if appid == "" {
		return "(redirect)"
	}
	return appid
}
