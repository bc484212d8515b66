package db

import (
	"fmt"
	"os"
	"path/filepath"

	"go.uber.org/zap"

	"wxcomponent/comm/fileperm"
)

// prepareSQLiteFile creates the database's directory (0700) and the empty database file
// (0600) before SQLite opens it: SQLite would create the file with the umask's mode,
// usually world-readable, and it gives the -wal and -shm files the mode of the main file.
// Files left readable by others (older releases, a copied backup) are restricted to the
// owner, with a warning.
func prepareSQLiteFile(path string, log *zap.Logger) error {
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return fmt.Errorf("create SQLite directory %s: %w", dir, err)
		}
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("create SQLite file %s: %w", path, err)
	}
	_ = f.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		changed, err := fileperm.Tighten(p, 0o600)
		if err != nil {
			return err
		}
		if changed && log != nil {
			log.Warn("the SQLite file was readable by other users; restricted it to the owner (0600)", zap.String("file", p))
		}
	}
	return nil
}
