// Package fault lets domain packages say what kind of failure an error is, and what the client
// may be told about it, without knowing the HTTP contract. api/respond maps each Kind to a
// contract code and HTTP status; failures specific to one domain (a missing ticket, a bad
// password) are that package's sentinel errors instead, mapped by the same table.
package fault

import "errors"

// Kind is what sort of failure an error is.
type Kind uint8

// The kinds of failure, in domain terms.
const (
	// Internal: nothing the client can act on; its text is never sent.
	Internal Kind = iota
	// Invalid: the request breaks a rule; Msg says which.
	Invalid
	// NotFound: the thing asked about does not exist.
	NotFound
	// Conflict: the thing's current state forbids the request.
	Conflict
	// Unavailable: the service cannot do it until an operator acts (configuration missing).
	Unavailable
	// Upstream: WeChat refused the request or could not be reached.
	Upstream
)

// Error is a classified failure: Msg is safe to show the client (it may be empty), Err is the
// cause, kept for errors.Is/As and the log.
type Error struct {
	Kind Kind
	Msg  string
	Err  error
}

// New makes a failure without a cause.
func New(k Kind, msg string) *Error { return &Error{Kind: k, Msg: msg} }

// Wrap classifies cause; msg is the client-safe text (may be empty).
func Wrap(k Kind, cause error, msg string) *Error { return &Error{Kind: k, Msg: msg, Err: cause} }

// Error joins the message and the cause.
func (e *Error) Error() string {
	switch {
	case e.Err == nil:
		return e.Msg
	case e.Msg == "":
		return e.Err.Error()
	}
	return e.Msg + ": " + e.Err.Error()
}

// Unwrap exposes the cause to errors.Is/As.
func (e *Error) Unwrap() error { return e.Err }

// As returns the outermost classified failure in err's chain.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// Is tells whether the outermost classified failure in err's chain is of kind k.
func Is(err error, k Kind) bool {
	e, ok := As(err)
	return ok && e.Kind == k
}

// Message is the client-safe text of the outermost classified failure, or "".
func Message(err error) string {
	if e, ok := As(err); ok {
		return e.Msg
	}
	return ""
}
