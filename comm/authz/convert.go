package authz

import (
	"encoding/json"
	"strconv"
	"strings"

	"wxcomponent/comm/wx/api"
	"wxcomponent/db/model"
)

// BasicConfig is the account's basic_config, in the contract's JSON shape.
type BasicConfig struct {
	IsPhoneConfigured bool `json:"isPhoneConfigured"`
	IsEmailConfigured bool `json:"isEmailConfigured"`
}

// App types of the authorizers table.
const (
	AppTypeMiniProgram = 0
	AppTypeOA          = 1
)

// FuncInfoString renders permission-set ids the way the table stores them: "|1|2|18".
func FuncInfoString(ids []int) string {
	var b strings.Builder
	for _, id := range ids {
		b.WriteByte('|')
		b.WriteString(strconv.Itoa(id))
	}
	return b.String()
}

// infoValues are the columns api_get_authorizer_info fills; a refresh writes only these.
func infoValues(a *model.Authorizer) map[string]any {
	return map[string]any{"apptype": a.AppType, "servicetype": a.ServiceType, "nickname": a.NickName,
		"username": a.UserName, "headimg": a.HeadImg, "qrcodeurl": a.QrcodeURL,
		"principalname": a.PrincipalName, "funcinfo": a.FuncInfo, "verifyinfo": a.VerifyInfo,
		"registertype": a.RegisterType, "accountstatus": a.AccountStatus, "basicconfig": a.BasicConfig}
}

// applyInfo copies the account profile and current grant onto a.
func applyInfo(a *model.Authorizer, d *api.AuthorizerDetails) {
	info := d.Authorizer
	a.AppType = AppTypeOA
	if d.IsMiniProgram() {
		a.AppType = AppTypeMiniProgram
	}
	a.ServiceType, a.VerifyInfo = info.ServiceTypeInfo.ID, info.VerifyTypeInfo.ID
	a.NickName, a.UserName, a.HeadImg = info.NickName, info.UserName, info.HeadImg
	a.QrcodeURL, a.PrincipalName = info.QrcodeURL, info.PrincipalName
	a.FuncInfo = FuncInfoString(api.FuncIDs(d.Authorization.FuncInfo))
	a.RegisterType, a.AccountStatus = info.RegisterType, info.AccountStatus
	a.BasicConfig = ""
	if bc := info.BasicConfig; bc != nil {
		b, _ := json.Marshal(BasicConfig{IsPhoneConfigured: bc.IsPhoneConfigured, IsEmailConfigured: bc.IsEmailConfigured})
		a.BasicConfig = string(b) // two bools cannot fail to marshal
	}
}

// ParseBasicConfig reads the stored basicconfig column; nil when empty or unreadable.
func ParseBasicConfig(s string) *BasicConfig {
	if s == "" {
		return nil
	}
	var bc BasicConfig
	if err := json.Unmarshal([]byte(s), &bc); err != nil {
		return nil
	}
	return &bc
}
