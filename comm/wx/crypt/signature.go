package crypt

import (
	"crypto/sha1" //nolint:gosec // SHA-1 is mandated by the WeChat protocol, not our choice.
	"crypto/subtle"
	"encoding/hex"
	"slices"
	"strings"
)

// Signature returns the lowercase hex SHA-1 of parts sorted byte-wise and concatenated without a
// separator — the scheme of both `signature` and `msg_signature`.
func Signature(parts ...string) string {
	// Copy so sorting never reorders a slice the caller passed with parts...
	sorted := slices.Clone(parts)
	slices.Sort(sorted)
	sum := sha1.Sum([]byte(strings.Join(sorted, "")))
	return hex.EncodeToString(sum[:])
}

// VerifySignature checks the URL `signature` = sha1(sort(token, timestamp, nonce)) in constant time.
func (c *Crypter) VerifySignature(timestamp, nonce, signature string) bool {
	return equalSig(Signature(c.token, timestamp, nonce), signature)
}

// VerifyMsgSignature checks `msg_signature` = sha1(sort(token, timestamp, nonce, encrypt)) in
// constant time. This is the check that authenticates an encrypted push.
func (c *Crypter) VerifyMsgSignature(timestamp, nonce, encrypt, msgSignature string) bool {
	return equalSig(Signature(c.token, timestamp, nonce, encrypt), msgSignature)
}

// equalSig compares in constant time so response timing does not leak how many leading
// characters of a forged signature were right.
func equalSig(want, got string) bool {
	return subtle.ConstantTimeCompare([]byte(want), []byte(got)) == 1
}
