package secretbox

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/md5" //nolint:gosec // reproduces the original template's key derivation, to migrate away from it
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"
)

// ErrLegacy is returned when a value in the original template's format cannot
// be decrypted (most often: MYSQL_PASSWORD changed since it was stored).
var ErrLegacy = errors.New("secretbox: cannot decrypt legacy value")

// OpenLegacy decrypts a value stored by the original template: base64 of
// AES-256-CBC with PKCS#7 padding, key = the 32 ASCII characters of
// md5hex(mysqlPassword), IV = the key's first 16 bytes. Every malformed input
// (bad base64, partial block, bad padding) is an error, never a panic. It
// exists only so such values can be read once and sealed with Box.
func OpenLegacy(b64, mysqlPassword string) (string, error) {
	ct, err := base64.StdEncoding.DecodeString(strings.TrimSpace(b64))
	if err != nil || len(ct) == 0 || len(ct)%aes.BlockSize != 0 {
		return "", ErrLegacy
	}
	key := LegacyKey(mysqlPassword)
	block, err := aes.NewCipher(key)
	if err != nil {
		return "", ErrLegacy
	}
	plain := make([]byte, len(ct))
	cipher.NewCBCDecrypter(block, key[:aes.BlockSize]).CryptBlocks(plain, ct)
	return unpad(plain)
}

// LegacyKey derives the original template's AES key from the MySQL password.
func LegacyKey(mysqlPassword string) []byte {
	sum := md5.Sum([]byte(mysqlPassword)) //nolint:gosec // legacy format, read-only
	return []byte(hex.EncodeToString(sum[:]))
}

// unpad checks PKCS#7 padding fully (length and every pad byte) before
// removing it; the original trusted the last byte and could slice out of range.
func unpad(b []byte) (string, error) {
	n := int(b[len(b)-1])
	if n == 0 || n > aes.BlockSize || n > len(b) {
		return "", ErrLegacy
	}
	for _, p := range b[len(b)-n:] {
		if int(p) != n {
			return "", ErrLegacy
		}
	}
	return string(b[:len(b)-n]), nil
}
