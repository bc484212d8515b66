// Package callback authenticates and decodes the pushes WeChat sends to the two callback URLs,
// in both delivery modes: standard (encrypted XML signed with msg_signature, what WeChat sends
// to a public URL) and CloudRun (plaintext JSON over WeChat's internal network, gated by the
// X-Wx-Source header). It knows nothing of HTTP frameworks or storage.
package callback

import (
	"context"
	"net/http"
	"net/url"
	"sync/atomic"
	"time"

	"wxcomponent/comm/config"
	"wxcomponent/comm/wx/crypt"
	"wxcomponent/comm/wx/msg"
)

// DefaultSkew is the accepted distance between a push's timestamp and our clock.
const DefaultSkew = 300 * time.Second

// KeySource supplies the message-verification token and EncodingAESKeys. They are read on every
// push so a key changed in the console applies at once; previous keys keep pushes sealed before
// a rotation readable.
type KeySource interface {
	CallbackKeys(ctx context.Context) (token, aesKey string, previousAESKeys []string, err error)
}

// StaticKeys is a KeySource with fixed values, e.g. from the environment.
type StaticKeys struct {
	Token          string
	EncodingAESKey string
	Previous       []string
}

// CallbackKeys returns the fixed keys.
func (k StaticKeys) CallbackKeys(context.Context) (string, string, []string, error) {
	return k.Token, k.EncodingAESKey, k.Previous, nil
}

// Options configure a Verifier.
type Options struct {
	Mode  string // config.ModeStandard or config.ModeCloudRun
	AppID string // component appid; the trailer every encrypted push must carry
	// Now is the clock (time.Now); Skew the accepted timestamp distance (DefaultSkew).
	Now  func() time.Time
	Skew time.Duration
}

// Verifier opens incoming pushes. It is safe for concurrent use.
type Verifier struct {
	mode  string
	appid string
	keys  KeySource
	now   func() time.Time
	skew  time.Duration
	cache atomic.Pointer[keyedCrypter] // the crypter of the keys seen last
}

// NewVerifier builds a Verifier opening pushes with keys (token and EncodingAESKey(s)). A
// missing appid or key is not an error here: every push is then rejected with a Misconfigured
// rejection, so the service still starts and says what is missing.
func NewVerifier(keys KeySource, o Options) *Verifier {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Skew <= 0 {
		o.Skew = DefaultSkew
	}
	if o.Mode != config.ModeCloudRun {
		o.Mode = config.ModeStandard // the safe default: require signatures
	}
	return &Verifier{mode: o.Mode, appid: o.AppID, keys: keys, now: o.Now, skew: o.Skew}
}

// Mode returns the delivery mode the verifier enforces.
func (v *Verifier) Mode() string { return v.mode }

// Incoming is the raw material of one push request.
type Incoming struct {
	Query  url.Values
	Header http.Header
	Body   []byte
}

// Push is an authenticated, decoded push.
type Push struct {
	// Plain is the message: the decrypted plaintext, or the body as received in CloudRun mode.
	Plain []byte
	// Msg is Plain decoded; empty (never nil) when Unparsed.
	Msg *msg.Message
	// Unparsed marks an authentic push whose content does not decode (invalid UTF-8, a NUL, a
	// number beyond int64, …). It is stored raw and flagged rather than refused: refusing it
	// would only make WeChat retry until the push is lost. ParseError says why.
	Unparsed   bool
	ParseError error
	// Encrypted tells whether the push arrived encrypted (and a reply must be encrypted too).
	Encrypted bool
	// DedupeKey is the same for every retry of this push and differs for any other push of the
	// same account (msg.Message.DedupeKey, or msg.RawKey of an unparsed push).
	DedupeKey string
	// Probe marks CloudRun's CheckContainerPath probe: answer success, store nothing.
	Probe bool
	// ReceivedAt is when the verifier accepted the push.
	ReceivedAt time.Time
	// nonce and crypter seal a passive reply with the key that opened the push.
	nonce   string
	crypter *crypt.Crypter
}

// SealReply turns a passive reply into the response body: encrypted and signed (§1.9) when the
// push was encrypted, unchanged otherwise.
func (p *Push) SealReply(reply []byte) ([]byte, error) {
	if !p.Encrypted || p.crypter == nil {
		return reply, nil
	}
	return p.crypter.EncryptReply(reply, formatUnix(p.ReceivedAt), p.nonce)
}

// Open authenticates and decodes one push. Errors are *Rejection when the request must be
// refused (nothing may be stored); any other error is ours (keys unreadable) and must not be
// answered with success, so that WeChat retries. Once a push is authentic it is never refused:
// content that does not decode comes back as an Unparsed push.
func (v *Verifier) Open(ctx context.Context, in Incoming) (*Push, error) {
	now := v.now()
	// In CloudRun mode an encrypted push (public ingress) is still verified like standard mode.
	if v.mode == config.ModeStandard || in.Query.Get("msg_signature") != "" {
		return v.openEncrypted(ctx, in, now)
	}
	return v.openCloudRun(in, now)
}

// decoded builds the Push of an authentic message: parsed when it parses, else raw and flagged
// Unparsed under the key of its exact bytes.
func decoded(plain []byte, now time.Time) *Push {
	m, err := msg.Parse(plain)
	if err != nil {
		empty := &msg.Message{Fields: map[string]string{}, Raw: plain}
		return &Push{Plain: plain, Msg: empty, Unparsed: true, ParseError: err, DedupeKey: msg.RawKey(plain), ReceivedAt: now}
	}
	return &Push{Plain: plain, Msg: m, DedupeKey: m.DedupeKey(), ReceivedAt: now}
}
