package callback

import (
	"context"
	"fmt"
	"slices"

	"wxcomponent/comm/wx/crypt"
)

// keyedCrypter remembers which keys a Crypter was built from.
type keyedCrypter struct {
	token, aesKey string
	previous      []string
	c             *crypt.Crypter
}

func (k *keyedCrypter) matches(token, aesKey string, previous []string) bool {
	return k.token == token && k.aesKey == aesKey && slices.Equal(k.previous, previous)
}

// crypter returns a Crypter for the current keys, rebuilt only when they change. An error that
// is not a Rejection means the keys could not be read (e.g. the database is down).
func (v *Verifier) crypter(ctx context.Context) (*crypt.Crypter, error) {
	token, aesKey, previous, err := v.loadKeys(ctx)
	if err != nil {
		return nil, err
	}
	if aesKey == "" {
		return nil, misconfigured("EncodingAESKey not configured (set WX_ENCODING_AES_KEY or save it in the console)", nil)
	}
	if v.appid == "" {
		return nil, misconfigured("component appid not configured (set WX_APPID)", nil)
	}
	if k := v.cache.Load(); k != nil && k.matches(token, aesKey, previous) {
		return k.c, nil
	}
	c, err := crypt.New(token, aesKey, v.appid, previous...)
	if err != nil {
		return nil, misconfigured("invalid token or EncodingAESKey", err)
	}
	v.cache.Store(&keyedCrypter{token: token, aesKey: aesKey, previous: slices.Clone(previous), c: c})
	return c, nil
}

// loadKeys reads the keys and requires a token, which every signature needs.
func (v *Verifier) loadKeys(ctx context.Context) (token, aesKey string, previous []string, err error) {
	if v.keys == nil {
		return "", "", nil, misconfigured("no callback key source configured", nil)
	}
	token, aesKey, previous, err = v.keys.CallbackKeys(ctx)
	if err != nil {
		return "", "", nil, fmt.Errorf("load callback keys: %w", err)
	}
	if token == "" {
		return "", "", nil, misconfigured("message verification token not configured (set WX_TOKEN or save it in the console)", nil)
	}
	return token, aesKey, previous, nil
}
