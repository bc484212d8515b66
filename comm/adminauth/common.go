package adminauth

import (
	_ "embed" // the common-password list
	"errors"
	"strings"
	"sync"
)

//go:embed common_passwords.txt
var commonPasswordsText string

// Reasons a password is refused beyond the length and character rules.
var (
	ErrCommonPassword      = errors.New("密码过于常见，容易被猜中，请换一个")
	ErrPasswordHasUsername = errors.New("密码不能包含帐号名")
)

// commonPasswords parses the embedded list once; it is read-only afterwards.
var commonPasswords = sync.OnceValue(func() map[string]bool {
	set := map[string]bool{}
	for _, line := range strings.Split(commonPasswordsText, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			set[strings.ToLower(line)] = true
		}
	}
	return set
})

// checkGuessable refuses passwords an attacker tries first: the common-password
// list (case-insensitive, so "Admin123" counts) and any password containing the
// account name. Names shorter than 3 characters are only refused verbatim, or
// every password containing that letter would be.
func checkGuessable(password, username string) error {
	pw, name := strings.ToLower(password), strings.ToLower(username)
	if commonPasswords()[pw] {
		return ErrCommonPassword
	}
	if name != "" && (pw == name || (len(name) >= 3 && strings.Contains(pw, name))) {
		return ErrPasswordHasUsername
	}
	return nil
}
