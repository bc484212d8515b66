package secrets_test

import (
	"bytes"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"wxcomponent/comm/secretbox"
	"wxcomponent/comm/secrets"
	"wxcomponent/db/dao"
	"wxcomponent/db/dbtest"
)

const (
	appSecret = "0123456789abcdefABCDEF0123456789"
	aesKey1   = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
	aesKey2   = "ZYXWVUTSRQPONMLKJIHGFEDCBAzyxwvutsrqponmlkj"
)

var ctx = context.Background()

type fixture struct {
	store   *dao.Store
	box     *secretbox.Box
	now     time.Time
	mu      sync.Mutex
	changes int
}

func (f *fixture) clock() time.Time { f.mu.Lock(); defer f.mu.Unlock(); return f.now }

func (f *fixture) advance(d time.Duration) { f.mu.Lock(); f.now = f.now.Add(d); f.mu.Unlock() }

func newFixture(t *testing.T, dialect string) *fixture {
	f := &fixture{now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	f.store = dao.New(dbtest.Open(t, dialect), dialect, f.clock)
	var err error
	if f.box, err = secretbox.Load("", t.TempDir()); err != nil {
		t.Fatal(err)
	}
	return f
}

// service builds a Service; env values may be given as name=value.
func (f *fixture) service(env ...string) *secrets.Service {
	o := secrets.Options{Now: f.clock, LegacyPassword: "Aa123456",
		OnAppSecretChange: func(context.Context) error { f.changes++; return nil }}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "WX_APPSECRET":
			o.EnvAppSecret = v
		case "WX_TOKEN":
			o.EnvToken = v
		case "WX_ENCODING_AES_KEY":
			o.EnvAESKey = v
		}
	}
	return secrets.New(f.store, f.box, o)
}

func TestAppSecretConsoleSealedAndHook(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		s := f.service()
		if v, src, err := s.Get(ctx); err != nil || v != "" || src != "" {
			t.Fatalf("unset: %q %q %v", v, src, err)
		}
		for _, bad := range []string{"", "short", appSecret + "x", strings.Repeat("!", 32)} {
			var ve *secrets.ValidationError
			if err := s.SetAppSecret(ctx, bad); !errors.As(err, &ve) {
				t.Fatalf("SetAppSecret(%q) err = %v, want a validation error", bad, err)
			}
		}
		if err := s.SetAppSecret(ctx, appSecret); err != nil {
			t.Fatal(err)
		}
		raw, _ := f.store.GetKV(ctx, "secret")
		if !secretbox.IsSealed(raw) || strings.Contains(raw, appSecret) {
			t.Fatalf("stored AppSecret not sealed: %q", raw)
		}
		if v, src, err := f.service().Get(ctx); err != nil || v != appSecret || src != secrets.SourceConsole {
			t.Fatalf("another instance reads %q %q %v", v, src, err)
		}
		_ = s.SetAppSecret(ctx, appSecret) // unchanged: no hook
		if f.changes != 1 {
			t.Fatalf("hook ran %d times, want 1", f.changes)
		}
	})
}

func TestEnvWinsAndCannotBeChanged(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		_ = f.service().SetAppSecret(ctx, appSecret)
		s := f.service("WX_APPSECRET=fromenvfromenvfromenvfromenv1234", "WX_TOKEN=envtoken", "WX_ENCODING_AES_KEY="+aesKey1)
		if v, src, _ := s.Get(ctx); v != "fromenvfromenvfromenvfromenv1234" || src != secrets.SourceEnv {
			t.Fatalf("Get = %q %q, want the env value", v, src)
		}
		for _, err := range []error{s.SetAppSecret(ctx, appSecret), s.SetToken(ctx, "abc"), s.SetAESKey(ctx, aesKey2)} {
			if !errors.Is(err, secrets.ErrEnvProvided) {
				t.Fatalf("err = %v, want ErrEnvProvided", err)
			}
		}
		tok, key, prev, err := s.CallbackKeys(ctx)
		if err != nil || tok != "envtoken" || key != aesKey1 || len(prev) != 0 {
			t.Fatalf("CallbackKeys = %q %q %v %v", tok, key, prev, err)
		}
	})
}

func TestLegacyAppSecretMigrated(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		if err := f.store.SetKV(ctx, "secret", sealLegacy(t, appSecret, "Aa123456")); err != nil {
			t.Fatal(err)
		}
		if v, src, err := f.service().Get(ctx); err != nil || v != appSecret || src != secrets.SourceConsole {
			t.Fatalf("legacy secret read as %q %q %v", v, src, err)
		}
		raw, _ := f.store.GetKV(ctx, "secret")
		if !secretbox.IsSealed(raw) {
			t.Fatalf("legacy secret not re-sealed: %q", raw)
		}
		// Undecryptable legacy value (password changed): a clear error, then fixable.
		_ = f.store.SetKV(ctx, "secret", sealLegacy(t, appSecret, "another password"))
		s := f.service()
		if _, _, err := s.Get(ctx); !errors.Is(err, secrets.ErrUndecryptable) {
			t.Fatalf("err = %v, want ErrUndecryptable", err)
		}
		if err := s.SetAppSecret(ctx, appSecret); err != nil {
			t.Fatal(err)
		}
		if v, _, err := s.Get(ctx); err != nil || v != appSecret {
			t.Fatalf("after re-saving: %q %v", v, err)
		}
	})
}

func TestAESKeyRotationKeepsPrevious(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		s := f.service()
		if err := s.SetAESKey(ctx, aesKey1[:42]); err == nil {
			t.Fatal("42-character key accepted")
		}
		if err := s.SetToken(ctx, "ab"); err == nil {
			t.Fatal("2-character token accepted")
		}
		if err := s.SetToken(ctx, "mytoken"); err != nil {
			t.Fatal(err)
		}
		if err := s.SetAESKey(ctx, aesKey1); err != nil {
			t.Fatal(err)
		}
		if err := s.SetAESKey(ctx, aesKey2); err != nil {
			t.Fatal(err)
		}
		tok, key, prev, err := f.service().CallbackKeys(ctx)
		if err != nil || tok != "mytoken" || key != aesKey2 || len(prev) != 1 || prev[0] != aesKey1 {
			t.Fatalf("CallbackKeys = %q %q %v %v", tok, key, prev, err)
		}
		st, err := s.CallbackStatus(ctx)
		if err != nil || !st.Token.Configured || st.Token.Masked != "***" || st.EncodingAESKey.Masked != "ZYXWV***mlkj" || !st.PreviousAESKey {
			t.Fatalf("status = %+v, %v", st, err)
		}
	})
}

func TestCacheBoundedToFiveSeconds(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		a, b := f.service(), f.service()
		_ = a.SetToken(ctx, "first")
		if v, _, _ := b.Token(ctx); v != "first" {
			t.Fatalf("b reads %q", v)
		}
		_ = a.SetToken(ctx, "second")
		if v, _, _ := b.Token(ctx); v != "first" {
			t.Fatalf("b's cache not used: %q", v)
		}
		f.advance(5 * time.Second)
		if v, _, _ := b.Token(ctx); v != "second" {
			t.Fatalf("after 5 s b still reads %q", v)
		}
	})
}

// sealLegacy writes the original template's format: AES-256-CBC,
// key = md5hex(password), IV = key[:16], PKCS#7, base64.
func sealLegacy(t *testing.T, plain, password string) string {
	t.Helper()
	key := secretbox.LegacyKey(password)
	n := aes.BlockSize - len(plain)%aes.BlockSize
	buf := append([]byte(plain), bytes.Repeat([]byte{byte(n)}, n)...)
	block, err := aes.NewCipher(key)
	if err != nil {
		t.Fatal(err)
	}
	cipher.NewCBCEncrypter(block, key[:aes.BlockSize]).CryptBlocks(buf, buf)
	return base64.StdEncoding.EncodeToString(buf)
}
