package secretbox

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// KeyFileName is the file, inside the data directory, that holds the
// generated key when SECRET_KEY is not set.
const KeyFileName = "secret.key"

// Load returns the Box for the deployment. A non-empty secretKeyB64 (the
// SECRET_KEY setting) must be the standard base64 of exactly 32 bytes. Without
// it the key is read from <dataDir>/secret.key, which is generated (mode 0600)
// on first use. Several instances sharing one database must share the key, so
// they must all be given the same SECRET_KEY.
func Load(secretKeyB64, dataDir string) (*Box, error) {
	if strings.TrimSpace(secretKeyB64) != "" {
		key, err := decodeKey(secretKeyB64)
		if err != nil {
			return nil, fmt.Errorf("SECRET_KEY: %w", err)
		}
		return New(key)
	}
	key, err := loadOrCreateKeyFile(filepath.Join(dataDir, KeyFileName))
	if err != nil {
		return nil, err
	}
	return New(key)
}

// GenerateKey returns a new random key in the SECRET_KEY format.
func GenerateKey() (string, error) {
	key := make([]byte, KeySize)
	if _, err := rand.Read(key); err != nil {
		return "", fmt.Errorf("generate key: %w", err)
	}
	return base64.StdEncoding.EncodeToString(key), nil
}

// decodeKey accepts only standard base64 (padding optional) of 32 bytes, so a
// passphrase or hex string is rejected rather than silently weakened.
func decodeKey(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	key, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		key, err = base64.RawStdEncoding.DecodeString(s)
	}
	if err != nil {
		return nil, errors.New("must be standard base64 of 32 random bytes (generate one with: openssl rand -base64 32)")
	}
	if len(key) != KeySize {
		return nil, fmt.Errorf("must decode to %d bytes, got %d (generate one with: openssl rand -base64 32)", KeySize, len(key))
	}
	return key, nil
}

// loadOrCreateKeyFile reads the key file, creating it first when absent.
func loadOrCreateKeyFile(path string) ([]byte, error) {
	key, err := readKeyFile(path)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return key, err
	}
	if err := createKeyFile(path); err != nil {
		return nil, err
	}
	return readKeyFile(path)
}

// readKeyFile reads and validates an existing key file.
func readKeyFile(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read key file %s: %w", path, err)
	}
	key, err := decodeKey(string(b))
	if err != nil {
		return nil, fmt.Errorf("key file %s: %w", path, err)
	}
	return key, nil
}

// createKeyFile writes a fresh key to a temporary file and links it into
// place: the link fails if another process won the race, in which case its
// key is kept, so two processes starting together still agree on one key.
func createKeyFile(path string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create data directory %s: %w", dir, err)
	}
	tmp, err := writeTempKey(dir)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	if err := os.Link(tmp, path); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("install key file %s: %w", path, err)
	}
	return nil
}

// writeTempKey writes a new key to a 0600 temporary file in dir and syncs it.
func writeTempKey(dir string) (string, error) {
	key, err := GenerateKey()
	if err != nil {
		return "", err
	}
	f, err := os.CreateTemp(dir, ".secret.key.*")
	if err != nil {
		return "", fmt.Errorf("create key file in %s: %w", dir, err)
	}
	name := f.Name()
	if err := f.Chmod(0o600); err == nil {
		_, err = f.WriteString(key + "\n")
		if err == nil {
			err = f.Sync()
		}
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
		return "", fmt.Errorf("write key file in %s: %w", dir, err)
	}
	return name, nil
}
