// Package randid makes random identifiers: request ids, lease owners, instance ids and the
// generated first password all come from here, so they share one source of randomness.
package randid

import (
	"crypto/rand"
	"encoding/hex"
)

// Hex returns n bytes from crypto/rand as 2n lowercase hex characters. It cannot fail:
// crypto/rand.Read crashes the program rather than return an error or a short read.
func Hex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
