package wxsim

import (
	"fmt"
	"net/url"
	"strings"

	"wxcomponent/comm/wx/crypt"
)

// Tamper corrupts standard-mode pushes so tests can prove the service rejects them
// (wechat-protocol.md §1.4 and §7 suggest the wrong-appid case).
type Tamper string

// Tamper modes.
const (
	// TamperNone sends pushes as WeChat does.
	TamperNone Tamper = ""
	// TamperSignature sends a wrong msg_signature (and signature).
	TamperSignature Tamper = "signature"
	// TamperAppID encrypts with another appid in the plaintext trailer, correctly signed.
	TamperAppID Tamper = "appid"
)

// wrongTrailerAppID is the appid TamperAppID writes into the encrypted trailer.
const wrongTrailerAppID = "wx0000000000bad000"

// SetTamper corrupts every following standard-mode push in the given way until reset with
// TamperNone.
func (s *Sim) SetTamper(t Tamper) error {
	switch t {
	case TamperNone, TamperSignature, TamperAppID:
	default:
		return fmt.Errorf("unknown tamper mode %q", t)
	}
	s.clockMu.Lock()
	defer s.clockMu.Unlock()
	s.tamper = t
	return nil
}

// currentTamper reads the tamper mode.
func (s *Sim) currentTamper() Tamper {
	s.clockMu.Lock()
	defer s.clockMu.Unlock()
	return s.tamper
}

// sealFor seals a push, applying the tamper mode.
func (s *Sim) sealFor(plain []byte, toUser, ts, nonce string) (url.Values, []byte, error) {
	c := s.crypter
	tamper := s.currentTamper()
	if tamper == TamperAppID {
		wrong, err := crypt.New(s.cfg.Token, s.cfg.EncodingAESKey, wrongTrailerAppID)
		if err != nil {
			return nil, nil, fmt.Errorf("tamper crypter: %w", err)
		}
		c = wrong
	}
	q, body, err := c.SealPush(plain, toUser, ts, nonce)
	if err != nil {
		return nil, nil, err
	}
	if tamper == TamperAppID {
		// The envelope must still name our platform; only the encrypted trailer is wrong.
		body = []byte(strings.Replace(string(body), wrongTrailerAppID, s.cfg.ComponentAppID, 1))
	}
	if tamper == TamperSignature {
		q.Set("msg_signature", strings.Repeat("0", 40))
		q.Set("signature", strings.Repeat("0", 40))
	}
	return q, body, nil
}
