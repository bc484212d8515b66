package secrets

import (
	"context"
	"errors"
	"fmt"
	"regexp"

	"wxcomponent/comm/secretbox"
	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// Comm keys of the values; the first three are the original template's, named in model.
const (
	KeyAppSecret  = model.KVSecret
	KeyToken      = model.KVWxToken
	KeyAESKey     = model.KVAESKey
	keyPrevAESKey = "wxaeskey_prev"
)

// ErrUndecryptable is returned when a stored value cannot be opened (the
// secret key or, for a migrated AppSecret, MYSQL_PASSWORD changed). The
// operator must save the value again.
var ErrUndecryptable = errors.New("stored value cannot be decrypted; save it again in the console")

// item describes one credential.
type item struct {
	key    string // comm key
	name   string // for messages
	env    string // value from the environment, wins when set
	envVar string // the variable env comes from, for messages
	// legacy values of this key were encrypted by the original template
	// (AppSecret); other keys may hold plain text written by hand.
	legacy bool
	valid  *regexp.Regexp
	rule   string // what valid means, for the operator
}

// Formats WeChat's open-platform console accepts.
var (
	appSecretRe = regexp.MustCompile(`^[A-Za-z0-9]{32}$`)
	tokenRe     = regexp.MustCompile(`^[A-Za-z0-9]{3,32}$`)
	aesKeyRe    = regexp.MustCompile(`^[A-Za-z0-9]{43}$`)
)

// itemsFor lists the credentials with their environment values.
func itemsFor(o Options) map[string]*item {
	list := []*item{
		{key: KeyAppSecret, name: "AppSecret", env: o.EnvAppSecret, envVar: "WX_APPSECRET", legacy: true,
			valid: appSecretRe, rule: "AppSecret must be 32 letters or digits"},
		{key: KeyToken, name: "token", env: o.EnvToken, envVar: "WX_TOKEN", valid: tokenRe,
			rule: "token must be 3 to 32 letters or digits"},
		{key: KeyAESKey, name: "EncodingAESKey", env: o.EnvAESKey, envVar: "WX_ENCODING_AES_KEY", valid: aesKeyRe,
			rule: "EncodingAESKey must be exactly 43 letters or digits"},
		{key: keyPrevAESKey, name: "previous EncodingAESKey"},
	}
	out := make(map[string]*item, len(list))
	for _, it := range list {
		out[it.key] = it
	}
	return out
}

// aad binds a sealed value to its comm row.
func aad(key string) string { return "comm:" + key }

// load reads and opens a stored value, migrating legacy or plain values to
// the sealed form on first read.
func (s *Service) load(ctx context.Context, it *item) (string, error) {
	raw, err := s.kv.GetKV(ctx, it.key)
	if err != nil {
		if errors.Is(err, dao.ErrNotFound) {
			return "", nil
		}
		return "", err
	}
	if raw == "" {
		return "", nil
	}
	if secretbox.IsSealed(raw) {
		v, err := s.box.Open(raw, aad(it.key))
		if err != nil {
			return "", fmt.Errorf("%w (%v)", ErrUndecryptable, err)
		}
		return v, nil
	}
	return s.migrate(ctx, it, raw)
}

// migrate opens a value stored before sealing existed and stores it sealed.
func (s *Service) migrate(ctx context.Context, it *item, raw string) (string, error) {
	plain := raw
	if it.legacy {
		v, err := secretbox.OpenLegacy(raw, s.o.LegacyPassword)
		if err != nil {
			return "", fmt.Errorf("%w (legacy format; was MYSQL_PASSWORD changed?)", ErrUndecryptable)
		}
		plain = v
	}
	if err := s.store(ctx, it.key, plain); err != nil {
		return "", fmt.Errorf("re-seal %s: %w", it.name, err)
	}
	return plain, nil
}

// store seals and writes a value ("" clears it).
func (s *Service) store(ctx context.Context, key, plain string) error {
	sealed := ""
	if plain != "" {
		var err error
		if sealed, err = s.box.Seal(plain, aad(key)); err != nil {
			return err
		}
	}
	return s.kv.SetKV(ctx, key, sealed)
}
