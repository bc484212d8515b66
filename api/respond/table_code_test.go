package respond_test

import (
	"errors"
	"fmt"
	"testing"

	"wxcomponent/comm/codemgmt"
	"wxcomponent/comm/wx/api"
	"wxcomponent/comm/wx/token"
	"wxcomponent/db/dao"
)

// TestCodeManagementErrors covers the comm/codemgmt rows of the table.
func TestCodeManagementErrors(t *testing.T) {
	refusal := &api.Error{Path: "/wxa/submit_audit", Code: 85009, Msg: "already submit a version under auditing rid: 1a"}
	cases := []struct {
		name   string
		err    error
		status int
		body   string
	}{
		{"wechat refusal with hint", fmt.Errorf("wx1: %w", &codemgmt.WeChatError{Op: "submit audit", Code: 85009,
			Hint: "已有版本在审核中，请等待审核结果或先撤回审核", Public: "errcode 85009: x", Err: refusal}), 502,
			`{"code":1002,"errorMsg":"系统错误","data":"已有版本在审核中，请等待审核结果或先撤回审核（errcode 85009）"}`},
		{"wechat refusal without hint", &codemgmt.WeChatError{Op: "commit", Code: 40001, Public: "errcode 40001: invalid credential",
			Err: &api.Error{Code: 40001, Msg: "invalid credential"}}, 502,
			`{"code":1002,"errorMsg":"系统错误","data":"微信接口返回错误：errcode 40001: invalid credential"}`},
		{"wechat unreachable", &codemgmt.WeChatError{Op: "release", Hint: "无法访问微信接口，请检查网络后稍后再试",
			Err: errors.New("dial tcp 10.1.2.3:443: i/o timeout")}, 502,
			`{"code":1002,"errorMsg":"系统错误","data":"无法访问微信接口，请检查网络后稍后再试"}`},
		{"ticket problem on the way stays 1007", fmt.Errorf("commit: %w", token.ErrNoTicket), 503,
			`{"code":1007,"errorMsg":"Ticket为空","data":"no component_verify_ticket received in the last 12 hours"}`},
		{"invalid with its reason", fmt.Errorf("commit: %w: %v", codemgmt.ErrInvalid, errors.New("user_version is required")), 400,
			`{"code":1001,"errorMsg":"参数格式有误","data":"user_version is required"}`},
		{"invalid without reason", codemgmt.ErrInvalid, 400, `{"code":1001,"errorMsg":"参数格式有误","data":"invalid request"}`},
		{"not managed", fmt.Errorf("wx570bc396a51b8ff8: %w", codemgmt.ErrNotManaged), 409,
			`{"code":1008,"errorMsg":"状态异常","data":"该帐号不是已授权的小程序，或未授予代开发权限（权限集 18）"}`},
		{"no audit", fmt.Errorf("speed up audit of wx1: %w: no audit in progress", codemgmt.ErrNoAudit), 409,
			`{"code":1008,"errorMsg":"状态异常","data":"没有审核中的版本"}`},
		{"not found", errors.Join(dao.ErrNotFound, fmt.Errorf("screenshot m of wx1: %w", codemgmt.ErrNotFound)), 404,
			`{"code":1001,"errorMsg":"参数格式有误","data":"请求的内容不存在"}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w, _ := answer(t, tc.err)
			if w.Code != tc.status || w.Body.String() != tc.body {
				t.Fatalf("%d %s\nwant %d %s", w.Code, w.Body.String(), tc.status, tc.body)
			}
		})
	}
}
