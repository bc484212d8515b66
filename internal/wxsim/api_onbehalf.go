package wxsim

import "net/http"

// On-behalf API paths, called with ?access_token=<authorizer_access_token>.
const (
	pathCustomSend   = "/cgi-bin/message/custom/send"
	pathAPIDomainIP  = "/cgi-bin/get_api_domain_ip"
	pathCallbackIP   = "/cgi-bin/getcallbackip"
	simulatedEgress  = "101.226.103.0"
	simulatedCallbck = "101.226.62.77"
)

// onBehalfRoutes are APIs an authorizer token unlocks. Code-management routes (/wxa/…) belong
// in their own group next to this one.
func (s *Sim) onBehalfRoutes() []route {
	return []route{
		{path: pathCustomSend, method: http.MethodPost, auth: authAuthorizer, handle: s.apiCustomSend},
		{path: pathAPIDomainIP, method: http.MethodGet, auth: authAuthorizer, handle: s.apiDomainIP},
		{path: pathCallbackIP, method: http.MethodGet, auth: authAuthorizer, handle: s.apiCallbackIP},
	}
}

// apiCustomSend accepts a customer-service message and records it, so tests can check what the
// service sent (the go-live check's "$query_auth_code$_from_api" reply, for instance).
func (s *Sim) apiCustomSend(c *call) (any, *apiError) {
	var req struct {
		ToUser  string `json:"touser"`
		MsgType string `json:"msgtype"`
	}
	if e := c.decode(&req); e != nil {
		return nil, e
	}
	switch {
	case req.ToUser == "":
		return nil, wxErr(40003)
	case req.MsgType == "":
		return nil, wxErr(40008)
	}
	s.st.mu.Lock()
	s.st.sent = append(s.st.sent, SentMessage{AppID: c.account.AppID, At: c.now, Body: string(c.body)})
	s.st.mu.Unlock()
	return okBody(), nil
}

// apiDomainIP is a trivial API that proves an authorizer token works.
func (s *Sim) apiDomainIP(*call) (any, *apiError) {
	return map[string]any{"ip_list": []string{simulatedEgress}}, nil
}

// apiCallbackIP lists the addresses pushes come from.
func (s *Sim) apiCallbackIP(*call) (any, *apiError) {
	return map[string]any{"ip_list": []string{simulatedCallbck}}, nil
}

// SentMessages returns the customer-service messages the service sent, oldest first.
func (s *Sim) SentMessages() []SentMessage { return s.State().SentMessages }
