package forward

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
)

// Headers of every forwarded request (README "Verifying a forwarded push").
const (
	HeaderDelivery  = "X-Wxcomponent-Delivery"
	HeaderTimestamp = "X-Wxcomponent-Timestamp"
	HeaderSignature = "X-Wxcomponent-Signature"
	HeaderAppID     = "X-Wxcomponent-Appid"
)

// keyPrefix marks a signing key, so one pasted in the wrong place is recognisable.
const keyPrefix = "whk_"

// newKey makes a random signing key: 192 bits, hex.
func newKey() (string, error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return keyPrefix + hex.EncodeToString(b), nil
}

// MaskKey shows the first 4 and last 4 characters of a key ("whk_…a1b2").
func MaskKey(k string) string {
	if len(k) < 12 {
		return ""
	}
	return k[:4] + "…" + k[len(k)-4:]
}

// Sign is the signature header's value: "sha256=" + hex HMAC-SHA256(key, timestamp "." body).
func Sign(key string, timestamp int64, body []byte) string {
	m := hmac.New(sha256.New, []byte(key))
	m.Write([]byte(strconv.FormatInt(timestamp, 10)))
	m.Write([]byte{'.'})
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// signHeaders sets the delivery id, the timestamp, the signature and the appid on h.
func signHeaders(h http.Header, key, deliveryID, appid string, timestamp int64, body []byte) {
	h.Set(HeaderDelivery, deliveryID)
	h.Set(HeaderTimestamp, strconv.FormatInt(timestamp, 10))
	h.Set(HeaderSignature, Sign(key, timestamp, body))
	if appid != "" {
		h.Set(HeaderAppID, appid)
	}
}
