// Package fileperm keeps the service's local files (SQLite database, secret key, data
// directory) private to the user the service runs as.
package fileperm

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// Tighten restricts an existing file to mode (e.g. 0600) when it grants more, and tells
// whether it had to; a missing file is left alone. Files written by older releases, or
// copied in with a permissive umask, get fixed at start instead of staying readable by
// every local user.
func Tighten(path string, mode fs.FileMode) (bool, error) {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("check permissions of %s: %w", path, err)
	}
	if info.Mode().Perm()&^mode == 0 {
		return false, nil
	}
	if err := os.Chmod(path, mode); err != nil {
		return false, fmt.Errorf("restrict permissions of %s: %w", path, err)
	}
	return true, nil
}

// OpenToOthers tells whether an existing path grants any access to users other than its
// owner (group or world bits); a missing path is not.
func OpenToOthers(path string) (bool, error) {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("check permissions of %s: %w", path, err)
	}
	return info.Mode().Perm()&0o077 != 0, nil
}
