package wxsim

import (
	"crypto/sha1" //nolint:gosec // only derives stable fake ids, not a security use
	"encoding/hex"
	"fmt"
)

// Kind tells an Official Account from a mini program; WeChat signals the latter by including
// MiniProgramInfo in api_get_authorizer_info.
type Kind string

// Account kinds.
const (
	KindOA          Kind = "oa"
	KindMiniProgram Kind = "miniprogram"
)

// label names the kind the way WeChat's pages do.
func (k Kind) label() string {
	if k == KindMiniProgram {
		return "小程序"
	}
	return "公众号"
}

// Authorizer is an account (OA or mini program) that can authorize the platform.
type Authorizer struct {
	AppID         string `json:"appid"`
	UserName      string `json:"user_name"` // original id, gh_…
	NickName      string `json:"nick_name"`
	PrincipalName string `json:"principal_name"`
	Kind          Kind   `json:"kind"`
	// ServiceType and VerifyType are service_type_info.id / verify_type_info.id.
	ServiceType int `json:"service_type"`
	VerifyType  int `json:"verify_type"`
	// FuncInfo are the permission-set ids granted when no explicit list is given.
	FuncInfo []int `json:"func_info"`
}

// DefaultFuncInfo returns the permission sets granted by default for an account kind: message
// management, menus, … for OAs; account and code management (18, which the release pipeline
// needs) for mini programs. A fresh slice each time, so callers may modify it.
func DefaultFuncInfo(k Kind) []int {
	if k == KindMiniProgram {
		return []int{17, 18, 19, 25, 30, 31, 36, 37, 40, 48}
	}
	return []int{1, 2, 3, 4, 6, 7, 11, 15, 24}
}

// SeedAuthorizers returns n preset, not yet authorized accounts. The first two are the test
// accounts WeChat's go-live check uses (wechat-protocol.md §2.4); further ones alternate OA and
// mini program with ids derived from their index so they are stable across runs.
func SeedAuthorizers(n int) []Authorizer {
	out := make([]Authorizer, 0, n)
	for i := 0; i < n; i++ {
		out = append(out, seedAuthorizer(i))
	}
	return out
}

// seedAuthorizer builds the i-th preset account.
func seedAuthorizer(i int) Authorizer {
	switch i {
	case 0:
		return Authorizer{AppID: "wx570bc396a51b8ff8", UserName: "gh_3c884a361561",
			NickName: "全网发布测试公众号", PrincipalName: "深圳市腾讯计算机系统有限公司",
			Kind: KindOA, ServiceType: 2, VerifyType: 0, FuncInfo: DefaultFuncInfo(KindOA)}
	case 1:
		return Authorizer{AppID: "wxd101a85aa106f53e", UserName: "gh_8dad206e9538",
			NickName: "全网发布测试小程序", PrincipalName: "深圳市腾讯计算机系统有限公司",
			Kind: KindMiniProgram, ServiceType: 0, VerifyType: 0, FuncInfo: DefaultFuncInfo(KindMiniProgram)}
	}
	sum := sha1.Sum([]byte(fmt.Sprintf("wxsim-seed-%d", i))) //nolint:gosec // stable fake id
	h := hex.EncodeToString(sum[:])
	kind := KindOA
	if i%2 == 1 {
		kind = KindMiniProgram
	}
	return Authorizer{AppID: "wx" + h[:16], UserName: "gh_" + h[16:28],
		NickName: fmt.Sprintf("模拟%s%d", kind.label(), i+1), PrincipalName: "模拟科技有限公司",
		Kind: kind, ServiceType: 0, VerifyType: 0, FuncInfo: DefaultFuncInfo(kind)}
}

// check reports what is missing from an account before the simulator accepts it.
func (a Authorizer) check() error {
	if a.AppID == "" || a.UserName == "" {
		return fmt.Errorf("authorizer needs appid and user_name (got %q, %q)", a.AppID, a.UserName)
	}
	if a.Kind != KindOA && a.Kind != KindMiniProgram {
		return fmt.Errorf("authorizer %s: unknown kind %q", a.AppID, a.Kind)
	}
	return nil
}
