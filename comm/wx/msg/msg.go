// Package msg decodes decrypted WeChat pushes — component (授权事件) pushes and the message/event
// pushes received on behalf of authorizers — from XML, or from the plaintext JSON of a CloudRun
// deployment, into one typed Message. It knows nothing of HTTP or of encryption.
package msg

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
)

// MaxBodyBytes is the largest body any parser here accepts; real pushes are a few kilobytes, so
// anything bigger is treated as abuse rather than buffered and parsed.
const MaxBodyBytes = 1 << 20

// Sentinel errors; returned errors wrap one of them so callers can tell bad input classes apart.
var (
	// ErrTooLarge reports a body larger than MaxBodyBytes.
	ErrTooLarge = errors.New("msg: body too large")
	// ErrUnknownFormat reports a body that starts with neither '<' nor '{'.
	ErrUnknownFormat = errors.New("msg: body is neither XML nor JSON")
	// ErrMalformed reports XML or JSON that does not parse as a single flat-rooted document.
	ErrMalformed = errors.New("msg: malformed body")
	// ErrNumber reports a numeric field whose text is not a base-10 int64.
	ErrNumber = errors.New("msg: invalid number")
	// ErrNoEncrypt reports an envelope without an Encrypt value.
	ErrNoEncrypt = errors.New("msg: envelope has no Encrypt")
)

// Message is one decoded push. Field names follow the XML element names of the protocol; both
// the XML and the JSON forms fill the same fields.
type Message struct {
	// AppID is <AppId>: the component appid on component pushes.
	AppID string
	// CreateTime is the push time in Unix seconds.
	CreateTime int64
	// InfoType selects the kind of component push (component_verify_ticket, authorized, …).
	InfoType string
	// ComponentVerifyTicket is the ticket of a component_verify_ticket push.
	ComponentVerifyTicket string
	// AuthorizerAppid is the authorizer affected by an authorization change.
	AuthorizerAppid string
	// AuthorizationCode is the code to exchange with api_query_auth.
	AuthorizationCode string
	// AuthorizationCodeExpiredTime is opaque: seconds per the docs, an absolute time in practice.
	AuthorizationCodeExpiredTime int64
	// PreAuthCode is the pre-auth code the authorization was started with.
	PreAuthCode string

	// ToUserName is the authorizer's original (gh_) id on message/event pushes.
	ToUserName string
	// FromUserName is the sender's openid (or a system account for audit events).
	FromUserName string
	// MsgType is text, image, event, ….
	MsgType string
	// Event names the event when MsgType is "event".
	Event string
	// EventKey is the event key, e.g. qrscene_… for subscriptions via QR code.
	EventKey string
	// Ticket is the QR-code ticket of a subscribe/scan event.
	Ticket string
	// Content is the text of a text message, kept byte-exact.
	Content string
	// MsgID is <MsgId>; it can exceed 2^53 and is never routed through float64.
	MsgID int64

	// Reason explains an audit failure or delay (may contain <br>).
	Reason string
	// ScreenShot holds '|'-separated media ids of an audit failure.
	ScreenShot string
	// SuccTime, FailTime and DelayTime are the audit event times in Unix seconds.
	SuccTime, FailTime, DelayTime int64

	// Fields holds the text of every top-level scalar element/key by its exact name, so fields
	// without a struct member (appid, status, auth_code, …) stay reachable.
	Fields map[string]string
	// Raw is a copy of the body that was parsed.
	Raw []byte
}

// Parse sniffs the first non-space byte: '<' parses XML, '{' parses JSON, anything else fails.
func Parse(b []byte) (*Message, error) { return parseWith(b, sniffFields) }

// ParseXML decodes an XML push; string values may or may not be wrapped in CDATA.
func ParseXML(b []byte) (*Message, error) { return parseWith(b, xmlFields) }

// ParseJSON decodes a CloudRun JSON push; numbers may be JSON numbers or numeric strings.
func ParseJSON(b []byte) (*Message, error) { return parseWith(b, jsonFields) }

// parseWith reads b's fields with read, after the size guard and the lead trim every entry
// point shares, and builds the Message from them.
func parseWith(b []byte, read func([]byte) (map[string]string, error)) (*Message, error) {
	f, err := fieldsWith(b, read)
	if err != nil {
		return nil, err
	}
	return newMessage(b, f)
}

// DedupeKey identifies a push across WeChat's retries, which resend the decrypted message byte
// for byte: "msg:<MsgId>" for messages (a retry carries the same MsgId), otherwise RawKey of
// the whole body. Every byte counts, so two pushes that differ in anything (an EventKey, an
// auth_code, an openid's case) never share a key; callers scope it by account.
func (m *Message) DedupeKey() string {
	if m.MsgID != 0 {
		return "msg:" + strconv.FormatInt(m.MsgID, 10)
	}
	return RawKey(m.Raw)
}

// RawKey is the dedupe key of a push by its exact bytes, "sha256:<hex>"; it also keys pushes
// whose content does not parse.
func RawKey(b []byte) string {
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// fieldsWith enforces MaxBodyBytes, drops what may precede the root and reads the fields.
func fieldsWith(b []byte, read func([]byte) (map[string]string, error)) (map[string]string, error) {
	if len(b) > MaxBodyBytes {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(b), MaxBodyBytes)
	}
	return read(trimLead(b))
}

// sniffFields reads XML or JSON, chosen by the first byte of the trimmed body.
func sniffFields(t []byte) (map[string]string, error) {
	switch {
	case len(t) > 0 && t[0] == '<':
		return xmlFields(t)
	case len(t) > 0 && t[0] == '{':
		return jsonFields(t)
	}
	return nil, ErrUnknownFormat
}

// trimLead drops a UTF-8 byte-order mark and leading whitespace, which some tools prepend and
// which neither decoder accepts before the root.
func trimLead(b []byte) []byte {
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	return bytes.TrimLeft(b, " \t\r\n")
}
