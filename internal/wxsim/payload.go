package wxsim

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// field is one element of a push payload. Keeping the payload as an ordered tree lets the same
// message be rendered as WeChat's XML (standard mode) and as CloudRun's JSON with XML element
// names as keys and numbers as numbers (wechat-protocol.md §4).
type field struct {
	name  string
	value string
	isNum bool    // rendered bare in XML and as a JSON number
	kids  []field // non-empty for nested elements
}

// str is a string field (CDATA in XML).
func str(name, v string) field { return field{name: name, value: v} }

// num is an integer field.
func num(name string, v int64) field { return field{name: name, value: fmt.Sprint(v), isNum: true} }

// renderXML writes fields inside <xml>…</xml> the way WeChat does: strings in CDATA, numbers bare.
func renderXML(fields []field) []byte {
	var b bytes.Buffer
	b.WriteString("<xml>")
	writeXMLFields(&b, fields)
	b.WriteString("</xml>")
	return b.Bytes()
}

// writeXMLFields renders a list of fields recursively.
func writeXMLFields(b *bytes.Buffer, fields []field) {
	for _, f := range fields {
		b.WriteString("<" + f.name + ">")
		switch {
		case len(f.kids) > 0:
			writeXMLFields(b, f.kids)
		case f.isNum:
			b.WriteString(f.value)
		default:
			// A "]]>" inside the value is split across two CDATA sections so it survives.
			b.WriteString("<![CDATA[" + strings.ReplaceAll(f.value, "]]>", "]]]]><![CDATA[>") + "]]>")
		}
		b.WriteString("</" + f.name + ">")
	}
}

// renderJSON writes fields as one JSON object in their original order; repeated element names
// become arrays.
func renderJSON(fields []field) []byte {
	var b bytes.Buffer
	writeJSONObject(&b, fields)
	return b.Bytes()
}

// writeJSONObject renders fields as an object, grouping repeated names into arrays.
func writeJSONObject(b *bytes.Buffer, fields []field) {
	var order []string
	groups := map[string][]field{}
	for _, f := range fields {
		if _, seen := groups[f.name]; !seen {
			order = append(order, f.name)
		}
		groups[f.name] = append(groups[f.name], f)
	}
	b.WriteByte('{')
	for i, name := range order {
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSONString(b, name)
		b.WriteByte(':')
		writeJSONGroup(b, groups[name])
	}
	b.WriteByte('}')
}

// writeJSONGroup renders one value, or an array when the element occurred more than once.
func writeJSONGroup(b *bytes.Buffer, group []field) {
	if len(group) == 1 {
		writeJSONValue(b, group[0])
		return
	}
	b.WriteByte('[')
	for i, f := range group {
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSONValue(b, f)
	}
	b.WriteByte(']')
}

// writeJSONValue renders a single field's value.
func writeJSONValue(b *bytes.Buffer, f field) {
	switch {
	case len(f.kids) > 0:
		writeJSONObject(b, f.kids)
	case f.isNum:
		b.WriteString(f.value) // digits only, so a valid JSON number of any size (MsgId > 2^53)
	default:
		writeJSONString(b, f.value)
	}
}

// writeJSONString writes s as a JSON string without HTML escaping.
func writeJSONString(b *bytes.Buffer, s string) {
	var tmp bytes.Buffer
	enc := json.NewEncoder(&tmp)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // encoding a string cannot fail
	b.Write(bytes.TrimRight(tmp.Bytes(), "\n"))
}

// parseXMLFields reads a WeChat-style XML document (root <xml>) into fields. Text in CDATA stays
// a string; bare integers become numbers, matching how WeChat types its XML (§2 "Field types").
func parseXMLFields(data []byte) ([]field, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("parse message xml: %w", err)
		}
		if _, ok := tok.(xml.StartElement); ok {
			f, err := parseElement(dec, data, "xml")
			if err != nil {
				return nil, fmt.Errorf("parse message xml: %w", err)
			}
			return f.kids, nil
		}
	}
}

// parseElement reads the content of the element just opened, up to its end tag. The raw input
// between offsets tells whether character data came from a CDATA section, which encoding/xml
// does not report.
func parseElement(dec *xml.Decoder, data []byte, name string) (field, error) {
	f := field{name: name}
	var text strings.Builder
	cdata := false
	for {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return f, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			kid, err := parseElement(dec, data, t.Name.Local)
			if err != nil {
				return f, err
			}
			f.kids = append(f.kids, kid)
		case xml.CharData:
			text.Write(t)
			cdata = cdata || bytes.Contains(data[start:dec.InputOffset()], []byte("<![CDATA["))
		case xml.EndElement:
			return finishLeaf(f, text.String(), cdata), nil
		}
	}
}

// finishLeaf sets a leaf's value and decides whether it is a number.
func finishLeaf(f field, text string, cdata bool) field {
	if len(f.kids) > 0 {
		return f
	}
	if cdata {
		f.value = text
		return f
	}
	f.value = strings.TrimSpace(text)
	f.isNum = isJSONInteger(f.value)
	return f
}

// isJSONInteger reports whether s is an integer literal JSON accepts (no leading zeros).
func isJSONInteger(s string) bool {
	digits := strings.TrimPrefix(s, "-")
	if digits == "" || (len(digits) > 1 && digits[0] == '0') {
		return false
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return false
		}
	}
	return true
}

// lookup returns the value of the top-level field name, or "".
func lookup(fields []field, name string) string {
	for _, f := range fields {
		if f.name == name {
			return f.value
		}
	}
	return ""
}
