package msg

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// stringField maps an element name to a Message string member. Identifiers are trimmed because
// dispatch compares them exactly; free text (Content, Reason) is kept byte-exact.
type stringField struct {
	name string
	dst  *string
	trim bool
}

// intField maps an element name to a Message int64 member.
type intField struct {
	name string
	dst  *int64
}

// newMessage builds a Message from the flat field map produced by the XML or JSON reader, so
// both formats share one name table.
func newMessage(raw []byte, f map[string]string) (*Message, error) {
	m := &Message{Fields: f, Raw: bytes.Clone(raw)}
	for _, s := range m.stringFields() {
		v := f[s.name]
		if s.trim {
			v = strings.TrimSpace(v)
		}
		*s.dst = v
	}
	for _, n := range m.intFields() {
		v, err := parseInt(f[n.name])
		if err != nil {
			return nil, fmt.Errorf("field %s: %w", n.name, err)
		}
		*n.dst = v
	}
	return m, nil
}

// stringFields lists the string members with their exact (case-sensitive) element names.
func (m *Message) stringFields() []stringField {
	return []stringField{
		{"AppId", &m.AppID, true},
		{"InfoType", &m.InfoType, true},
		{"ComponentVerifyTicket", &m.ComponentVerifyTicket, true},
		{"AuthorizerAppid", &m.AuthorizerAppid, true},
		{"AuthorizationCode", &m.AuthorizationCode, true},
		{"PreAuthCode", &m.PreAuthCode, true},
		{"ToUserName", &m.ToUserName, true},
		{"FromUserName", &m.FromUserName, true},
		{"MsgType", &m.MsgType, true},
		{"Event", &m.Event, true},
		{"EventKey", &m.EventKey, true},
		{"Ticket", &m.Ticket, true},
		{"Content", &m.Content, false},
		{"Reason", &m.Reason, false},
		{"ScreenShot", &m.ScreenShot, true},
	}
}

// intFields lists the int64 members with their exact element names.
func (m *Message) intFields() []intField {
	return []intField{
		{"CreateTime", &m.CreateTime},
		{"AuthorizationCodeExpiredTime", &m.AuthorizationCodeExpiredTime},
		{"MsgId", &m.MsgID},
		{"SuccTime", &m.SuccTime},
		{"FailTime", &m.FailTime},
		{"DelayTime", &m.DelayTime},
	}
}

// parseInt reads a base-10 int64 from text, trimming surrounding whitespace; an absent or empty
// field is 0. Parsing the decimal text directly keeps values above 2^53 exact.
func parseInt(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%w: %q", ErrNumber, truncate(s, 32))
	}
	return v, nil
}

// truncate keeps error messages short when a hostile field is huge.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
