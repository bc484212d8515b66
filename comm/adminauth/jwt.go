package adminauth

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v4"
)

// Issuer name in every token, as the original.
const Issuer = "wxcomponent"

// Claims are the JWT claims; UserName and jti (user id) keep the original's shape.
type Claims struct {
	UserName     string `json:"UserName"`
	TokenVersion int    `json:"tv"`
	// SessionID names this one token, so a logout can revoke it alone (jti
	// already carries the user id, as in the original). Older tokens lack it.
	SessionID string `json:"sid,omitempty"`
	jwt.RegisteredClaims
}

// UserID returns the numeric user id carried in jti.
func (c *Claims) UserID() (int, error) { return strconv.Atoi(c.ID) }

// Tokens signs and verifies HS256 tokens with a random per-deployment key.
type Tokens struct {
	key []byte
	ttl time.Duration
	now func() time.Time
}

// NewTokens builds a signer; key must be at least 32 bytes.
func NewTokens(key []byte, ttl time.Duration, now func() time.Time) (*Tokens, error) {
	if len(key) < 32 {
		return nil, errors.New("jwt key must be at least 32 bytes")
	}
	return &Tokens{key: key, ttl: ttl, now: now}, nil
}

// Sign issues a token for the user, valid for the configured TTL; sid names the session.
func (t *Tokens) Sign(userID int, username string, version int, sid string) (string, time.Time, error) {
	now := t.now()
	exp := now.Add(t.ttl)
	claims := Claims{
		UserName:     username,
		TokenVersion: version,
		SessionID:    sid,
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    Issuer,
			Subject:   "User Token",
			ID:        strconv.Itoa(userID),
			IssuedAt:  jwt.NewNumericDate(now),
			NotBefore: jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(exp),
		},
	}
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(t.key)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("sign jwt: %w", err)
	}
	return s, exp, nil
}

// ErrExpired tells a well-signed but expired token apart from a bad one.
var ErrExpired = errors.New("token expired")

// Parse verifies signature, algorithm, issuer and time claims.
func (t *Tokens) Parse(token string) (*Claims, error) {
	claims := &Claims{}
	parser := jwt.Parser{ValidMethods: []string{jwt.SigningMethodHS256.Alg()}, SkipClaimsValidation: true}
	if _, err := parser.ParseWithClaims(token, claims, func(*jwt.Token) (any, error) { return t.key, nil }); err != nil {
		return nil, fmt.Errorf("parse jwt: %w", err)
	}
	now := t.now()
	switch {
	case claims.Issuer != Issuer:
		return nil, errors.New("parse jwt: wrong issuer")
	case claims.ExpiresAt == nil || !now.Before(claims.ExpiresAt.Time):
		return nil, ErrExpired
	case claims.NotBefore != nil && now.Add(time.Minute).Before(claims.NotBefore.Time):
		return nil, errors.New("parse jwt: not valid yet")
	}
	return claims, nil
}

// KeyStore is the comm key/value store holding the signing key.
type KeyStore interface {
	InsertKVIfAbsent(ctx context.Context, key, value string) (string, error)
}

// Sealer protects the key at rest (secretbox.Box implements it).
type Sealer interface {
	Seal(plaintext, aad string) (string, error)
	Open(sealed, aad string) (string, error)
}

// LoadKey returns the deployment's JWT key, generating and storing a random
// one on first start. It is never derived from the database password, every
// instance reads the same stored value, and it is sealed with the secret key
// so that a database dump alone cannot mint console sessions. A key stored
// unsealed by an earlier version is still accepted.
func LoadKey(ctx context.Context, kv KeyStore, sealer Sealer, name string) ([]byte, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return nil, fmt.Errorf("generate jwt key: %w", err)
	}
	sealed, err := sealer.Seal(hex.EncodeToString(b), name)
	if err != nil {
		return nil, fmt.Errorf("seal jwt key: %w", err)
	}
	v, err := kv.InsertKVIfAbsent(ctx, name, sealed)
	if err != nil {
		return nil, fmt.Errorf("load jwt key: %w", err)
	}
	if !strings.HasPrefix(v, "v1:") {
		return []byte(v), nil
	}
	plain, err := sealer.Open(v, name)
	if err != nil {
		return nil, fmt.Errorf("open jwt key (is SECRET_KEY the one this database was set up with?): %w", err)
	}
	return []byte(plain), nil
}
