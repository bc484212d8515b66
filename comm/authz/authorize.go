package authz

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.uber.org/zap"

	"wxcomponent/comm/errno"
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

// HandleAuthorized exchanges an authorization code (from the authorized/updateauthorized push
// or the redirect) and stores the authorizer: refresh token (sealed), permission sets and
// profile. appid may be empty (the redirect does not name it). Exchanging a code that was
// already exchanged recently is a success, so the push and the redirect never fail each other.
func (s *Service) HandleAuthorized(ctx context.Context, appid, authCode, state string, authTime time.Time) (*model.Authorizer, error) {
	v, err, _ := s.exchanges.Do(authCode, func() (any, error) {
		return s.exchange(ctx, appid, authCode, state, authTime)
	})
	if err != nil {
		return nil, err
	}
	return v.(*model.Authorizer), nil
}

// exchange does the work of HandleAuthorized for one code.
func (s *Service) exchange(ctx context.Context, appid, code, state string, authTime time.Time) (*model.Authorizer, error) {
	if done, err := s.exchangedBefore(ctx, appid, code); done != nil || err != nil {
		return s.withState(ctx, done, state, err)
	}
	auth, err := s.wx.QueryAuth(ctx, code)
	if api.IsCode(err, codeInvalid, codeExpired) {
		a, err := s.afterReusedCode(ctx, appid, code, err)
		return s.withState(ctx, a, state, err)
	}
	if err != nil {
		return nil, fmt.Errorf("query auth for %s: %w", orUnknown(appid), err)
	}
	got := auth.AppID()
	if err := sameAppID(appid, got); err != nil {
		return nil, err
	}
	if err := s.saveGrant(ctx, &auth, state, authTime); err != nil {
		return nil, err
	}
	// Remembered after the grant is stored, so a marker always points at a stored account.
	if err := s.store.PutAuthMarker(ctx, dao.MarkerAuthCode, code, got, s.now().Add(-markerTTL)); err != nil {
		s.log.Warn("remember exchanged code", zap.String("appid", got), zap.Error(err))
	}
	a, err := s.RefreshAuthorizer(ctx, got)
	if err != nil {
		// The grant is stored; a retry (or the redirect) finds the marker and completes the
		// profile. A re-authorized account keeps its previous profile meanwhile.
		return s.profileOr(ctx, got, err)
	}
	return a, nil
}

// withState records the redirect's state on an authorizer whose code another path exchanged.
func (s *Service) withState(ctx context.Context, a *model.Authorizer, state string, err error) (*model.Authorizer, error) {
	if err != nil || state == "" || a.AuthState == state {
		return a, err
	}
	if _, err := s.store.UpdateAuthorizer(ctx, a.AppID, map[string]any{"authstate": state}); err != nil {
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
			return nil, errno.Wrap(errno.ErrInvalidParam, cause, "授权码已使用或已过期；如果刚刚完成授权，帐号稍后会出现在授权帐号列表中")
		}
		appid = got
	}
	a, err := s.store.GetAuthorizerByAppid(ctx, appid)
	if err != nil || a.Status != model.AuthorizerActive || s.now().Sub(a.UpdateTime) > recentWindow {
		return nil, errno.Wrap(errno.ErrInvalidParam, cause, "授权码已使用或已过期，请重新授权")
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
	return s.RefreshAuthorizer(ctx, appid)
}

// RefreshAuthorizer re-reads one account's profile and permission sets from WeChat. A failed
// call changes nothing (the original blanked rows on errors).
func (s *Service) RefreshAuthorizer(ctx context.Context, appid string) (*model.Authorizer, error) {
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
		return errno.New(errno.ErrInvalidParam, fmt.Sprintf("授权码属于 %s，而非推送中的 %s", got, pushed))
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
