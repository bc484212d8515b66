package wxsim

import (
	"context"
	"net/http"
	"time"
)

// Component API paths (wechat-protocol.md §5.1, §5.3, §5.7).
const (
	pathComponentToken  = "/cgi-bin/component/api_component_token"
	pathPreAuthCode     = "/cgi-bin/component/api_create_preauthcode"
	pathQueryAuth       = "/cgi-bin/component/api_query_auth"
	pathAuthorizerToken = "/cgi-bin/component/api_authorizer_token"
	pathAuthorizerInfo  = "/cgi-bin/component/api_get_authorizer_info"
	pathAuthorizerList  = "/cgi-bin/component/api_get_authorizer_list"
	pathStartPushTicket = "/cgi-bin/component/api_start_push_ticket"
)

// componentRoutes are the platform-level APIs; all are POST with a JSON body.
func (s *Sim) componentRoutes() []route {
	post := http.MethodPost
	return []route{
		{path: pathComponentToken, method: post, auth: authNone, handle: s.apiComponentToken},
		{path: pathStartPushTicket, method: post, auth: authNone, handle: s.apiStartPushTicket},
		{path: pathPreAuthCode, method: post, auth: authComponent, handle: s.apiCreatePreAuthCode},
		{path: pathQueryAuth, method: post, auth: authComponent, handle: s.apiQueryAuth},
		{path: pathAuthorizerToken, method: post, auth: authComponent, handle: s.apiAuthorizerToken},
		{path: pathAuthorizerInfo, method: post, auth: authComponent, handle: s.apiGetAuthorizerInfo},
		{path: pathAuthorizerList, method: post, auth: authComponent, handle: s.apiGetAuthorizerList},
	}
}

// componentBody is the component_appid every component API repeats in its JSON body; request
// structs embed it so decodeComponent can check it.
type componentBody struct {
	AppID string `json:"component_appid"`
}

// componentAppID returns the appid the body names.
func (b componentBody) componentAppID() string { return b.AppID }

// decodeComponent decodes a component API's body into req, then checks its component_appid.
func (s *Sim) decodeComponent(c *call, req interface{ componentAppID() string }) *apiError {
	if e := c.decode(req); e != nil {
		return e
	}
	return s.checkComponentAppID(req.componentAppID())
}

// checkComponentAppID validates the component_appid every component API repeats in its body.
func (s *Sim) checkComponentAppID(v string) *apiError {
	switch v {
	case "":
		return wxErr(41018)
	case s.cfg.ComponentAppID:
		return nil
	}
	return wxErr(40013)
}

// checkSecret validates component_appsecret / component_secret.
func (s *Sim) checkSecret(v string) *apiError {
	switch v {
	case "":
		return wxErr(41004)
	case s.cfg.ComponentSecret:
		return nil
	}
	return wxErr(40125)
}

// ttlSeconds is the expires_in of access tokens.
func (s *Sim) ttlSeconds() int64 { return int64(s.cfg.TokenTTL / time.Second) }

// apiComponentToken exchanges appid + secret + a recent ticket for a component_access_token.
func (s *Sim) apiComponentToken(c *call) (any, *apiError) {
	var req struct {
		componentBody
		Secret string `json:"component_appsecret"`
		Ticket string `json:"component_verify_ticket"`
	}
	if e := s.decodeComponent(c, &req); e != nil {
		return nil, e
	}
	if e := s.checkSecret(req.Secret); e != nil {
		return nil, e
	}
	if e := s.checkTicket(req.Ticket, c.now); e != nil {
		return nil, e
	}
	tok := s.issueComponentToken(c.now)
	return struct {
		Token     string `json:"component_access_token"`
		ExpiresIn int64  `json:"expires_in"`
	}{tok.Value, s.ttlSeconds()}, nil
}

// apiStartPushTicket checks the credentials and pushes a ticket right away (in the background,
// since WeChat answers before the push arrives).
func (s *Sim) apiStartPushTicket(c *call) (any, *apiError) {
	var req struct {
		componentBody
		Secret string `json:"component_secret"`
	}
	if e := s.decodeComponent(c, &req); e != nil {
		return nil, e
	}
	if e := s.checkSecret(req.Secret); e != nil {
		return nil, e
	}
	s.goBackground(func(ctx context.Context) {
		if _, _, err := s.PushTicket(ctx); err != nil {
			s.log.Warn("ticket push after api_start_push_ticket failed", "err", err)
		}
	})
	return okBody(), nil
}

// apiCreatePreAuthCode issues a pre_auth_code for an authorization link.
func (s *Sim) apiCreatePreAuthCode(c *call) (any, *apiError) {
	var req componentBody
	if e := s.decodeComponent(c, &req); e != nil {
		return nil, e
	}
	rec := s.newPreAuthCode(c.now)
	return struct {
		Code      string `json:"pre_auth_code"`
		ExpiresIn int64  `json:"expires_in"`
	}{rec.Value, int64(preAuthCodeTTL / time.Second)}, nil
}
