package wxsim

// funcScope is one func_info item: {"funcscope_category":{"id":N}} plus, in
// api_get_authorizer_info, the optional confirm_info object.
type funcScope struct {
	Category struct {
		ID int `json:"id"`
	} `json:"funcscope_category"`
	ConfirmInfo *confirmInfo `json:"confirm_info,omitempty"`
}

// confirmInfo says whether a permission set needs the admin's extra confirmation.
type confirmInfo struct {
	NeedConfirm    int `json:"need_confirm"`
	AlreadyConfirm int `json:"already_confirm"`
	CanConfirm     int `json:"can_confirm"`
}

// funcScopes renders permission-set ids as func_info; withConfirm adds confirm_info objects.
func funcScopes(ids []int, withConfirm bool) []funcScope {
	out := make([]funcScope, 0, len(ids))
	for _, id := range ids {
		var f funcScope
		f.Category.ID = id
		if withConfirm {
			f.ConfirmInfo = &confirmInfo{}
		}
		out = append(out, f)
	}
	return out
}

// apiQueryAuth exchanges a single-use authorization code for the authorizer's tokens.
func (s *Sim) apiQueryAuth(c *call) (any, *apiError) {
	var req struct {
		componentBody
		Code string `json:"authorization_code"`
	}
	if e := s.decodeComponent(c, &req); e != nil {
		return nil, e
	}
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	code, e := s.consumeAuthCodeLocked(req.Code, c.now)
	if e != nil {
		return nil, e
	}
	acc := s.st.accounts[code.AppID]
	if acc == nil || !acc.Authorized {
		return nil, wxErr(61003) // withdrawn between the redirect and the exchange
	}
	tok := s.issueAuthorizerTokenLocked(acc.AppID, c.now)
	type info struct {
		AppID        string      `json:"authorizer_appid"`
		AccessToken  string      `json:"authorizer_access_token"`
		ExpiresIn    int64       `json:"expires_in"`
		RefreshToken string      `json:"authorizer_refresh_token"`
		FuncInfo     []funcScope `json:"func_info"`
	}
	return struct {
		Info info `json:"authorization_info"`
	}{info{acc.AppID, tok.Value, s.ttlSeconds(), acc.RefreshToken, funcScopes(code.FuncInfo, false)}}, nil
}

// apiAuthorizerToken refreshes an authorizer_access_token with the current refresh token. With
// rotation on, it also replaces the refresh token, so only the one it returns works afterwards.
func (s *Sim) apiAuthorizerToken(c *call) (any, *apiError) {
	var req struct {
		componentBody
		Authorizer   string `json:"authorizer_appid"`
		RefreshToken string `json:"authorizer_refresh_token"`
	}
	if e := s.decodeComponent(c, &req); e != nil {
		return nil, e
	}
	rotate := s.rotatingRefreshTokens() // read before st.mu, so the two locks never nest
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	acc := s.st.accounts[req.Authorizer]
	switch {
	case acc == nil || !acc.Authorized:
		return nil, wxErr(61003)
	case req.RefreshToken == "" || req.RefreshToken != acc.RefreshToken:
		return nil, wxErr(61023) // old token after re-authorization, or garbage
	}
	tok := s.issueAuthorizerTokenLocked(acc.AppID, c.now)
	if rotate {
		acc.RefreshToken = newRefreshToken()
	}
	return struct {
		AccessToken  string `json:"authorizer_access_token"`
		ExpiresIn    int64  `json:"expires_in"`
		RefreshToken string `json:"authorizer_refresh_token"`
	}{tok.Value, s.ttlSeconds(), acc.RefreshToken}, nil
}
