package api

import (
	"context"
	"fmt"
	"net/http"
)

// FuncScope is one granted permission set of func_info.
type FuncScope struct {
	Category struct {
		ID int `json:"id"`
	} `json:"funcscope_category"`
	ConfirmInfo *struct {
		NeedConfirm    int `json:"need_confirm"`
		AlreadyConfirm int `json:"already_confirm"`
		CanConfirm     int `json:"can_confirm"`
	} `json:"confirm_info,omitempty"`
}

// FuncIDs lists the permission-set ids of func_info, in order.
func FuncIDs(fs []FuncScope) []int {
	out := make([]int, 0, len(fs))
	for _, f := range fs {
		out = append(out, f.Category.ID)
	}
	return out
}

// AuthorizationInfo is authorization_info of api_query_auth and
// api_get_authorizer_info. WeChat's docs spell the appid field two ways.
type AuthorizationInfo struct {
	AuthorizerAppID    string      `json:"authorizer_appid"`
	AuthorizationAppID string      `json:"authorization_appid"`
	AccessToken        string      `json:"authorizer_access_token"`
	ExpiresIn          int64       `json:"expires_in"`
	RefreshToken       string      `json:"authorizer_refresh_token"`
	FuncInfo           []FuncScope `json:"func_info"`
}

// AppID returns the authorizer's appid whichever spelling carried it.
func (a AuthorizationInfo) AppID() string {
	if a.AuthorizerAppID != "" {
		return a.AuthorizerAppID
	}
	return a.AuthorizationAppID
}

// QueryAuth exchanges an authorization code for the authorization info,
// including the first access token and the refresh token.
func (c *Client) QueryAuth(ctx context.Context, authCode string) (AuthorizationInfo, error) {
	in := map[string]string{"component_appid": c.o.ComponentAppID, "authorization_code": authCode}
	var out struct {
		Info AuthorizationInfo `json:"authorization_info"`
	}
	if err := c.CallComponent(ctx, http.MethodPost, PathQueryAuth, nil, in, &out); err != nil {
		return AuthorizationInfo{}, err
	}
	if out.Info.AppID() == "" {
		return AuthorizationInfo{}, fmt.Errorf("wechat %s: answer has no authorizer appid", PathQueryAuth)
	}
	return out.Info, nil
}

// BasicConfig is basic_config of api_get_authorizer_info.
type BasicConfig struct {
	IsPhoneConfigured bool `json:"is_phone_configured"`
	IsEmailConfigured bool `json:"is_email_configured"`
}

// MiniProgramInfo is present only for mini programs.
type MiniProgramInfo struct {
	Network    map[string][]string `json:"network"`
	Categories []struct {
		First  string `json:"first"`
		Second string `json:"second"`
	} `json:"categories"`
	VisitStatus int `json:"visit_status"`
}

// IDField is an {"id": n} object (service_type_info, verify_type_info).
type IDField struct {
	ID int `json:"id"`
}

// AuthorizerInfo is authorizer_info of api_get_authorizer_info.
type AuthorizerInfo struct {
	NickName        string           `json:"nick_name"`
	HeadImg         string           `json:"head_img"`
	ServiceTypeInfo IDField          `json:"service_type_info"`
	VerifyTypeInfo  IDField          `json:"verify_type_info"`
	UserName        string           `json:"user_name"`
	Alias           string           `json:"alias"`
	QrcodeURL       string           `json:"qrcode_url"`
	PrincipalName   string           `json:"principal_name"`
	Signature       string           `json:"signature"`
	MiniProgramInfo *MiniProgramInfo `json:"MiniProgramInfo"`
	RegisterType    int              `json:"register_type"`
	AccountStatus   int              `json:"account_status"`
	BasicConfig     *BasicConfig     `json:"basic_config"`
}

// AuthorizerDetails is api_get_authorizer_info's answer.
type AuthorizerDetails struct {
	Authorizer    AuthorizerInfo    `json:"authorizer_info"`
	Authorization AuthorizationInfo `json:"authorization_info"`
}

// IsMiniProgram tells a mini program (MiniProgramInfo present) from an Official Account.
func (d AuthorizerDetails) IsMiniProgram() bool { return d.Authorizer.MiniProgramInfo != nil }

// GetAuthorizerInfo reads an authorizer's account details and grants.
func (c *Client) GetAuthorizerInfo(ctx context.Context, appid string) (AuthorizerDetails, error) {
	in := map[string]string{"component_appid": c.o.ComponentAppID, "authorizer_appid": appid}
	var out AuthorizerDetails
	err := c.CallComponent(ctx, http.MethodPost, PathGetAuthorizerInfo, nil, in, &out)
	return out, err
}

// AuthorizerListItem is one row of api_get_authorizer_list.
type AuthorizerListItem struct {
	AuthorizerAppID string `json:"authorizer_appid"`
	RefreshToken    string `json:"refresh_token"`
	AuthTime        int64  `json:"auth_time"`
}

// AuthorizerList is one page of api_get_authorizer_list.
type AuthorizerList struct {
	TotalCount int64                `json:"total_count"`
	List       []AuthorizerListItem `json:"list"`
}

// GetAuthorizerList reads one page of authorizers (count at most 500); it is
// also how lost refresh tokens are recovered.
func (c *Client) GetAuthorizerList(ctx context.Context, offset, count int) (AuthorizerList, error) {
	if count <= 0 || count > maxAuthorizerListCount {
		count = maxAuthorizerListCount
	}
	in := map[string]any{"component_appid": c.o.ComponentAppID, "offset": offset, "count": count}
	var out AuthorizerList
	err := c.CallComponent(ctx, http.MethodPost, PathGetAuthorizerList, nil, in, &out)
	return out, err
}
