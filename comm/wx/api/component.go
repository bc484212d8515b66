package api

import (
	"context"
	"errors"
	"net/http"
)

// API paths of the component credential calls (wechat-protocol.md §5.1, §5.7).
const (
	PathComponentToken     = "/cgi-bin/component/api_component_token"
	PathCreatePreAuthCode  = "/cgi-bin/component/api_create_preauthcode"
	PathQueryAuth          = "/cgi-bin/component/api_query_auth"
	PathAuthorizerToken    = "/cgi-bin/component/api_authorizer_token"
	PathGetAuthorizerInfo  = "/cgi-bin/component/api_get_authorizer_info"
	PathGetAuthorizerList  = "/cgi-bin/component/api_get_authorizer_list"
	PathStartPushTicket    = "/cgi-bin/component/api_start_push_ticket"
	maxAuthorizerListCount = 500
)

// ComponentToken is api_component_token's answer.
type ComponentToken struct {
	AccessToken string `json:"component_access_token"`
	ExpiresIn   int64  `json:"expires_in"`
}

// GetComponentToken fetches a component_access_token with the AppSecret and
// the latest component_verify_ticket. It carries no token.
func (c *Client) GetComponentToken(ctx context.Context, secret, ticket string) (ComponentToken, error) {
	in := map[string]string{"component_appid": c.o.ComponentAppID, "component_appsecret": secret,
		"component_verify_ticket": ticket}
	var out ComponentToken
	if err := c.do(ctx, http.MethodPost, PathComponentToken, nil, in, &out); err != nil {
		return ComponentToken{}, err
	}
	if out.AccessToken == "" {
		return ComponentToken{}, errors.New("wechat api_component_token: answer has no component_access_token")
	}
	return out, nil
}

// StartPushTicket asks WeChat to (re)start pushing component_verify_ticket.
func (c *Client) StartPushTicket(ctx context.Context, secret string) error {
	in := map[string]string{"component_appid": c.o.ComponentAppID, "component_secret": secret}
	return c.do(ctx, http.MethodPost, PathStartPushTicket, nil, in, nil)
}

// PreAuthCode is api_create_preauthcode's answer.
type PreAuthCode struct {
	Code      string `json:"pre_auth_code"`
	ExpiresIn int64  `json:"expires_in"`
}

// CreatePreAuthCode mints a pre_auth_code for one authorization link.
func (c *Client) CreatePreAuthCode(ctx context.Context) (PreAuthCode, error) {
	var out PreAuthCode
	in := map[string]string{"component_appid": c.o.ComponentAppID}
	err := c.CallComponent(ctx, http.MethodPost, PathCreatePreAuthCode, nil, in, &out)
	return out, err
}

// AuthorizerToken is api_authorizer_token's answer.
type AuthorizerToken struct {
	AccessToken  string `json:"authorizer_access_token"`
	ExpiresIn    int64  `json:"expires_in"`
	RefreshToken string `json:"authorizer_refresh_token"` // store whatever comes back
}

// RefreshAuthorizerToken exchanges an authorizer's refresh token for a new
// authorizer_access_token.
func (c *Client) RefreshAuthorizerToken(ctx context.Context, appid, refreshToken string) (AuthorizerToken, error) {
	in := map[string]string{"component_appid": c.o.ComponentAppID, "authorizer_appid": appid,
		"authorizer_refresh_token": refreshToken}
	var out AuthorizerToken
	if err := c.CallComponent(ctx, http.MethodPost, PathAuthorizerToken, nil, in, &out); err != nil {
		return AuthorizerToken{}, err
	}
	if out.AccessToken == "" {
		return AuthorizerToken{}, errors.New("wechat api_authorizer_token: answer has no authorizer_access_token")
	}
	return out, nil
}
