package respond

import (
	"errors"
	"net/http"

	"wxcomponent/api/errno"
	"wxcomponent/comm/adminauth"
	"wxcomponent/comm/batchrelease"
	"wxcomponent/comm/codemgmt"
	"wxcomponent/comm/fault"
	"wxcomponent/comm/forward"
	"wxcomponent/comm/wx/api"
	"wxcomponent/comm/wx/token"
)

// rule maps one kind of domain error to its contract code (and HTTP status) and the
// client-safe text put in `data` ("" leaves it out).
type rule struct {
	match  func(error) bool
	code   errno.Code
	detail func(error) string
}

// rules is the one table from domain errors to the envelope: tried in order, the first match
// decides. An error no rule matches is a 1002/500 whose text stays in the log.
//
// To map a new domain error, add a row here (and a case to table_test.go); domain packages never
// name codes or statuses.
var rules = []rule{
	// A missing or rejected ticket is 1007 whoever reports it (authz words it for people).
	{is(token.ErrNoTicket, token.ErrTicketStale), errno.ErrEmptyTicket, ticketDetail},

	// Failures a domain package classified (comm/fault): the outermost one decides.
	{kind(fault.Invalid), errno.ErrInvalidParam, fault.Message},
	{kind(fault.NotFound), errno.ErrInvalidParam.WithStatus(http.StatusNotFound), fault.Message},
	{kind(fault.Conflict), errno.ErrInvalidStatus, fault.Message},
	{kind(fault.Unavailable), errno.ErrSystemError.WithStatus(http.StatusServiceUnavailable), fault.Message},
	{kind(fault.Upstream), errno.ErrSystemError.WithStatus(http.StatusBadGateway), fault.Message},
	{kind(fault.Internal), errno.ErrSystemError, none},

	// The credential chain (comm/wx/token), for machine clients: English sentinel texts.
	{is(token.ErrAppIDRequired), errno.ErrInvalidParam, text("appid is required")},
	{is(token.ErrUnknownAuthorizer), errno.ErrInvalidParam.WithStatus(http.StatusNotFound), text("authorizer not found")},
	{is(tokenStateErrs...), errno.ErrInvalidStatus, sentinelText(tokenStateErrs...)},
	{is(tokenOperatorErrs...), errno.ErrSystemError.WithStatus(http.StatusServiceUnavailable), sentinelText(tokenOperatorErrs...)},

	// The console's account (comm/adminauth): its policy refusals are fault.Invalid above; a
	// throttled login (*adminauth.ThrottledError) is answered by api/admin with Retry-After.
	{is(adminauth.ErrSessionExpired), errno.ErrAuthTimeout, none},
	{is(adminauth.ErrBadToken), errno.ErrAuthTokenErr, none},
	{is(adminauth.ErrBadCredentials), errno.ErrAuthErr, sentinelText(adminauth.ErrBadCredentials)},
	{is(accountErrs...), errno.ErrUserErr, sentinelText(accountErrs...)},

	// comm/codemgmt (代开发小程序). After the token rows, so a ticket problem met on the way to
	// WeChat stays 1007; before the generic WeChat row, so a refusal shows the Chinese hint.
	{codemgmtWeChat, errno.ErrSystemError.WithStatus(http.StatusBadGateway), codemgmtWeChatText},
	{is(codemgmt.ErrInvalid), errno.ErrInvalidParam, reasonAfter(codemgmt.ErrInvalid)},
	{is(codemgmt.ErrNotManaged), errno.ErrInvalidStatus, text("该帐号不是已授权的小程序，或未授予代开发权限（权限集 18）")},
	{is(codemgmt.ErrNoAudit), errno.ErrInvalidStatus, text("没有审核中的版本")},
	{is(codemgmt.ErrNotFound), errno.ErrInvalidParam.WithStatus(http.StatusNotFound), text("请求的内容不存在")},

	// comm/batchrelease: a missing batch, an action its status refuses (worded by StatusError).
	// Its *ValidationError carries a list, so it is mapped by problems below instead.
	{is(batchrelease.ErrNotFound), errno.ErrInvalidParam.WithStatus(http.StatusNotFound), sentinelText(batchrelease.ErrNotFound)},
	{is(batchrelease.ErrWrongStatus), errno.ErrInvalidStatus, batchStatusText},

	// comm/forward (消息转发器): the contract's texts; a failed test request is 1010 with its text.
	{is(forward.ErrRuleNotFound, forward.ErrDeliveryNotFound), errno.ErrInvalidParam.WithStatus(http.StatusNotFound), sentinelText(forward.ErrRuleNotFound, forward.ErrDeliveryNotFound)},
	{is(forward.ErrRuleExists), errno.ErrInvalidParam, sentinelText(forward.ErrRuleExists)},
	{is(forward.ErrRuleClosed, forward.ErrKeyUnreadable), errno.ErrInvalidStatus, sentinelText(forward.ErrRuleClosed, forward.ErrKeyUnreadable)},
	{isTargetError, errno.ErrRequestErr, targetErrorText},

	// WeChat's own refusal, as "errcode N: errmsg".
	{func(err error) bool { return api.PublicText(err) != "" }, errno.ErrSystemError.WithStatus(http.StatusBadGateway), api.PublicText},
}

// Groups of token sentinels sharing one envelope.
var (
	tokenStateErrs    = []error{token.ErrAuthorizerRevoked, token.ErrNoRefreshToken, token.ErrRefreshTokenInvalid}
	tokenOperatorErrs = []error{token.ErrNoAppSecret, token.ErrRefreshStorm, token.ErrLeaseBusy}
	accountErrs       = []error{adminauth.ErrWrongOldPassword, adminauth.ErrWrongPassword, adminauth.ErrUsernameTaken}
)

// classify finds err's code and client-safe detail.
func classify(err error) (errno.Code, any) {
	if code, data, ok := problems(err); ok {
		return code, data
	}
	for _, r := range rules {
		if r.match(err) {
			if d := r.detail(err); d != "" {
				return r.code, d
			}
			return r.code, nil
		}
	}
	return errno.ErrSystemError, nil
}

// is matches errors wrapping any of the sentinels.
func is(sentinels ...error) func(error) bool {
	return func(err error) bool {
		for _, s := range sentinels {
			if errors.Is(err, s) {
				return true
			}
		}
		return false
	}
}

// kind matches errors whose outermost classified failure is of kind k.
func kind(k fault.Kind) func(error) bool {
	return func(err error) bool { return fault.Is(err, k) }
}

// text is a fixed detail.
func text(s string) func(error) string { return func(error) string { return s } }

// none sends no detail.
func none(error) string { return "" }

// sentinelText is the text of the first of the sentinels in err's chain; sentinel texts never
// carry internal detail (unlike the wrapping around them).
func sentinelText(sentinels ...error) func(error) string {
	return func(err error) string {
		for _, s := range sentinels {
			if errors.Is(err, s) {
				return s.Error()
			}
		}
		return ""
	}
}

// ticketDetail explains a ticket problem: in the words of whoever classified it, else plainly.
func ticketDetail(err error) string {
	if msg := fault.Message(err); msg != "" {
		return msg
	}
	if errors.Is(err, token.ErrTicketStale) {
		if txt := api.PublicText(err); txt != "" {
			return "ticket rejected by WeChat: " + txt
		}
	}
	return "no component_verify_ticket received in the last 12 hours"
}

// problems maps the domain errors whose `data` is a list of problems (one string each) rather
// than one text: comm/batchrelease's validation of a batch spec, so the console lists them all.
func problems(err error) (errno.Code, any, bool) {
	var v *batchrelease.ValidationError
	if errors.As(err, &v) {
		return errno.ErrInvalidParam, v.Problems, true
	}
	return errno.Code{}, nil, false
}

// batchStatusText is a refused batch action in the operator's words.
func batchStatusText(err error) string {
	var se *batchrelease.StatusError
	if errors.As(err, &se) {
		return se.Error()
	}
	return batchrelease.ErrWrongStatus.Error()
}

// isTargetError matches a forwarding test request the business service failed.
func isTargetError(err error) bool {
	var t *forward.TargetError
	return errors.As(err, &t)
}

// targetErrorText is what the target did (its status and answer, or the transport error): the
// operator's own service, so its words are theirs to see.
func targetErrorText(err error) string {
	var t *forward.TargetError
	if errors.As(err, &t) {
		return t.Error()
	}
	return ""
}
