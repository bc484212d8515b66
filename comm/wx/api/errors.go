package api

import (
	"errors"
	"fmt"
	"regexp"
)

// Error is a WeChat error answer: errcode other than 0.
type Error struct {
	Path string // API path, without host or query
	Code int64
	Msg  string // errmsg as WeChat sent it
	RID  string // WeChat's request id from errmsg, for support tickets
}

// Error never contains a token: the path has no query string.
func (e *Error) Error() string {
	return fmt.Sprintf("wechat %s: errcode %d: %s", e.Path, e.Code, e.Msg)
}

// Public is the client-safe text of the error ("errcode N: errmsg").
func (e *Error) Public() string { return fmt.Sprintf("errcode %d: %s", e.Code, e.Msg) }

// StatusError is a non-200 HTTP answer (WeChat answers 200 even on errors, so
// this means a proxy, gateway or the network in between failed).
type StatusError struct {
	Path   string
	Status int
}

// Error names the path and the status.
func (e *StatusError) Error() string {
	return fmt.Sprintf("wechat %s: http status %d", e.Path, e.Status)
}

// Public is the client-safe text of the error.
func (e *StatusError) Public() string { return fmt.Sprintf("http status %d", e.Status) }

// Codes WeChat uses for a rejected access token; a refresh and one retry heal them.
const (
	CodeInvalidCredential  = 40001
	CodeInvalidAccessToken = 40014
	CodeAccessTokenExpired = 42001
	CodeTicketExpired      = 61005
	CodeTicketInvalid      = 61006
	CodeNotAuthorized      = 61003
	CodeRefreshTokenBad    = 61023
	CodeQuotaExceeded      = 45009
)

// ErrCode returns the WeChat errcode in err's chain, or 0.
func ErrCode(err error) int64 {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return 0
}

// IsCode tells whether err carries one of the WeChat errcodes.
func IsCode(err error, codes ...int64) bool {
	c := ErrCode(err)
	for _, want := range codes {
		if c != 0 && c == want {
			return true
		}
	}
	return false
}

// isTokenRejected tells whether WeChat rejected the access token itself.
func isTokenRejected(err error) bool {
	return IsCode(err, CodeInvalidCredential, CodeInvalidAccessToken, CodeAccessTokenExpired)
}

// PublicText returns a client-safe description of a WeChat failure, or "".
func PublicText(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Public()
	}
	var s *StatusError
	if errors.As(err, &s) {
		return s.Public()
	}
	return ""
}

var ridRe = regexp.MustCompile(`(?:rid:\s*|hint:\s*\[)([0-9A-Za-z_-]+)`)

// parseRID extracts WeChat's request id from an errmsg.
func parseRID(msg string) string {
	if m := ridRe.FindStringSubmatch(msg); m != nil {
		return m[1]
	}
	return ""
}
