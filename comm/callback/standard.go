package callback

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"wxcomponent/comm/wx/crypt"
	"wxcomponent/comm/wx/msg"
)

// openEncrypted follows wechat-protocol.md §1.10: envelope → msg_signature (constant time) →
// timestamp window → decrypt with the appid check → inner message (stored raw if it does not
// decode: the push is authentic by then).
func (v *Verifier) openEncrypted(ctx context.Context, in Incoming, now time.Time) (*Push, error) {
	q := in.Query
	ts, nonce, msgSig := q.Get("timestamp"), q.Get("nonce"), q.Get("msg_signature")
	if msgSig == "" {
		return nil, unauthorized("missing msg_signature", nil)
	}
	env, err := msg.ParseEnvelope(in.Body)
	if err != nil {
		return nil, unauthorized("malformed envelope", err)
	}
	c, err := v.crypter(ctx)
	if err != nil {
		return nil, err
	}
	if err := v.checkSignatures(c, q.Get("signature"), ts, nonce, env.Encrypt, msgSig); err != nil {
		return nil, err
	}
	if err := v.checkTimestamp(ts, now); err != nil {
		return nil, err
	}
	plain, used, err := c.Open(env.Encrypt)
	if err != nil {
		return nil, decryptRejection(err)
	}
	p := decoded(plain, now)
	p.Encrypted, p.nonce, p.crypter = true, nonce, used
	return p, nil
}

// checkSignatures requires msg_signature and, when WeChat also sent it, the URL signature.
func (v *Verifier) checkSignatures(c *crypt.Crypter, sig, ts, nonce, encrypt, msgSig string) error {
	if !c.VerifyMsgSignature(ts, nonce, encrypt, msgSig) {
		return unauthorized("msg_signature mismatch", nil)
	}
	if sig != "" && !c.VerifySignature(ts, nonce, sig) {
		return unauthorized("signature mismatch", nil)
	}
	return nil
}

// checkTimestamp bounds replays of a captured push to the skew window; retries inside it are
// caught by the dedupe key.
func (v *Verifier) checkTimestamp(ts string, now time.Time) error {
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return unauthorized("missing or invalid timestamp", nil)
	}
	d := now.Sub(time.Unix(sec, 0))
	if d > v.skew || d < -v.skew {
		return unauthorized(fmt.Sprintf("timestamp %ds away from our clock (window ±%ds)", int64(d/time.Second), int64(v.skew/time.Second)), nil)
	}
	return nil
}

// decryptRejection names the failure without echoing any key material.
func decryptRejection(err error) *Rejection {
	if errors.Is(err, crypt.ErrAppIDMismatch) {
		return unauthorized("appid trailer does not match WX_APPID", err)
	}
	return unauthorized("decrypt failed", err)
}

func formatUnix(t time.Time) string { return strconv.FormatInt(t.Unix(), 10) }
