// Package secretbox seals secrets kept at rest in the database (AppSecret,
// verification token, EncodingAESKey, authorizer refresh tokens) with
// AES-256-GCM. The key lives outside the rows it protects: SECRET_KEY in the
// environment, or a file generated once in the data directory.
package secretbox

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
)

// KeySize is the AES-256 key length in bytes.
const KeySize = 32

// prefix marks a sealed value and its format version, so a later format can
// be told apart and values stored in plain text by older versions recognised.
const prefix = "v1:"

// ErrOpen is returned when a sealed value cannot be opened: wrong key,
// tampered ciphertext, wrong associated data or a malformed value.
var ErrOpen = errors.New("secretbox: cannot open sealed value")

// Box seals and opens values with one key. It is safe for concurrent use.
type Box struct {
	aead cipher.AEAD
}

// New builds a Box from a raw 32-byte key.
func New(key []byte) (*Box, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("secretbox: key must be %d bytes, got %d", KeySize, len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("secretbox: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("secretbox: %w", err)
	}
	return &Box{aead: aead}, nil
}

// IsSealed tells whether s looks like a value produced by Seal; anything else
// is a legacy or plain value that callers may migrate.
func IsSealed(s string) bool { return strings.HasPrefix(s, prefix) }

// Seal encrypts plaintext with a fresh random nonce. aad binds the value to
// where it is stored (e.g. "comm:secret") so a sealed value copied into
// another row does not open there.
func (b *Box) Seal(plaintext, aad string) (string, error) {
	nonce := make([]byte, b.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("secretbox: read nonce: %w", err)
	}
	out := b.aead.Seal(nonce, nonce, []byte(plaintext), []byte(aad))
	return prefix + base64.StdEncoding.EncodeToString(out), nil
}

// Open decrypts a value produced by Seal with the same aad.
func (b *Box) Open(sealed, aad string) (string, error) {
	if !IsSealed(sealed) {
		return "", fmt.Errorf("%w: missing %q prefix", ErrOpen, prefix)
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(sealed, prefix))
	if err != nil {
		return "", fmt.Errorf("%w: bad base64", ErrOpen)
	}
	n := b.aead.NonceSize()
	if len(raw) < n+b.aead.Overhead() {
		return "", fmt.Errorf("%w: too short", ErrOpen)
	}
	plain, err := b.aead.Open(nil, raw[:n], raw[n:], []byte(aad))
	if err != nil {
		// GCM's error says nothing useful; keep ours uniform for every failure.
		return "", ErrOpen
	}
	return string(plain), nil
}
