package token

import (
	"errors"
	"net/http"

	"wxcomponent/comm/errno"
	"wxcomponent/comm/wx/api"
)

// Errors of the credential chain; handlers map them with ErrnoFor.
var (
	// ErrNoTicket: no component_verify_ticket received in the last 12 hours.
	ErrNoTicket = errors.New("no usable component_verify_ticket")
	// ErrTicketStale: WeChat rejected the newest ticket (61005/61006).
	ErrTicketStale = errors.New("component_verify_ticket is stale: WeChat rejected it; waiting for a new push")
	// ErrNoAppSecret: neither WX_APPSECRET nor a console value is set.
	ErrNoAppSecret = errors.New("AppSecret is not configured: set WX_APPSECRET or save it in the console")
	// ErrAppIDRequired: an authorizer token was asked for without an appid.
	ErrAppIDRequired = errors.New("authorizer appid is required")
	// ErrUnknownAuthorizer: the appid never authorized the platform.
	ErrUnknownAuthorizer = errors.New("authorizer has not authorized the platform")
	// ErrAuthorizerRevoked: the account withdrew its authorization (61003).
	ErrAuthorizerRevoked = errors.New("authorizer revoked its authorization")
	// ErrNoRefreshToken: the authorizer row has no refresh token.
	ErrNoRefreshToken = errors.New("authorizer has no refresh token: pull the authorizer list or authorize again")
	// ErrRefreshTokenInvalid: WeChat rejected the refresh token (61023).
	ErrRefreshTokenInvalid = errors.New("authorizer refresh token is invalid: pull the authorizer list or authorize again")
	// ErrRefreshStorm: too many refreshes of one token this hour; refused
	// before WeChat's daily quota (45009) is burnt.
	ErrRefreshStorm = errors.New("refresh storm guard: too many refreshes of this token in the last hour")
	// ErrLeaseBusy: another instance held the refresh lease for too long.
	ErrLeaseBusy = errors.New("another instance is refreshing this token; retry shortly")
)

// ErrnoFor maps a credential error to the contract envelope: 1007 when no
// usable ticket, 1001 for a bad request, 1008 for an authorizer in the wrong
// state, 1002 as HTTP 502 with the client-safe "errcode N: errmsg" for WeChat
// errors, 1002 as 503 for conditions an operator must fix.
func ErrnoFor(err error) error {
	switch {
	case errors.Is(err, ErrNoTicket), errors.Is(err, ErrTicketStale):
		return errno.Wrap(errno.ErrEmptyTicket, err, ticketDetail(err))
	case errors.Is(err, ErrAppIDRequired):
		return errno.Wrap(errno.ErrInvalidParam, err, "appid is required")
	case errors.Is(err, ErrUnknownAuthorizer):
		return errno.Wrap(errno.ErrInvalidParam.WithStatus(http.StatusNotFound), err, "authorizer not found")
	case errors.Is(err, ErrAuthorizerRevoked), errors.Is(err, ErrNoRefreshToken), errors.Is(err, ErrRefreshTokenInvalid):
		return errno.Wrap(errno.ErrInvalidStatus, err, sentinelText(err))
	case errors.Is(err, ErrNoAppSecret), errors.Is(err, ErrRefreshStorm), errors.Is(err, ErrLeaseBusy):
		return errno.Wrap(errno.ErrSystemError.WithStatus(http.StatusServiceUnavailable), err, sentinelText(err))
	}
	if txt := api.PublicText(err); txt != "" {
		return errno.Wrap(errno.ErrSystemError.WithStatus(http.StatusBadGateway), err, txt)
	}
	return errno.Wrap(errno.ErrSystemError, err, nil)
}

// ticketDetail is the client-safe detail of a ticket problem.
func ticketDetail(err error) string {
	if errors.Is(err, ErrTicketStale) {
		if txt := api.PublicText(err); txt != "" {
			return "ticket rejected by WeChat: " + txt
		}
	}
	return "no component_verify_ticket received in the last 12 hours"
}

// sentinelText returns the text of the first sentinel in err's chain, which
// never carries internal detail.
func sentinelText(err error) string {
	for _, s := range []error{ErrAuthorizerRevoked, ErrNoRefreshToken, ErrRefreshTokenInvalid, ErrNoAppSecret, ErrRefreshStorm, ErrLeaseBusy} {
		if errors.Is(err, s) {
			return s.Error()
		}
	}
	return ""
}
