package token

import "errors"

// Errors of the credential chain. Their texts never carry internal detail, so api/respond may
// show them to the client; it maps each to a contract code and HTTP status.
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
