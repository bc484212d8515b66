package adminauth

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"go.uber.org/zap"

	"wxcomponent/comm/fault"
	"wxcomponent/comm/randid"
	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// UserStore is what the service needs from the database.
type UserStore interface {
	CountUsers(ctx context.Context) (int64, error)
	GetUserByName(ctx context.Context, username string) (*model.User, error)
	GetUserByID(ctx context.Context, id int) (*model.User, error)
	CreateUser(ctx context.Context, u *model.User) error
	UpdateUserPassword(ctx context.Context, id int, hash string, bumpTokens bool) error
	RenameUser(ctx context.Context, id int, username string) error
	RevokeToken(ctx context.Context, id string, until time.Time) error
	TokenRevoked(ctx context.Context, id string) (bool, error)
	PruneRevokedTokens(ctx context.Context, before time.Time) error
}

// Service performs logins and account changes.
type Service struct {
	users    UserStore
	hasher   Hasher
	tokens   *Tokens
	throttle *Throttle
	gate     *HashGate
	inflight inflight
	log      *zap.Logger
	dummy    sync.Once
	dummyPW  string
}

// dummyHash is a bcrypt hash at the configured cost that no password matches.
func (s *Service) dummyHash() string {
	s.dummy.Do(func() {
		s.dummyPW, _ = s.hasher.Hash(randomPassword())
	})
	return s.dummyPW
}

// NewService wires the pieces together; gate caps concurrent hashing (see HashGate).
func NewService(users UserStore, hasher Hasher, tokens *Tokens, throttle *Throttle, gate *HashGate, log *zap.Logger) *Service {
	return &Service{users: users, hasher: hasher, tokens: tokens, throttle: throttle, gate: gate, log: log}
}

// Session is what a successful login or refresh returns.
type Session struct {
	JWT                string    `json:"jwt"`
	ExpiresAt          time.Time `json:"-"`
	Username           string    `json:"username"`
	MustChangePassword bool      `json:"mustChangePassword"`
}

// upgradeLegacyHash re-hashes a password that just matched an original md5 row with bcrypt.
func (s *Service) upgradeLegacyHash(ctx context.Context, u *model.User, password string) {
	hash, err := s.hash(ctx, password)
	if err == nil {
		err = s.users.UpdateUserPassword(ctx, u.ID, hash, false)
	}
	if err != nil {
		// The login itself is fine; the upgrade is retried at the next login.
		s.log.Warn("upgrade legacy password hash", zap.Int("user_id", u.ID), zap.Error(err))
		return
	}
	u.MustChangePwd = false
	s.log.Info("upgraded legacy md5 password hash to bcrypt", zap.Int("user_id", u.ID))
}

// session signs a JWT for u carrying its current token version.
func (s *Service) session(u *model.User) (*Session, error) {
	tok, exp, err := s.tokens.Sign(u.ID, u.Username, u.TokenVersion, randid.Hex(16))
	if err != nil {
		return nil, fmt.Errorf("sign session token: %w", err)
	}
	return &Session{JWT: tok, ExpiresAt: exp, Username: u.Username, MustChangePassword: u.MustChangePwd}, nil
}

// Authenticate verifies a JWT and that its user still exists with the same
// token version (a password change or rename revokes older tokens).
func (s *Service) Authenticate(ctx context.Context, token string) (*model.User, error) {
	claims, err := s.tokens.Parse(token)
	if errors.Is(err, ErrExpired) {
		return nil, reject(ErrSessionExpired, err)
	}
	if err != nil {
		return nil, reject(ErrBadToken, err)
	}
	id, err := claims.UserID()
	if err != nil {
		return nil, reject(ErrBadToken, err)
	}
	u, err := s.users.GetUserByID(ctx, id)
	if errors.Is(err, dao.ErrNotFound) {
		return nil, reject(ErrBadToken, err)
	} else if err != nil {
		return nil, fmt.Errorf("load token user %d: %w", id, err)
	}
	if u.TokenVersion != claims.TokenVersion {
		return nil, fmt.Errorf("%w: revoked by a password or username change", ErrBadToken)
	}
	if claims.SessionID != "" {
		revoked, err := s.users.TokenRevoked(ctx, claims.SessionID)
		if err != nil {
			return nil, fmt.Errorf("check token revocation: %w", err)
		}
		if revoked {
			return nil, fmt.Errorf("%w: revoked by logout", ErrBadToken)
		}
	}
	return u, nil
}

// Refresh issues a new token for an authenticated user.
func (s *Service) Refresh(u *model.User) (*Session, error) { return s.session(u) }

// ChangePassword checks the old password and the policy, stores the new hash
// and revokes older tokens. It returns a fresh session for the caller.
func (s *Service) ChangePassword(ctx context.Context, u *model.User, oldPassword, newPassword string) (*Session, error) {
	if ok, _, err := s.verify(ctx, u.Password, oldPassword); err != nil {
		return nil, err
	} else if !ok {
		return nil, ErrWrongOldPassword
	}
	if newPassword == oldPassword {
		return nil, fault.New(fault.Invalid, "新密码不能与旧密码相同")
	}
	if err := CheckPolicy(newPassword, u.Username); err != nil {
		return nil, fault.Wrap(fault.Invalid, err, err.Error())
	}
	hash, err := s.hash(ctx, newPassword)
	if err != nil {
		return nil, err
	}
	if err := s.users.UpdateUserPassword(ctx, u.ID, hash, true); err != nil {
		return nil, fmt.Errorf("store new password of user %d: %w", u.ID, err)
	}
	return s.reload(ctx, u.ID)
}

// Rename changes the username after checking the current password (a stolen
// session alone must not be enough to take over the account); older tokens
// are revoked.
func (s *Service) Rename(ctx context.Context, u *model.User, username, password string) (*Session, error) {
	if ok, _, err := s.verify(ctx, u.Password, password); err != nil {
		return nil, err
	} else if !ok {
		return nil, ErrWrongPassword
	}
	if err := CheckUsername(username); err != nil {
		return nil, fault.Wrap(fault.Invalid, err, err.Error())
	}
	if err := s.users.RenameUser(ctx, u.ID, username); errors.Is(err, dao.ErrDuplicate) {
		return nil, reject(ErrUsernameTaken, err)
	} else if err != nil {
		return nil, fmt.Errorf("rename user %d: %w", u.ID, err)
	}
	return s.reload(ctx, u.ID)
}

// reload issues a session from the stored row, so it carries the version an update just bumped.
func (s *Service) reload(ctx context.Context, id int) (*Session, error) {
	u, err := s.users.GetUserByID(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("reload user %d: %w", id, err)
	}
	return s.session(u)
}

// randomPassword generates the first admin's password. Hex alone might lack a letter or a
// digit, which the password policy requires; the prefix guarantees both.
func randomPassword() string { return "Wx1" + randid.Hex(9) }
