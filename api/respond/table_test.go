package respond_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"wxcomponent/api/reqlog"
	"wxcomponent/api/respond"
	"wxcomponent/comm/adminauth"
	"wxcomponent/comm/batchrelease"
	"wxcomponent/comm/fault"
	"wxcomponent/comm/forward"
	"wxcomponent/comm/wx/api"
	"wxcomponent/comm/wx/token"
	"wxcomponent/db/dao"
)

// answer runs respond.Error in a request carrying a recording logger.
func answer(t *testing.T, err error) (*httptest.ResponseRecorder, *observer.ObservedLogs) {
	t.Helper()
	gin.SetMode(gin.TestMode)
	core, logs := observer.New(zapcore.DebugLevel)
	w := httptest.NewRecorder()
	c, _ := gin.CreateTestContext(w)
	c.Request = httptest.NewRequest(http.MethodGet, "/x", nil)
	reqlog.Set(c, "req-12345678", zap.New(core).With(zap.String("request_id", "req-12345678")))
	respond.Error(c, err)
	return w, logs
}

func TestErrorTable(t *testing.T) {
	wx := &api.Error{Path: "/cgi-bin/component/api_create_preauthcode", Code: 61006, Msg: "invalid ticket rid: 1a2b"}
	cases := []struct {
		name   string
		err    error
		status int
		body   string
	}{
		// The credential chain, as the token endpoints have always answered it.
		{"no ticket", fmt.Errorf("component token: %w", token.ErrNoTicket), 503,
			`{"code":1007,"errorMsg":"Ticket为空","data":"no component_verify_ticket received in the last 12 hours"}`},
		{"stale ticket", fmt.Errorf("%w: %w", token.ErrTicketStale, wx), 503,
			`{"code":1007,"errorMsg":"Ticket为空","data":"ticket rejected by WeChat: errcode 61006: invalid ticket rid: 1a2b"}`},
		{"appid required", token.ErrAppIDRequired, 400, `{"code":1001,"errorMsg":"参数格式有误","data":"appid is required"}`},
		{"unknown authorizer", fmt.Errorf("wx1: %w", token.ErrUnknownAuthorizer), 404,
			`{"code":1001,"errorMsg":"参数格式有误","data":"authorizer not found"}`},
		{"revoked", fmt.Errorf("wx1 secret-ish context: %w", token.ErrAuthorizerRevoked), 409,
			`{"code":1008,"errorMsg":"状态异常","data":"authorizer revoked its authorization"}`},
		{"no refresh token", token.ErrNoRefreshToken, 409,
			`{"code":1008,"errorMsg":"状态异常","data":"authorizer has no refresh token: pull the authorizer list or authorize again"}`},
		{"refresh token invalid", token.ErrRefreshTokenInvalid, 409,
			`{"code":1008,"errorMsg":"状态异常","data":"authorizer refresh token is invalid: pull the authorizer list or authorize again"}`},
		{"no secret", token.ErrNoAppSecret, 503,
			`{"code":1002,"errorMsg":"系统错误","data":"AppSecret is not configured: set WX_APPSECRET or save it in the console"}`},
		{"storm", token.ErrRefreshStorm, 503,
			`{"code":1002,"errorMsg":"系统错误","data":"refresh storm guard: too many refreshes of this token in the last hour"}`},
		{"lease busy", token.ErrLeaseBusy, 503,
			`{"code":1002,"errorMsg":"系统错误","data":"another instance is refreshing this token; retry shortly"}`},
		{"wechat refusal", fmt.Errorf("get token: %w", &api.Error{Path: "/p", Code: 40013, Msg: "invalid appid"}), 502,
			`{"code":1002,"errorMsg":"系统错误","data":"errcode 40013: invalid appid"}`},
		{"wechat http status", &api.StatusError{Path: "/p", Status: 504}, 502,
			`{"code":1002,"errorMsg":"系统错误","data":"http status 504"}`},
		{"anything else", errors.New("dial tcp 10.0.0.5:3306: password=hunter2"), 500, `{"code":1002,"errorMsg":"系统错误"}`},

		// Classified failures (comm/fault): the domain's words, the kind's code.
		{"invalid", fault.New(fault.Invalid, "type 只能是 pc 或 h5"), 400, `{"code":1001,"errorMsg":"参数格式有误","data":"type 只能是 pc 或 h5"}`},
		{"invalid wrapping a wechat error", fault.Wrap(fault.Invalid, &api.Error{Code: 61010}, "授权码已使用或已过期，请重新授权"), 400,
			`{"code":1001,"errorMsg":"参数格式有误","data":"授权码已使用或已过期，请重新授权"}`},
		{"not found", fault.Wrap(fault.NotFound, dao.ErrNotFound, "帐号不存在"), 404, `{"code":1001,"errorMsg":"参数格式有误","data":"帐号不存在"}`},
		{"conflict", fault.Wrap(fault.Conflict, dao.ErrSyncRunning, "已有同步任务正在进行"), 409, `{"code":1008,"errorMsg":"状态异常","data":"已有同步任务正在进行"}`},
		{"unavailable", fault.Wrap(fault.Unavailable, token.ErrNoAppSecret, "尚未设置 AppSecret"), 503,
			`{"code":1002,"errorMsg":"系统错误","data":"尚未设置 AppSecret"}`},
		{"ticket explained", fault.Wrap(fault.Unavailable, token.ErrNoTicket, "尚未收到 ticket"), 503,
			`{"code":1007,"errorMsg":"Ticket为空","data":"尚未收到 ticket"}`},
		{"upstream", fault.Wrap(fault.Upstream, wx, "微信接口返回错误"), 502, `{"code":1002,"errorMsg":"系统错误","data":"微信接口返回错误"}`},
		{"internal hides even a token sentinel", fault.Wrap(fault.Internal, token.ErrRefreshStorm, ""), 500, `{"code":1002,"errorMsg":"系统错误"}`},
		{"outermost kind decides", fault.Wrap(fault.NotFound, fault.New(fault.Invalid, "inner"), "outer"), 404,
			`{"code":1001,"errorMsg":"参数格式有误","data":"outer"}`},

		// The console's account (comm/adminauth), as the console has always been answered.
		{"bad credentials", adminauth.ErrBadCredentials, 401, `{"code":1006,"errorMsg":"登录失败","data":"帐号或密码错误"}`},
		{"session expired", fmt.Errorf("%w: %w", adminauth.ErrSessionExpired, adminauth.ErrExpired), 401, `{"code":1003,"errorMsg":"登录超时"}`},
		{"bad token", fmt.Errorf("%w: signature is invalid", adminauth.ErrBadToken), 401, `{"code":1004,"errorMsg":"Token错误"}`},
		{"wrong old password", adminauth.ErrWrongOldPassword, 400, `{"code":1005,"errorMsg":"用户更新错误","data":"旧密码错误"}`},
		{"wrong password", adminauth.ErrWrongPassword, 400, `{"code":1005,"errorMsg":"用户更新错误","data":"密码错误"}`},
		{"username taken", fmt.Errorf("%w: %w", adminauth.ErrUsernameTaken, dao.ErrDuplicate), 400,
			`{"code":1005,"errorMsg":"用户更新错误","data":"该帐号已存在"}`},
		{"weak password", fault.Wrap(fault.Invalid, adminauth.ErrWeakPassword, adminauth.ErrWeakPassword.Error()), 400,
			`{"code":1001,"errorMsg":"参数格式有误","data":"密码需为 8-64 位，且同时包含字母和数字，不能与帐号相同"}`},
		{"account store down", fmt.Errorf("reload user 1: %w", errors.New("db down")), 500, `{"code":1002,"errorMsg":"系统错误"}`},

		// comm/batchrelease: validation problems as a list, a missing batch, a refused action.
		{"batch validation", fmt.Errorf("create: %w", &batchrelease.ValidationError{Problems: []string{"请选择代码模板（templateId）", "帐号 wx1 缺少变量：shopId"}}), 400,
			`{"code":1001,"errorMsg":"参数格式有误","data":["请选择代码模板（templateId）","帐号 wx1 缺少变量：shopId"]}`},
		{"rule not found", fmt.Errorf("rule 9: %w", forward.ErrRuleNotFound), 404, `{"code":1001,"errorMsg":"参数格式有误","data":"规则不存在"}`},
		{"rule exists", fmt.Errorf("%w: %w", forward.ErrRuleExists, dao.ErrDuplicate), 400, `{"code":1001,"errorMsg":"参数格式有误","data":"该事件已存在转发规则"}`},
		{"rule closed", forward.ErrRuleClosed, 409, `{"code":1008,"errorMsg":"状态异常","data":"该规则未启用或类型异常"}`},
		{"delivery not found", fmt.Errorf("d 3: %w", forward.ErrDeliveryNotFound), 404, `{"code":1001,"errorMsg":"参数格式有误","data":"投递记录不存在"}`},
		{"target failed", &forward.TargetError{Status: 500, Err: errors.New("HTTP 500: boom")}, 502,
			`{"code":1010,"errorMsg":"请求错误","data":"目标服务请求失败: HTTP 500: boom"}`},
		{"batch not found", fmt.Errorf("batch 7: %w", batchrelease.ErrNotFound), 404, `{"code":1001,"errorMsg":"参数格式有误","data":"批次不存在"}`},
		{"batch wrong status", &batchrelease.StatusError{ID: 7, Status: "done", Action: "继续"}, 409,
			`{"code":1008,"errorMsg":"状态异常","data":"批次已完成，不能继续"}`},
		{"batch wrong status, unworded", fmt.Errorf("x: %w", batchrelease.ErrWrongStatus), 409,
			`{"code":1008,"errorMsg":"状态异常","data":"当前状态下不能执行此操作"}`},
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

func TestErrorLogsOnceWithTheRequestID(t *testing.T) {
	cases := []struct {
		err   error
		level zapcore.Level
	}{
		{errors.New("db down"), zapcore.ErrorLevel},
		{token.ErrLeaseBusy, zapcore.ErrorLevel},
		{fault.New(fault.Invalid, "bad"), zapcore.WarnLevel},
		{token.ErrAuthorizerRevoked, zapcore.WarnLevel},
	}
	for _, tc := range cases {
		_, logs := answer(t, tc.err)
		all := logs.All()
		if len(all) != 1 || all[0].Level != tc.level || all[0].ContextMap()["request_id"] != "req-12345678" {
			t.Fatalf("%v: logged %+v, want one %s line with the request id", tc.err, all, tc.level)
		}
		if got := all[0].ContextMap()["error"]; !strings.Contains(fmt.Sprint(got), tc.err.Error()) {
			t.Fatalf("%v: logged error %v", tc.err, got)
		}
	}
}

func TestCodeStopsTheChain(t *testing.T) {
	gin.SetMode(gin.TestMode)
	e := gin.New()
	e.GET("/", func(c *gin.Context) { respond.BadRequest(c, "no") }, func(c *gin.Context) { c.String(http.StatusOK, "reached") })
	w := httptest.NewRecorder()
	e.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/", nil))
	if w.Code != http.StatusBadRequest || w.Body.String() != `{"code":1001,"errorMsg":"参数格式有误","data":"no"}` {
		t.Fatalf("%d %s", w.Code, w.Body.String())
	}
}
