package crypt

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"math"
)

// Decrypt opens an Encrypt value: base64 → AES-256-CBC (IV = key[:16]) → strict 32-byte PKCS#7
// unpad → random‖length‖msg‖appid split → appid check. The current key is tried first, then the
// previous keys. It never panics, whatever the input.
func (c *Crypter) Decrypt(encrypt string) ([]byte, error) {
	msg, _, err := c.Open(encrypt)
	return msg, err
}

// Open is Decrypt that also returns a Crypter bound to the key that succeeded, so the caller can
// seal the passive reply with that same key during a key rotation. The returned Crypter is c
// itself when the current key worked.
func (c *Crypter) Open(encrypt string) ([]byte, *Crypter, error) {
	ct, err := decodeCiphertext(encrypt)
	if err != nil {
		return nil, nil, err
	}
	var firstErr error
	for i, key := range c.keys {
		msg, err := c.openWithKey(key, ct)
		if err == nil {
			return msg, c.usingKey(i), nil
		}
		// Report the current key's failure: a previous key failing too is expected noise.
		if firstErr == nil {
			firstErr = err
		}
	}
	return nil, nil, firstErr
}

// Encrypt seals msg with the current key and 16 bytes from crypto/rand, returning the base64
// Encrypt value.
func (c *Crypter) Encrypt(msg []byte) (string, error) {
	return c.EncryptWithRandom(randomPrefix(), msg)
}

// randomPrefix returns the 16 random bytes that start every framed plaintext, so equal
// messages never encrypt alike. crypto/rand.Read cannot fail (it crashes the program instead).
func randomPrefix() []byte {
	random := make([]byte, randomLen)
	_, _ = rand.Read(random)
	return random
}

// EncryptWithRandom seals msg with the current key and the given 16-byte random prefix. It is
// deterministic, which is what test vectors and the simulator need; production code uses Encrypt.
func (c *Crypter) EncryptWithRandom(random16 []byte, msg []byte) (string, error) {
	if len(random16) != randomLen {
		return "", fmt.Errorf("crypt: random prefix must be %d bytes, got %d", randomLen, len(random16))
	}
	if uint64(len(msg)) > math.MaxUint32 {
		return "", fmt.Errorf("%w: message of %d bytes exceeds the 32-bit length prefix", ErrBuffer, len(msg))
	}
	plain := frame(random16, msg, c.appid)
	ct, err := cbcEncrypt(c.keys[0], pad(plain))
	if err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(ct), nil
}

// decodeCiphertext does the key-independent checks once, before any key is tried.
func decodeCiphertext(encrypt string) ([]byte, error) {
	ct, err := base64.StdEncoding.DecodeString(encrypt)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBase64, err)
	}
	if len(ct) < padBlock || len(ct)%padBlock != 0 {
		return nil, fmt.Errorf("%w: %d bytes is not a positive multiple of %d", ErrCiphertext, len(ct), padBlock)
	}
	return ct, nil
}

// openWithKey decrypts a length-checked ciphertext with one key and validates the framing.
func (c *Crypter) openWithKey(key, ct []byte) ([]byte, error) {
	plain, err := cbcDecrypt(key, ct)
	if err != nil {
		return nil, err
	}
	plain, err = unpad(plain)
	if err != nil {
		return nil, err
	}
	msg, appid, err := unframe(plain)
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(appid, []byte(c.appid)) {
		return nil, fmt.Errorf("%w: trailer has %d bytes, configured appid %q", ErrAppIDMismatch, len(appid), c.appid)
	}
	return msg, nil
}

// frame builds random‖BE32(len(msg))‖msg‖appid (§1.3).
func frame(random, msg []byte, appid string) []byte {
	out := make([]byte, 0, headerLen+len(msg)+len(appid)+padBlock)
	out = append(out, random...)
	out = binary.BigEndian.AppendUint32(out, uint32(len(msg)))
	out = append(out, msg...)
	return append(out, appid...)
}

// unframe splits an unpadded buffer into message and appid trailer. Arithmetic is done in uint64
// so a huge length prefix cannot overflow into a bogus in-range slice bound.
func unframe(plain []byte) (msg, appid []byte, err error) {
	if len(plain) < headerLen {
		return nil, nil, fmt.Errorf("%w: %d bytes is shorter than the %d-byte header", ErrBuffer, len(plain), headerLen)
	}
	n := uint64(binary.BigEndian.Uint32(plain[randomLen:headerLen]))
	if headerLen+n > uint64(len(plain)) {
		return nil, nil, fmt.Errorf("%w: length prefix %d exceeds the %d bytes present", ErrBuffer, n, len(plain)-headerLen)
	}
	end := headerLen + int(n)
	return plain[headerLen:end], plain[end:], nil
}

// pad appends PKCS#7 padding for a 32-byte block; a full block is added when already aligned.
func pad(b []byte) []byte {
	n := padBlock - len(b)%padBlock
	return append(b, bytes.Repeat([]byte{byte(n)}, n)...)
}

// unpad strictly removes 32-byte PKCS#7 padding: 1 ≤ n ≤ 32, n ≤ len, and every pad byte equals n.
func unpad(b []byte) ([]byte, error) {
	if len(b) == 0 {
		return nil, fmt.Errorf("%w: empty buffer", ErrPadding)
	}
	n := int(b[len(b)-1])
	if n < 1 || n > padBlock || n > len(b) {
		return nil, fmt.Errorf("%w: pad length %d", ErrPadding, n)
	}
	for _, p := range b[len(b)-n:] {
		if int(p) != n {
			return nil, fmt.Errorf("%w: inconsistent pad bytes", ErrPadding)
		}
	}
	return b[:len(b)-n], nil
}

// cbcEncrypt encrypts block-aligned data with IV = key[:16], as every WeChat SDK does.
func cbcEncrypt(key, data []byte) ([]byte, error) { return cbc(key, data, cipher.NewCBCEncrypter) }

// cbcDecrypt decrypts block-aligned data with IV = key[:16].
func cbcDecrypt(key, data []byte) ([]byte, error) { return cbc(key, data, cipher.NewCBCDecrypter) }

// cbc runs one CBC direction over block-aligned data into a fresh buffer, so the caller's
// ciphertext or plaintext is never overwritten.
func cbc(key, data []byte, mode func(cipher.Block, []byte) cipher.BlockMode) ([]byte, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidKey, err)
	}
	if len(data)%aes.BlockSize != 0 {
		return nil, fmt.Errorf("%w: %d bytes not block aligned", ErrCiphertext, len(data))
	}
	out := make([]byte, len(data))
	mode(block, key[:aes.BlockSize]).CryptBlocks(out, data)
	return out, nil
}
