package wxsim

import (
	"slices"
	"time"
)

// maxListCount is api_get_authorizer_list's documented count limit.
const maxListCount = 500

// idObj is WeChat's {"id":N} wrapper (service_type_info, verify_type_info).
type idObj struct {
	ID int `json:"id"`
}

// authorizerInfo is authorizer_info of api_get_authorizer_info (wechat-protocol.md §5.3).
type authorizerInfo struct {
	NickName        string           `json:"nick_name"`
	HeadImg         string           `json:"head_img"`
	ServiceTypeInfo idObj            `json:"service_type_info"`
	VerifyTypeInfo  idObj            `json:"verify_type_info"`
	UserName        string           `json:"user_name"`
	Alias           string           `json:"alias"`
	QrcodeURL       string           `json:"qrcode_url"`
	BusinessInfo    map[string]int   `json:"business_info"`
	IDC             int              `json:"idc"`
	PrincipalName   string           `json:"principal_name"`
	Signature       string           `json:"signature"`
	MiniProgramInfo *miniProgramInfo `json:"MiniProgramInfo,omitempty"`
	RegisterType    int              `json:"register_type"`
	AccountStatus   int              `json:"account_status"`
	BasicConfig     map[string]bool  `json:"basic_config"`
}

// miniProgramInfo is present only for mini programs; that is how clients tell them from OAs.
type miniProgramInfo struct {
	Network     map[string][]string `json:"network"`
	Categories  []map[string]string `json:"categories"`
	VisitStatus int                 `json:"visit_status"`
}

// newAuthorizerInfo renders an account the way api_get_authorizer_info does.
func newAuthorizerInfo(a Authorizer) authorizerInfo {
	info := authorizerInfo{NickName: a.NickName, HeadImg: "http://wx.qlogo.cn/mmopen/" + a.AppID + "/0",
		ServiceTypeInfo: idObj{a.ServiceType}, VerifyTypeInfo: idObj{a.VerifyType},
		UserName: a.UserName, QrcodeURL: "http://mmbiz.qpic.cn/mmbiz_jpg/" + a.AppID + "/0",
		BusinessInfo: map[string]int{"open_pay": 0, "open_shake": 0, "open_scan": 0, "open_card": 0, "open_store": 0},
		IDC:          1, PrincipalName: a.PrincipalName, Signature: a.NickName + "（模拟账号）",
		AccountStatus: 1, BasicConfig: map[string]bool{"is_phone_configured": true, "is_email_configured": true}}
	if a.Kind == KindMiniProgram {
		info.MiniProgramInfo = newMiniProgramInfo()
	}
	return info
}

// newMiniProgramInfo lists every domain key WeChat returns, empty except the request domain.
func newMiniProgramInfo() *miniProgramInfo {
	network := map[string][]string{}
	for _, k := range []string{"RequestDomain", "WsRequestDomain", "UploadDomain", "DownloadDomain",
		"BizDomain", "UDPDomain", "TCPDomain", "PrefetchDNSDomain"} {
		network[k] = []string{}
		network["New"+k] = []string{}
	}
	network["RequestDomain"] = []string{"https://weixin.qq.com"}
	return &miniProgramInfo{Network: network,
		Categories: []map[string]string{{"first": "生活服务", "second": "丽人服务"}}}
}

// apiGetAuthorizerInfo returns an authorized account's profile and current grant.
func (s *Sim) apiGetAuthorizerInfo(c *call) (any, *apiError) {
	var req struct {
		componentBody
		Authorizer string `json:"authorizer_appid"`
	}
	if e := s.decodeComponent(c, &req); e != nil {
		return nil, e
	}
	acc, ok := s.account(req.Authorizer)
	switch {
	case !ok:
		return nil, wxErr(40013)
	case !acc.Authorized:
		return nil, wxErr(61003)
	}
	type authorization struct {
		AppID        string      `json:"authorizer_appid"`
		RefreshToken string      `json:"authorizer_refresh_token"`
		FuncInfo     []funcScope `json:"func_info"`
	}
	return struct {
		Info          authorizerInfo `json:"authorizer_info"`
		Authorization authorization  `json:"authorization_info"`
	}{newAuthorizerInfo(acc.Authorizer),
		authorization{acc.AppID, acc.RefreshToken, funcScopes(acc.Granted, true)}}, nil
}

// listItem is one entry of api_get_authorizer_list.
type listItem struct {
	AppID        string `json:"authorizer_appid"`
	RefreshToken string `json:"refresh_token"`
	AuthTime     int64  `json:"auth_time"`
}

// apiGetAuthorizerList pages through the currently authorized accounts, oldest grant first.
func (s *Sim) apiGetAuthorizerList(c *call) (any, *apiError) {
	var req struct {
		componentBody
		Offset int `json:"offset"`
		Count  int `json:"count"`
	}
	if e := s.decodeComponent(c, &req); e != nil {
		return nil, e
	}
	switch {
	case req.Count > maxListCount:
		return nil, wxErr(40170)
	case req.Count <= 0 || req.Offset < 0:
		return nil, wxErr(40097)
	}
	all := s.authorizedList()
	page := all[min(req.Offset, len(all)):min(req.Offset+req.Count, len(all))]
	return struct {
		Total int        `json:"total_count"`
		List  []listItem `json:"list"`
	}{len(all), page}, nil
}

// authorizedList returns every authorized account ordered by auth time.
func (s *Sim) authorizedList() []listItem {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	type entry struct {
		item listItem
		at   time.Time
	}
	var entries []entry
	for _, id := range s.st.accountOrder {
		if acc := s.st.accounts[id]; acc.Authorized {
			entries = append(entries, entry{listItem{acc.AppID, acc.RefreshToken, acc.AuthTime.Unix()}, acc.AuthTime})
		}
	}
	slices.SortStableFunc(entries, func(a, b entry) int { return a.at.Compare(b.at) })
	out := make([]listItem, 0, len(entries))
	for _, e := range entries {
		out = append(out, e.item)
	}
	return out
}
