package callback

import (
	"context"
	"crypto/subtle"
	"net/url"

	"wxcomponent/comm/wx/crypt"
)

// VerifyEcho checks a URL-verification GET (signature over token, timestamp and nonce, within
// the timestamp window) and returns the echostr to answer with (wechat-protocol.md §1.11).
func (v *Verifier) VerifyEcho(ctx context.Context, q url.Values) (string, error) {
	token, _, _, err := v.loadKeys(ctx)
	if err != nil {
		return "", err
	}
	ts, nonce, echostr := q.Get("timestamp"), q.Get("nonce"), q.Get("echostr")
	want := crypt.Signature(token, ts, nonce)
	if subtle.ConstantTimeCompare([]byte(want), []byte(q.Get("signature"))) != 1 {
		return "", unauthorized("signature mismatch", nil)
	}
	if err := v.checkTimestamp(ts, v.now()); err != nil {
		return "", err
	}
	if echostr == "" {
		return "", badRequest("missing echostr", nil)
	}
	return echostr, nil
}
