package adminauth

import (
	"errors"
	"fmt"
)

// The account failures a client can act on. api/respond maps each to its contract code; the
// texts of those with a client-visible explanation are sent as they are, so they are the
// console's words.
var (
	// ErrBadCredentials: the username or password of a login is wrong (which one is not said).
	ErrBadCredentials = errors.New("帐号或密码错误")
	// ErrSessionExpired: the token was valid but has expired; the console logs in again.
	ErrSessionExpired = errors.New("session expired")
	// ErrBadToken: the token is malformed, forged, revoked, or its user is gone.
	ErrBadToken = errors.New("invalid token")
	// ErrWrongOldPassword: a password change named the wrong current password.
	ErrWrongOldPassword = errors.New("旧密码错误")
	// ErrWrongPassword: a rename named the wrong current password.
	ErrWrongPassword = errors.New("密码错误")
	// ErrUsernameTaken: a rename chose the name of another account.
	ErrUsernameTaken = errors.New("该帐号已存在")
)

// reject wraps cause (kept for the log) under the client-facing sentinel.
func reject(sentinel, cause error) error { return fmt.Errorf("%w: %w", sentinel, cause) }
