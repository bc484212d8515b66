// Package crypt implements WeChat's message encryption ("安全模式", WXBizMsgCrypt) as used by an
// Open Platform third-party platform: key decoding, the two SHA-1 signatures, AES-256-CBC with
// 32-byte PKCS#7 padding and the random‖length‖msg‖appid framing. It knows nothing of HTTP.
package crypt

import (
	"encoding/base64"
	"errors"
	"fmt"
)

// Sizes fixed by the protocol (wechat-protocol.md §1.1–§1.4).
const (
	encodingKeyLen = 43 // characters of an EncodingAESKey
	aesKeyLen      = 32 // bytes of the decoded AES-256 key
	padBlock       = 32 // WeChat pads to 32 bytes, not aes.BlockSize (16)
	randomLen      = 16 // random prefix of the framed plaintext
	lengthLen      = 4  // big-endian message length after the random prefix
	headerLen      = randomLen + lengthLen
)

// Sentinel errors; every error returned by this package wraps exactly one of them so callers can
// map failures to WeChat's -400xx codes with errors.Is.
var (
	// ErrInvalidKey reports an EncodingAESKey that is not 43 characters decoding to 32 bytes,
	// or a missing token/appid.
	ErrInvalidKey = errors.New("crypt: invalid key configuration")
	// ErrBadSignature reports a signature or msg_signature that does not match.
	ErrBadSignature = errors.New("crypt: signature mismatch")
	// ErrBase64 reports an Encrypt value that is not standard base64.
	ErrBase64 = errors.New("crypt: invalid base64")
	// ErrCiphertext reports a ciphertext shorter than 32 bytes or not a multiple of 32 bytes.
	ErrCiphertext = errors.New("crypt: invalid ciphertext length")
	// ErrPadding reports PKCS#7 padding that is not well-formed for a 32-byte block.
	ErrPadding = errors.New("crypt: invalid padding")
	// ErrBuffer reports a decrypted buffer whose length prefix does not fit the data.
	ErrBuffer = errors.New("crypt: illegal buffer")
	// ErrAppIDMismatch reports an appid trailer different from the configured appid.
	ErrAppIDMismatch = errors.New("crypt: appid mismatch")
)

// Crypter holds the verification token, the current (and optionally previous) AES key and the
// appid checked in every message. It is immutable and safe for concurrent use.
type Crypter struct {
	token string
	appid string
	// keys[0] is the current key; the rest are previous keys kept so pushes sealed before a key
	// rotation still decrypt (official advice: keep current and previous).
	keys [][]byte
}

// New builds a Crypter. token and appid must be non-empty; every key must be a valid
// EncodingAESKey. Previous keys are tried, in order, only when the current key fails.
func New(token, encodingAESKey, appid string, previousEncodingAESKeys ...string) (*Crypter, error) {
	if token == "" {
		return nil, fmt.Errorf("%w: empty token", ErrInvalidKey)
	}
	if appid == "" {
		return nil, fmt.Errorf("%w: empty appid", ErrInvalidKey)
	}
	all := append([]string{encodingAESKey}, previousEncodingAESKeys...)
	keys := make([][]byte, 0, len(all))
	for i, k := range all {
		key, err := DecodeAESKey(k)
		if err != nil {
			return nil, fmt.Errorf("key #%d: %w", i, err)
		}
		keys = append(keys, key)
	}
	return &Crypter{token: token, appid: appid, keys: keys}, nil
}

// DecodeAESKey turns a 43-character EncodingAESKey into the 32-byte AES key
// (base64 of key + "="). The error never contains the key itself.
func DecodeAESKey(encodingAESKey string) ([]byte, error) {
	if len(encodingAESKey) != encodingKeyLen {
		return nil, fmt.Errorf("%w: EncodingAESKey must be %d characters, got %d",
			ErrInvalidKey, encodingKeyLen, len(encodingAESKey))
	}
	// StdEncoding (non-strict) accepts a final character with non-zero trailing bits, which
	// randomly generated console keys routinely have.
	key, err := base64.StdEncoding.DecodeString(encodingAESKey + "=")
	if err != nil {
		return nil, fmt.Errorf("%w: EncodingAESKey is not base64", ErrInvalidKey)
	}
	if len(key) != aesKeyLen {
		return nil, fmt.Errorf("%w: EncodingAESKey decodes to %d bytes, want %d",
			ErrInvalidKey, len(key), aesKeyLen)
	}
	return key, nil
}

// AppID returns the appid expected in (and written to) every message trailer.
func (c *Crypter) AppID() string { return c.appid }

// Token returns the message verification token used for signatures.
func (c *Crypter) Token() string { return c.token }

// usingKey returns a Crypter that encrypts with keys[i], so a reply is sealed with the same key
// that opened the request, as WeChat's key-rotation advice requires.
func (c *Crypter) usingKey(i int) *Crypter {
	if i == 0 {
		return c
	}
	return &Crypter{token: c.token, appid: c.appid, keys: [][]byte{c.keys[i]}}
}
