package crypt

import (
	"bytes"
	"encoding/base64"
	"testing"
)

// FuzzDecrypt feeds arbitrary text both as an Encrypt value and as raw ciphertext: Decrypt must
// never panic, and Encrypt followed by Decrypt must give back the input exactly.
func FuzzDecrypt(f *testing.F) {
	for _, seed := range []string{aEncrypt, bEncrypt, cEncrypt, dEncrypt, fEncrypt, aReplyEncrypt, "", "====", aMsg} {
		f.Add([]byte(seed))
	}
	c := mustNew(f, aToken, abcKey, aAppID, aKey)
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = c.Decrypt(string(data))
		_, _ = c.Decrypt(base64.StdEncoding.EncodeToString(data))
		enc, err := c.Encrypt(data)
		if err != nil {
			t.Fatalf("Encrypt: %v", err)
		}
		got, err := c.Decrypt(enc)
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("round trip: got %q, %v", got, err)
		}
	})
}

func BenchmarkDecrypt(b *testing.B) {
	c := mustNew(b, aToken, aKey, aAppID)
	b.SetBytes(int64(len(aMsg)))
	for b.Loop() {
		if _, err := c.Decrypt(aEncrypt); err != nil {
			b.Fatal(err)
		}
	}
}
