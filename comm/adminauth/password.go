// Package adminauth is the console's authentication: password hashing with a
// one-time upgrade of the original's md5 rows, the password policy, JWTs that
// a password change revokes, login throttling and the initial admin account.
package adminauth

import (
	"crypto/md5"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/crypto/bcrypt"
)

// Hasher hashes passwords with bcrypt. bcrypt's 60-character output fits the
// original `user.password VARCHAR(64)` column, so old schemas keep working.
type Hasher struct{ Cost int }

// Hash returns the bcrypt hash of password.
func (h Hasher) Hash(password string) (string, error) {
	b, err := bcrypt.GenerateFromPassword([]byte(password), h.Cost)
	if err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	return string(b), nil
}

// Verify checks password against a stored hash. legacy reports a match on an
// original md5(md5(pw)) row, which the caller must re-hash with bcrypt.
func (h Hasher) Verify(stored, password string) (ok, legacy bool) {
	if strings.HasPrefix(stored, "$2") {
		return bcrypt.CompareHashAndPassword([]byte(stored), []byte(password)) == nil, false
	}
	if len(stored) != 32 {
		return false, false
	}
	return subtle.ConstantTimeCompare([]byte(strings.ToLower(stored)), []byte(LegacyHash(password))) == 1, true
}

// LegacyHash is the original template's stored form, md5hex(md5hex(pw)); tests
// and the upgrade path use it.
func LegacyHash(password string) string { return md5hex(md5hex(password)) }

// md5hex is the lowercase hex MD5 of s.
func md5hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

// ErrWeakPassword explains why a new password was refused.
var ErrWeakPassword = errors.New("密码需为 8-64 位，且同时包含字母和数字，不能与帐号相同")

// CheckPolicy enforces the password policy on the server (the original only
// checked it in the browser): length, letters and digits, not a common password
// and not containing the account name. bcrypt ignores bytes past 72, hence the cap.
func CheckPolicy(password, username string) error {
	if len(password) < 8 || len(password) > 64 || password == username {
		return ErrWeakPassword
	}
	var letter, digit bool
	for _, r := range password {
		switch {
		case unicode.IsLetter(r):
			letter = true
		case unicode.IsDigit(r):
			digit = true
		case unicode.IsSpace(r) || unicode.IsControl(r):
			return ErrWeakPassword
		}
	}
	if !letter || !digit {
		return ErrWeakPassword
	}
	return checkGuessable(password, username)
}

// CheckUsername validates a console account name (the column is VARCHAR(32)).
func CheckUsername(username string) error {
	if username == "" || len(username) > 32 {
		return errors.New("帐号需为 1-32 个字符")
	}
	for _, r := range username {
		if !(r == '_' || r == '-' || r == '.' || r == '@' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return errors.New("帐号只能包含字母、数字和 _ - . @")
		}
	}
	return nil
}
