package codemgmt

import (
	"errors"
	"fmt"
	"net"

	"wxcomponent/comm/wx/api"
)

// Errors the HTTP layer tells apart (errors.Is).
var (
	// ErrInvalid is bad input: the request would be refused by WeChat or makes no sense.
	ErrInvalid = errors.New("invalid request")
	// ErrNotManaged means the account is unknown, revoked, or did not grant permission set 18.
	ErrNotManaged = errors.New("account is not an authorized mini program with code management (permission set 18)")
	// ErrNoAudit means the action needs an audit that is not there (speed-up without one).
	ErrNoAudit = errors.New("no audit to act on")
	// ErrNotFound means a stored item (a screenshot of another account) does not exist.
	ErrNotFound = errors.New("not found")
)

// msgNoReach is the hint of a failure to reach WeChat at all.
const msgNoReach = "无法访问微信接口，请检查网络后稍后再试"

// WeChatError is a failed WeChat call: Code is the errcode (0 when WeChat was not reached or
// answered an HTTP error), Hint the operator's explanation in Chinese (api.ErrorHint), Public the
// client-safe text ("errcode N: errmsg"). The cause stays attached for the log.
type WeChatError struct {
	Op     string // what the service tried, e.g. "submit audit"
	Code   int64
	Hint   string
	Public string
	Err    error
}

// Error names the operation and the cause.
func (e *WeChatError) Error() string { return e.Op + ": " + e.Err.Error() }

// Unwrap exposes the *api.Error (or transport error) underneath.
func (e *WeChatError) Unwrap() error { return e.Err }

// Message is the text to show an operator: the hint with the errcode, or WeChat's own text.
func (e *WeChatError) Message() string {
	switch {
	case e.Hint != "" && e.Code != 0:
		return fmt.Sprintf("%s（errcode %d）", e.Hint, e.Code)
	case e.Hint != "":
		return e.Hint
	}
	return "微信接口返回错误：" + e.Public
}

// wxErr classifies err from a WeChat call made for op: an errcode, an HTTP status or a network
// failure becomes a *WeChatError; anything else (no ticket, no AppSecret, a cancelled context)
// is wrapped as it is, so errors.Is still finds the token manager's sentinels.
func wxErr(op string, err error) error {
	if err == nil {
		return nil
	}
	if code := api.ErrCode(err); code != 0 {
		return &WeChatError{Op: op, Code: code, Hint: api.ErrorHint(err), Public: api.PublicText(err), Err: err}
	}
	var netErr net.Error
	if pub := api.PublicText(err); pub != "" || errors.As(err, &netErr) {
		return &WeChatError{Op: op, Hint: msgNoReach, Public: pub, Err: err}
	}
	return fmt.Errorf("%s: %w", op, err)
}

// invalid wraps a validation failure with ErrInvalid.
func invalid(op string, err error) error {
	return fmt.Errorf("%s: %w: %v", op, ErrInvalid, err)
}
