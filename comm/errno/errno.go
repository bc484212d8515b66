// Package errno is the legacy copy of the contract codes that comm/adminauth still builds its
// errors with; api/respond/legacy.go carries them over to the envelope.
//
// Deprecated: the contract's codes live in api/errno and domain packages return sentinel or
// comm/fault errors mapped by api/respond. Delete this package once comm/adminauth does too.
package errno

import (
	"errors"
	"net/http"
)

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

// Error is an error that carries a contract code, an optional client-safe
// detail (put in `data`) and the wrapped cause (logged, never sent on a 5xx).
type Error struct {
	Code   Code
	Detail any
	Cause  error
}

func (e *Error) Error() string {
	msg := e.Code.Msg
	if s, ok := e.Detail.(string); ok && s != "" {
		msg += ": " + s
	}
	if e.Cause != nil {
		msg += ": " + e.Cause.Error()
	}
	return msg
}

// Unwrap exposes the cause to errors.Is/As.
func (e *Error) Unwrap() error { return e.Cause }

// New makes an error with a client-visible detail.
func New(c Code, detail any) *Error { return &Error{Code: c, Detail: detail} }

// Wrap makes an error around a cause; detail may be nil.
func Wrap(c Code, cause error, detail any) *Error {
	return &Error{Code: c, Detail: detail, Cause: cause}
}

// From finds the contract error in err's chain; anything else is a system error.
func From(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Code: ErrSystemError, Cause: err}
}
