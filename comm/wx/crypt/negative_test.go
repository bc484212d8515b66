package crypt

import (
	"encoding/base64"
	"encoding/binary"
	"errors"
	"strings"
	"testing"
)

// sealRaw CBC-encrypts an already block-aligned plaintext with the crypter's current key, so
// tests can build malformed padding and framing that Encrypt would never produce.
func sealRaw(t *testing.T, c *Crypter, plain []byte) string {
	t.Helper()
	ct, err := cbcEncrypt(c.keys[0], plain)
	if err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(ct)
}

// flipBit returns encrypt with one bit of ciphertext byte i inverted.
func flipBit(t *testing.T, encrypt string, i int, mask byte) string {
	t.Helper()
	ct, err := base64.StdEncoding.DecodeString(encrypt)
	if err != nil {
		t.Fatal(err)
	}
	ct[i] ^= mask
	return base64.StdEncoding.EncodeToString(ct)
}

// framed returns random‖BE32(n)‖body‖appid padded by pad(), with an arbitrary length field.
func framed(n uint32, body, appid string) []byte {
	b := make([]byte, headerLen, headerLen+len(body)+len(appid))
	binary.BigEndian.PutUint32(b[randomLen:], n)
	return pad(append(append(b, body...), appid...))
}

func TestNewRejectsBadConfig(t *testing.T) {
	cases := map[string][3]string{
		"short key":    {"t", abcKey[:42], "wx"},
		"long key":     {"t", abcKey + "A", "wx"},
		"non-base64":   {"t", strings.Repeat("!", 43), "wx"},
		"empty token":  {"", abcKey, "wx"},
		"empty appid":  {"t", abcKey, ""},
		"unicode 43":   {"t", strings.Repeat("é", 21) + "A", "wx"},
		"padding char": {"t", abcKey[:42] + "=", "wx"},
	}
	for name, in := range cases {
		if _, err := New(in[0], in[1], in[2]); !errors.Is(err, ErrInvalidKey) {
			t.Errorf("%s: err = %v, want ErrInvalidKey", name, err)
		}
	}
	if _, err := New("t", abcKey, "wx", "bad"); !errors.Is(err, ErrInvalidKey) {
		t.Errorf("bad previous key: err = %v", err)
	}
}

func TestDecryptErrors(t *testing.T) {
	c := mustNew(t, aToken, aKey, aAppID)
	cases := []struct {
		name    string
		encrypt string
		want    error
	}{
		{"bad base64", "not*base64!", ErrBase64},
		{"url-safe base64", strings.NewReplacer("+", "-", "/", "_").Replace(aEncrypt), ErrBase64},
		{"empty", "", ErrCiphertext},
		{"16 bytes", base64.StdEncoding.EncodeToString(make([]byte, 16)), ErrCiphertext},
		{"48 bytes", base64.StdEncoding.EncodeToString(make([]byte, 48)), ErrCiphertext},
		{"truncated text", aEncrypt[:100], ErrCiphertext},
		{"truncated mid-block", base64.StdEncoding.EncodeToString(mustB64(t, aEncrypt)[:340]), ErrCiphertext},
		// Cut at a block boundary the last byte is an appid character ('8' = 56 > 32).
		{"truncated to blocks", base64.StdEncoding.EncodeToString(mustB64(t, aEncrypt)[:320]), ErrPadding},
		{"pad byte 0", sealRaw(t, c, append(make([]byte, 63), 0)), ErrPadding},
		{"pad byte 33", sealRaw(t, c, append(make([]byte, 63), 33)), ErrPadding},
		{"pad inconsistent", sealRaw(t, c, append(make([]byte, 62), 1, 2)), ErrPadding},
		{"only padding", sealRaw(t, c, pad(nil)), ErrBuffer},
		{"short after unpad", sealRaw(t, c, pad(make([]byte, 19))), ErrBuffer},
		{"huge length", sealRaw(t, c, framed(0xFFFFFFFF, "<xml/>", aAppID)), ErrBuffer},
		{"length one too big", sealRaw(t, c, framed(uint32(7+len(aAppID)), "<xml/>", aAppID)), ErrBuffer},
		{"wrong appid", sealRaw(t, c, framed(6, "<xml/>", "wx0000000000000000")), ErrAppIDMismatch},
		{"empty appid", sealRaw(t, c, framed(6, "<xml/>", "")), ErrAppIDMismatch},
		// Block 0 of the ciphertext XORs into plaintext block 1, whose first bytes are the
		// length prefix: flipping the top bit makes the length absurd.
		{"bit-flip length", flipBit(t, aEncrypt, 0, 0x80), ErrBuffer},
		// The byte before the last block XORs into the final pad byte.
		{"bit-flip padding", flipBit(t, aEncrypt, len(mustB64(t, aEncrypt))-17, 0x01), ErrPadding},
		// 352-byte ciphertext, 330 bytes framed: the trailer occupies bytes 312..329, which the
		// block before (bytes 304..319 of ciphertext → 320..335 of plaintext) controls from 320 on.
		{"bit-flip appid", flipBit(t, aEncrypt, 305, 0x01), ErrAppIDMismatch},
	}
	for _, tc := range cases {
		msg, err := c.Decrypt(tc.encrypt)
		if !errors.Is(err, tc.want) || msg != nil {
			t.Errorf("%s: msg=%q err=%v, want %v", tc.name, msg, err, tc.want)
		}
	}
}

// mustB64 decodes standard base64 or stops the test.
func mustB64(t *testing.T, s string) []byte {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecryptWrongAppIDConfigured(t *testing.T) {
	c := mustNew(t, bToken, abcKey, "wxffffffffffffffff")
	if _, err := c.Decrypt(bEncrypt); !errors.Is(err, ErrAppIDMismatch) {
		t.Errorf("err = %v, want ErrAppIDMismatch", err)
	}
}

func TestDecryptWrongKey(t *testing.T) {
	c := mustNew(t, aToken, abcKey, aAppID)
	_, err := c.Decrypt(aEncrypt)
	if !errors.Is(err, ErrPadding) && !errors.Is(err, ErrBuffer) && !errors.Is(err, ErrAppIDMismatch) {
		t.Errorf("err = %v, want a padding/buffer/appid error", err)
	}
}

func TestEncryptWithRandomValidates(t *testing.T) {
	c := mustNew(t, aToken, aKey, aAppID)
	if _, err := c.EncryptWithRandom(make([]byte, 15), []byte("x")); err == nil {
		t.Error("15-byte random accepted")
	}
}

func TestEncryptRoundTripAllPadLengths(t *testing.T) {
	c := mustNew(t, aToken, abcKey, aAppID)
	for n := 0; n <= 2*padBlock; n++ {
		msg := []byte(strings.Repeat("m", n))
		enc, err := c.Encrypt(msg)
		if err != nil {
			t.Fatal(err)
		}
		if got := mustDecrypt(t, c, enc); string(got) != string(msg) {
			t.Fatalf("len %d: round trip gave %q", n, got)
		}
	}
}

func TestKeyRotation(t *testing.T) {
	old := mustNew(t, aToken, aKey, aAppID)
	sealed, err := old.Encrypt([]byte("<xml>old</xml>"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := mustNew(t, aToken, abcKey, aAppID).Decrypt(sealed); err == nil {
		t.Fatal("new key alone decrypted an old-key message")
	}
	rotated := mustNew(t, aToken, abcKey, aAppID, aKey)
	msg, used, err := rotated.Open(sealed)
	if err != nil || string(msg) != "<xml>old</xml>" {
		t.Fatalf("Open = %q, %v", msg, err)
	}
	reply, err := used.Encrypt([]byte("r"))
	if err != nil {
		t.Fatal(err)
	}
	if got := mustDecrypt(t, old, reply); string(got) != "r" {
		t.Errorf("reply not sealed with the key that opened the request: %q", got)
	}
	if _, same, _ := rotated.Open(mustEncrypt(t, rotated, "n")); same != rotated {
		t.Error("current-key Open should return the receiver")
	}
}

// mustEncrypt encrypts or stops the test.
func mustEncrypt(t *testing.T, c *Crypter, msg string) string {
	t.Helper()
	enc, err := c.Encrypt([]byte(msg))
	if err != nil {
		t.Fatal(err)
	}
	return enc
}

func TestVerifyRejectsTampering(t *testing.T) {
	c := mustNew(t, aToken, aKey, aAppID)
	if c.VerifyMsgSignature(aTimestamp, aNonce, aEncrypt+"x", aMsgSig) {
		t.Error("tampered Encrypt accepted")
	}
	if c.VerifyMsgSignature(aTimestamp, aNonce, aEncrypt, "") {
		t.Error("empty msg_signature accepted")
	}
	if c.VerifySignature(aTimestamp, "1", aSig) {
		t.Error("signature for another nonce accepted")
	}
}
