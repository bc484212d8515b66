package crypt

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/url"
	"strings"
)

// maxReplyBytes caps what OpenReply will parse; real replies are a few kilobytes.
const maxReplyBytes = 1 << 20

// EncryptReply seals msg (a passive reply XML) and returns the body of §1.9:
// <xml><Encrypt/><MsgSignature/><TimeStamp/><Nonce/></xml>. nonce is usually echoed from the
// request; it is escaped so a hostile value cannot break out of its CDATA section.
func (c *Crypter) EncryptReply(msg []byte, timestamp, nonce string) ([]byte, error) {
	encrypt, err := c.Encrypt(msg)
	if err != nil {
		return nil, fmt.Errorf("encrypt reply: %w", err)
	}
	return c.replyBody(encrypt, timestamp, nonce), nil
}

// replyBody formats the encrypted reply with element names and CDATA placement exactly as WeChat
// documents them.
func (c *Crypter) replyBody(encrypt, timestamp, nonce string) []byte {
	var b bytes.Buffer
	b.WriteString("<xml>\n<Encrypt>")
	writeCDATA(&b, encrypt)
	b.WriteString("</Encrypt>\n<MsgSignature>")
	writeCDATA(&b, Signature(c.token, timestamp, nonce, encrypt))
	b.WriteString("</MsgSignature>\n<TimeStamp>")
	_ = xml.EscapeText(&b, []byte(timestamp)) // bytes.Buffer writes cannot fail
	b.WriteString("</TimeStamp>\n<Nonce>")
	writeCDATA(&b, nonce)
	b.WriteString("</Nonce>\n</xml>")
	return b.Bytes()
}

// OpenReply verifies the MsgSignature of an encrypted passive reply body and decrypts it. The
// simulator uses it to check what our server answered.
func (c *Crypter) OpenReply(body []byte) ([]byte, error) {
	if len(body) > maxReplyBytes {
		return nil, fmt.Errorf("%w: reply body of %d bytes", ErrBuffer, len(body))
	}
	var r struct {
		Encrypt      string `xml:"Encrypt"`
		MsgSignature string `xml:"MsgSignature"`
		TimeStamp    string `xml:"TimeStamp"`
		Nonce        string `xml:"Nonce"`
	}
	if err := xml.Unmarshal(body, &r); err != nil {
		return nil, fmt.Errorf("parse reply xml: %w", err)
	}
	encrypt := strings.TrimSpace(r.Encrypt)
	if !c.VerifyMsgSignature(strings.TrimSpace(r.TimeStamp), r.Nonce, encrypt, strings.TrimSpace(r.MsgSignature)) {
		return nil, fmt.Errorf("reply: %w", ErrBadSignature)
	}
	return c.Decrypt(encrypt)
}

// SealPush builds the query (timestamp, nonce, signature, msg_signature, encrypt_type=aes) and the
// XML envelope body (<xml><AppId|ToUserName/><Encrypt/></xml>) WeChat would send for msg.
// toUserName empty ⇒ component envelope with <AppId>.
func (c *Crypter) SealPush(msg []byte, toUserName, timestamp, nonce string) (url.Values, []byte, error) {
	return c.SealPushWithRandom(randomPrefix(), msg, toUserName, timestamp, nonce)
}

// SealPushWithRandom is SealPush with a fixed 16-byte random prefix, for reproducible vectors.
func (c *Crypter) SealPushWithRandom(random16, msg []byte, toUserName, timestamp, nonce string) (url.Values, []byte, error) {
	encrypt, err := c.EncryptWithRandom(random16, msg)
	if err != nil {
		return nil, nil, fmt.Errorf("seal push: %w", err)
	}
	query := url.Values{
		"timestamp":     {timestamp},
		"nonce":         {nonce},
		"signature":     {Signature(c.token, timestamp, nonce)},
		"msg_signature": {Signature(c.token, timestamp, nonce, encrypt)},
		"encrypt_type":  {"aes"},
	}
	return query, c.pushBody(encrypt, toUserName), nil
}

// pushBody formats the outer envelope: component pushes name the platform in <AppId>, message
// pushes name the authorizer's gh_ id in <ToUserName> (§1.8).
func (c *Crypter) pushBody(encrypt, toUserName string) []byte {
	var b bytes.Buffer
	if toUserName == "" {
		b.WriteString("<xml><AppId>")
		writeCDATA(&b, c.appid)
		b.WriteString("</AppId><Encrypt>")
	} else {
		b.WriteString("<xml><ToUserName>")
		writeCDATA(&b, toUserName)
		b.WriteString("</ToUserName><Encrypt>")
	}
	writeCDATA(&b, encrypt)
	b.WriteString("</Encrypt></xml>")
	return b.Bytes()
}

// writeCDATA wraps s in a CDATA section, splitting any "]]>" across two sections so the value
// round-trips instead of terminating the section early.
func writeCDATA(b *bytes.Buffer, s string) {
	b.WriteString("<![CDATA[")
	b.WriteString(strings.ReplaceAll(s, "]]>", "]]]]><![CDATA[>"))
	b.WriteString("]]>")
}
