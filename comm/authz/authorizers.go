package authz

import (
	"context"
	"errors"
	"time"

	"go.uber.org/zap"

	"wxcomponent/comm/config"
	"wxcomponent/comm/fault"
	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// Authorizer is one authorizer (an authorized account) as the console lists it: the
// contract's fields plus status, authState and updateTime. It is read from the database only —
// listing never calls WeChat (the original called api_get_authorizer_info for every row on
// every view).
type Authorizer struct {
	ID            int          `json:"id"`
	AppID         string       `json:"appid"`
	AppType       int          `json:"appType"`
	ServiceType   int          `json:"serviceType"`
	NickName      string       `json:"nickName"`
	UserName      string       `json:"userName"`
	HeadImg       string       `json:"headImg"`
	QrcodeURL     string       `json:"qrcodeUrl"`
	PrincipalName string       `json:"principalName"`
	RefreshToken  string       `json:"refreshToken"` // masked unless revealed
	FuncInfo      string       `json:"funcInfo"`
	VerifyInfo    int          `json:"verifyInfo"`
	AuthTime      string       `json:"authTime"` // RFC 3339, as the original's Go time
	RegisterType  int          `json:"registerType"`
	AccountStatus int          `json:"accountStatus"`
	BasicConfig   *BasicConfig `json:"basicConfig"`
	Status        string       `json:"status"` // "authorized" or "revoked"
	AuthState     string       `json:"authState"`
	UpdateTime    int64        `json:"updateTime"` // Unix seconds
}

// Authorizer statuses as the API spells them.
const (
	StatusAuthorized = "authorized"
	StatusRevoked    = "revoked"
)

// ListAuthorizers returns one page of authorizers and the total matching f. Refresh tokens are
// masked unless reveal is set; the caller audits reveals.
func (s *Service) ListAuthorizers(ctx context.Context, f dao.AuthorizerFilter, reveal bool) ([]Authorizer, int64, error) {
	rows, total, err := s.store.ListAuthorizers(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	out := make([]Authorizer, len(rows))
	for i := range rows {
		out[i] = s.view(&rows[i], reveal)
	}
	return out, total, nil
}

// view renders a row.
func (s *Service) view(a *model.Authorizer, reveal bool) Authorizer {
	status := StatusAuthorized
	if a.Status == model.AuthorizerRevoked {
		status = StatusRevoked
	}
	rt := s.openRefreshToken(a)
	if !reveal {
		rt = config.Mask(rt)
	}
	return Authorizer{ID: a.ID, AppID: a.AppID, AppType: a.AppType, ServiceType: a.ServiceType,
		NickName: a.NickName, UserName: a.UserName, HeadImg: a.HeadImg, QrcodeURL: a.QrcodeURL,
		PrincipalName: a.PrincipalName, RefreshToken: rt, FuncInfo: a.FuncInfo, VerifyInfo: a.VerifyInfo,
		AuthTime: a.AuthTime.UTC().Format(time.RFC3339), RegisterType: a.RegisterType,
		AccountStatus: a.AccountStatus, BasicConfig: ParseBasicConfig(a.BasicConfig), Status: status,
		AuthState: a.AuthState, UpdateTime: a.UpdateTime.Unix()}
}

// openRefreshToken returns the plaintext refresh token (rows written by the original hold it
// unsealed). An unopenable value (SECRET_KEY changed) shows as empty rather than failing.
func (s *Service) openRefreshToken(a *model.Authorizer) string {
	plain, err := s.tokens.OpenRefreshToken(a.AppID, a.RefreshToken)
	if err != nil {
		s.log.Warn("cannot open refresh token", zap.String("appid", a.AppID), zap.Error(err))
		return ""
	}
	return plain
}

// RefreshAuthorizer re-reads one authorizer from WeChat and returns it as listed. Unknown appids
// are NotFound; WeChat failures come back in plain words and change nothing.
func (s *Service) RefreshAuthorizer(ctx context.Context, appid string) (Authorizer, error) {
	if _, err := s.store.GetAuthorizerByAppid(ctx, appid); errors.Is(err, dao.ErrNotFound) {
		return Authorizer{}, fault.Wrap(fault.NotFound, err, "帐号不存在")
	} else if err != nil {
		return Authorizer{}, err
	}
	a, err := s.refreshInfo(ctx, appid)
	if err != nil {
		return Authorizer{}, explain(err)
	}
	return s.view(a, false), nil
}
