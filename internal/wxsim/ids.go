package wxsim

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"strconv"
)

// tokenAlphabet is the character set of real access tokens and codes (base64url-ish).
const tokenAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// Prefixes and lengths imitate the values real WeChat hands out, so the service's storage and
// logging see realistic shapes (wechat-protocol.md §5.1, §2.1).
const (
	ticketPrefix       = "ticket@@@"
	preAuthCodePrefix  = "preauthcode@@@"
	authCodePrefix     = "queryauthcode@@@"
	refreshTokenPrefix = "refreshtoken@@@"
	accessTokenLen     = 86
	codeLen            = 43
)

// randomString returns n characters of tokenAlphabet from crypto/rand. The alphabet has 64
// characters, so masking a byte to 6 bits keeps the distribution uniform.
func randomString(n int) string {
	buf := make([]byte, n)
	_, _ = rand.Read(buf) // crypto/rand.Read never fails on supported platforms
	for i, b := range buf {
		buf[i] = tokenAlphabet[b&63]
	}
	return string(buf)
}

// newRefreshToken returns a fresh authorizer_refresh_token.
func newRefreshToken() string { return refreshTokenPrefix + randomString(codeLen) }

// newRID returns a request id in WeChat's "xxxxxxxx-xxxxxxxx-xxxxxxxx" hex shape.
func newRID() string {
	buf := make([]byte, 12)
	_, _ = rand.Read(buf)
	h := hex.EncodeToString(buf)
	return h[:8] + "-" + h[8:16] + "-" + h[16:]
}

// newNonce returns a decimal nonce of 9–10 digits like the ones WeChat puts in push URLs.
func newNonce() string {
	return strconv.FormatUint(100000000+randomUint64()%4000000000, 10)
}

// newMsgID returns a positive 64-bit message id; real ones exceed 2^53, which is exactly what a
// service that decodes into float64 gets wrong.
func newMsgID() int64 {
	return int64(randomUint64()>>1) | 1<<60
}

// randomUint64 reads 8 random bytes.
func randomUint64() uint64 {
	var buf [8]byte
	_, _ = rand.Read(buf[:])
	return binary.BigEndian.Uint64(buf[:])
}

// validTokenShape reports whether s could be a token we issued; anything else is "malformed"
// (40014) rather than merely unknown (40001).
func validTokenShape(s string) bool {
	if len(s) < 16 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isTokenChar(s[i]) {
			return false
		}
	}
	return true
}

// isTokenChar reports whether c belongs to tokenAlphabet.
func isTokenChar(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}
