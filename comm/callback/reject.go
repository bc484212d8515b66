package callback

import (
	"errors"
	"net/http"
)

// Rejection is a push refused before anything was stored or processed. Reason is safe to log
// and to show: it never contains signatures, keys or message content.
type Rejection struct {
	Reason string
	// Status is the HTTP status to answer: 401 for anything unauthenticated, 400 for a
	// verification echo without echostr. An authentic push is never rejected: content that
	// does not parse is stored raw instead.
	Status int
	// Misconfigured marks rejections caused by our own missing or invalid settings; they deserve
	// an error-level log line because every push will fail until an operator acts.
	Misconfigured bool
	Cause         error
}

// Error describes the rejection; the cause may name the failing check but never a secret.
func (r *Rejection) Error() string {
	if r.Cause != nil {
		return "push rejected: " + r.Reason + ": " + r.Cause.Error()
	}
	return "push rejected: " + r.Reason
}

// Unwrap exposes the cause to errors.Is/As.
func (r *Rejection) Unwrap() error { return r.Cause }

// AsRejection finds a Rejection in err's chain.
func AsRejection(err error) (*Rejection, bool) {
	var r *Rejection
	ok := errors.As(err, &r)
	return r, ok
}

func unauthorized(reason string, cause error) *Rejection {
	return &Rejection{Reason: reason, Status: http.StatusUnauthorized, Cause: cause}
}

func badRequest(reason string, cause error) *Rejection {
	return &Rejection{Reason: reason, Status: http.StatusBadRequest, Cause: cause}
}

func misconfigured(reason string, cause error) *Rejection {
	return &Rejection{Reason: reason, Status: http.StatusUnauthorized, Misconfigured: true, Cause: cause}
}
