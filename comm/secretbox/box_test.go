package secretbox

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func testBox(t *testing.T) *Box {
	t.Helper()
	k, err := GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	b, err := Load(k, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSealOpenRoundTrip(t *testing.T) {
	b := testBox(t)
	for _, plain := range []string{"", "x", "0123456789abcdef0123456789abcdef", strings.Repeat("密", 300)} {
		s, err := b.Seal(plain, "comm:secret")
		if err != nil {
			t.Fatal(err)
		}
		if !IsSealed(s) || len(plain) > 8 && strings.Contains(s, plain) {
			t.Fatalf("sealed value %q does not look sealed", s)
		}
		got, err := b.Open(s, "comm:secret")
		if err != nil || got != plain {
			t.Fatalf("Open = %q, %v; want %q", got, err, plain)
		}
	}
}

func TestSealIsRandomised(t *testing.T) {
	b := testBox(t)
	s1, _ := b.Seal("same", "a")
	s2, _ := b.Seal("same", "a")
	if s1 == s2 {
		t.Fatal("two seals of one value are equal: nonce not random")
	}
}

func TestOpenDetectsTampering(t *testing.T) {
	b := testBox(t)
	s, _ := b.Seal("appsecret", "comm:secret")
	raw, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(s, "v1:"))
	for i := range raw {
		bad := bytes.Clone(raw)
		bad[i] ^= 0x01
		if _, err := b.Open("v1:"+base64.StdEncoding.EncodeToString(bad), "comm:secret"); !errors.Is(err, ErrOpen) {
			t.Fatalf("flipping byte %d: err = %v, want ErrOpen", i, err)
		}
	}
	if _, err := b.Open(s, "comm:wxtoken"); !errors.Is(err, ErrOpen) {
		t.Fatalf("wrong aad: err = %v, want ErrOpen", err)
	}
	other := testBox(t)
	if _, err := other.Open(s, "comm:secret"); !errors.Is(err, ErrOpen) {
		t.Fatalf("wrong key: err = %v, want ErrOpen", err)
	}
}

func TestOpenGarbageNeverPanics(t *testing.T) {
	b := testBox(t)
	for _, g := range []string{"", "v1:", "v1:!!!", "v1:AAAA", "plain", "v1:" + strings.Repeat("A", 40), "v2:abcd"} {
		if _, err := b.Open(g, ""); err == nil {
			t.Fatalf("Open(%q) succeeded", g)
		}
	}
}

func TestLoadRejectsBadKeys(t *testing.T) {
	for _, k := range []string{"short", "not base64 at all!!", base64.StdEncoding.EncodeToString(make([]byte, 16)), strings.Repeat("a", 64)} {
		if _, err := Load(k, t.TempDir()); err == nil || !strings.Contains(err.Error(), "SECRET_KEY") {
			t.Fatalf("Load(%q) err = %v, want a SECRET_KEY error", k, err)
		}
	}
}

func TestLoadGeneratesKeyFileOnce(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	var wg sync.WaitGroup
	boxes := make([]*Box, 8)
	for i := range boxes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b, err := Load("", dir)
			if err != nil {
				t.Error(err)
			}
			boxes[i] = b
		}()
	}
	wg.Wait()
	st, err := os.Stat(filepath.Join(dir, KeyFileName))
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v, want 0600", st.Mode().Perm())
	}
	s, _ := boxes[0].Seal("v", "aad")
	for i, b := range boxes {
		if got, err := b.Open(s, "aad"); err != nil || got != "v" {
			t.Fatalf("box %d disagrees on the key: %v", i, err)
		}
	}
	again, err := Load("", dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := again.Open(s, "aad"); err != nil || got != "v" {
		t.Fatalf("reloaded key differs: %v", err)
	}
}

// sealLegacy reproduces the original template's format for the test vector:
// AES-256-CBC, key = md5hex(password), IV = key[:16], PKCS#7.
func sealLegacy(t *testing.T, plain, password string) string {
	t.Helper()
	key := LegacyKey(password)
	n := aes.BlockSize - len(plain)%aes.BlockSize
	buf := append([]byte(plain), bytes.Repeat([]byte{byte(n)}, n)...)
	block, err := aes.NewCipher(key)
	if err != nil {
		t.Fatal(err)
	}
	cipher.NewCBCEncrypter(block, key[:aes.BlockSize]).CryptBlocks(buf, buf)
	return base64.StdEncoding.EncodeToString(buf)
}

func TestOpenLegacyVector(t *testing.T) {
	const secret = "0123456789abcdefABCDEF0123456789"
	v := sealLegacy(t, secret, "Aa123456")
	got, err := OpenLegacy(v, "Aa123456")
	if err != nil || got != secret {
		t.Fatalf("OpenLegacy = %q, %v", got, err)
	}
	if _, err := OpenLegacy(v, "changed-password"); !errors.Is(err, ErrLegacy) {
		t.Fatalf("wrong password: err = %v, want ErrLegacy", err)
	}
	if got, err := OpenLegacy(sealLegacy(t, "", ""), ""); err != nil || got != "" {
		t.Fatalf("empty secret, empty password: %q, %v", got, err)
	}
}

func TestOpenLegacyGarbageNeverPanics(t *testing.T) {
	key := LegacyKey("pw")
	block, _ := aes.NewCipher(key)
	inputs := []string{"", "!!!", "AAAA", base64.StdEncoding.EncodeToString(make([]byte, 15))}
	// Blocks that decrypt to every possible last byte, including 0 and > 16.
	for last := 0; last < 256; last++ {
		plain := bytes.Repeat([]byte{byte(last)}, 32)
		ct := make([]byte, 32)
		cipher.NewCBCEncrypter(block, key[:16]).CryptBlocks(ct, plain)
		inputs = append(inputs, base64.StdEncoding.EncodeToString(ct))
	}
	for _, in := range inputs {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("OpenLegacy(%q) panicked: %v", in, r)
				}
			}()
			_, _ = OpenLegacy(in, "pw")
		}()
	}
}

func FuzzOpenLegacy(f *testing.F) {
	f.Add("AAAAAAAAAAAAAAAAAAAAAA==")
	f.Fuzz(func(t *testing.T, s string) { _, _ = OpenLegacy(s, "pw") })
}
