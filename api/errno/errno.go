// Package errno is the contract's table of response codes (api-contract.md §2): each code with
// its exact message and the HTTP status it travels with. It is pure data for the edge — only
// api/ and middleware/ import it; domain packages return their own errors and api/respond maps
// them onto these codes.
package errno

import "net/http"

// Code is one contract error code with its fixed message and the HTTP status it travels with.
type Code struct {
	Code   int
	Msg    string
	Status int
}

// The contract's codes (api-contract.md §2); messages are exact.
var (
	OK                    = Code{0, "OK", http.StatusOK}
	ErrNotAuthorized      = Code{1000, "访问未授权", http.StatusUnauthorized}
	ErrInvalidParam       = Code{1001, "参数格式有误", http.StatusBadRequest}
	ErrSystemError        = Code{1002, "系统错误", http.StatusInternalServerError}
	ErrAuthTimeout        = Code{1003, "登录超时", http.StatusUnauthorized}
	ErrAuthTokenErr       = Code{1004, "Token错误", http.StatusUnauthorized}
	ErrUserErr            = Code{1005, "用户更新错误", http.StatusBadRequest}
	ErrAuthErr            = Code{1006, "登录失败", http.StatusUnauthorized}
	ErrEmptyTicket        = Code{1007, "Ticket为空", http.StatusServiceUnavailable}
	ErrInvalidStatus      = Code{1008, "状态异常", http.StatusConflict}
	ErrInvalidType        = Code{1009, "类型错误", http.StatusBadRequest}
	ErrRequestErr         = Code{1010, "请求错误", http.StatusBadGateway}
	ErrAuthErrExceedLimit = Code{1011, "登录失败次数超过限制", http.StatusTooManyRequests}
)

// WithStatus returns a copy of the code travelling with another HTTP status
// (for example 1001 as 404 for a missing resource, or 1002 as 502 for WeChat errors).
func (c Code) WithStatus(status int) Code { c.Status = status; return c }
