package msg

import "testing"

// FuzzParseXML checks that no XML input panics the parser and that a parsed message is usable.
func FuzzParseXML(f *testing.F) {
	for _, s := range []string{ticketXML, authorizedXML, textXML, auditFailXML, fastRegisterXML,
		"<xml><Encrypt><![CDATA[x]]></Encrypt></xml>", "<xml>", "<a><b><c/></b></a>", ""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if m, err := ParseXML(data); err == nil {
			_ = m.DedupeKey()
		}
		_, _ = ParseEnvelope(data)
		_ = IsCheckContainerPath(data)
	})
}

// FuzzParseJSON checks that no JSON input panics the parser and that a parsed message is usable.
func FuzzParseJSON(f *testing.F) {
	for _, s := range []string{`{"MsgId":23637352235060880,"CreateTime":"1651049934"}`,
		`{"action":"CheckContainerPath"}`, `{"AppId":"a","appid":"b","info":{}}`, `null`, `{`, ""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if m, err := ParseJSON(data); err == nil {
			_ = m.DedupeKey()
		}
		_, _ = Parse(data)
	})
}
