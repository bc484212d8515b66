package adminauth

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.uber.org/zap"

	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// ThrottledError carries how long the client must wait. Busy says the refusal
// is about load (hashing saturated, a login from the source still running), not
// about failed attempts.
type ThrottledError struct {
	RetryAfter time.Duration
	Busy       bool
}

// Error says how long logins are throttled.
func (e *ThrottledError) Error() string { return fmt.Sprintf("login throttled for %s", e.RetryAfter) }

// Login checks credentials under the throttle; a legacy md5 row is upgraded.
func (s *Service) Login(ctx context.Context, ip, username, password string) (*Session, error) {
	src := SourceKey(ip)
	if !s.inflight.enter(src) {
		return nil, &ThrottledError{RetryAfter: busyRetry, Busy: true}
	}
	defer s.inflight.leave(src)
	wait, failed, err := s.throttle.Check(ctx, ip, username)
	if err != nil {
		return nil, fmt.Errorf("check login throttle: %w", err)
	}
	if wait > 0 {
		return nil, &ThrottledError{RetryAfter: wait}
	}
	u, legacy, err := s.checkCredentials(ctx, username, password, !failed)
	if err != nil {
		return nil, err
	}
	if u == nil {
		// Recorded even if the client hung up meanwhile: the guess was made.
		if ferr := s.throttle.Fail(context.WithoutCancel(ctx), ip, username); ferr != nil {
			return nil, fmt.Errorf("record failed login: %w", ferr)
		}
		return nil, ErrBadCredentials
	}
	if legacy {
		s.upgradeLegacyHash(ctx, u, password)
	}
	if err := s.throttle.Succeed(ctx, ip, username); err != nil {
		s.log.Warn("clear login failures", zap.Error(err))
	}
	return s.session(u)
}

// checkCredentials returns the user when the password matches, nil when not.
// Only a source without recent failures may queue for a hashing slot (queue):
// during a flood the queue belongs to sources such as the owner's, and the
// others are refused as busy unless a slot happens to be free.
func (s *Service) checkCredentials(ctx context.Context, username, password string, queue bool) (*model.User, bool, error) {
	u, err := s.users.GetUserByName(ctx, username)
	stored := ""
	switch {
	case err == nil:
		stored = u.Password
	case errors.Is(err, dao.ErrNotFound):
		// Spend the same bcrypt time as for a real account, so response
		// times do not tell which usernames exist.
		stored = s.dummyHash()
	default:
		return nil, false, fmt.Errorf("load user for login: %w", err)
	}
	var ok, legacy bool
	check := func() { ok, legacy = s.hasher.Verify(stored, password) }
	if queue {
		err = s.gate.Do(ctx, check)
	} else {
		err = s.gate.TryDo(check)
	}
	if err != nil {
		return nil, false, s.gateErr(err)
	}
	if !ok || u == nil {
		return nil, false, nil
	}
	return u, legacy, nil
}

// busyRetry is the Retry-After of a login refused because hashing is saturated
// or another login from the same source is still running.
const busyRetry = time.Second

// verify checks a password inside the hashing gate.
func (s *Service) verify(ctx context.Context, stored, password string) (ok, legacy bool, err error) {
	err = s.gate.Do(ctx, func() { ok, legacy = s.hasher.Verify(stored, password) })
	return ok, legacy, s.gateErr(err)
}

// hash hashes a password inside the hashing gate.
func (s *Service) hash(ctx context.Context, password string) (h string, err error) {
	if gerr := s.gate.Do(ctx, func() { h, err = s.hasher.Hash(password) }); gerr != nil {
		return "", s.gateErr(gerr)
	}
	if err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	return h, nil
}

// gateErr maps a full gate to a busy refusal and anything else (a cancelled request) to a system error.
func (s *Service) gateErr(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrBusy):
		return &ThrottledError{RetryAfter: busyRetry, Busy: true}
	default:
		return fmt.Errorf("password hashing: %w", err)
	}
}
