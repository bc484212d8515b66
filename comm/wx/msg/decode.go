package msg

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// xmlFields reads <root><Name>text</Name>…</root> into a map of the root's leaf children.
// Elements with children (info, result_info) are skipped here and stay available in Raw.
// encoding/xml delivers CDATA and plain text alike as CharData, so both styles work.
func xmlFields(b []byte) (map[string]string, error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	if err := skipToRoot(d); err != nil {
		return nil, err
	}
	fields := make(map[string]string)
	for {
		tok, err := d.Token()
		if err != nil {
			return nil, malformed("xml", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			text, leaf, err := elementText(d)
			if err != nil {
				return nil, err
			}
			// First occurrence wins so a duplicated element cannot override the real one.
			if _, seen := fields[t.Name.Local]; leaf && !seen {
				fields[t.Name.Local] = text
			}
		case xml.EndElement:
			return fields, expectXMLEnd(d)
		}
	}
}

// skipToRoot consumes the prolog (declaration, comments, whitespace) up to the root element.
func skipToRoot(d *xml.Decoder) error {
	for {
		tok, err := d.Token()
		if err != nil {
			return malformed("xml", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return nil
		case xml.CharData:
			if len(bytes.TrimSpace(t)) != 0 {
				return malformed("xml", errors.New("text before the root element"))
			}
		}
	}
}

// elementText collects the text of the element whose start tag was just read; leaf is false
// when it contains child elements.
func elementText(d *xml.Decoder) (text string, leaf bool, err error) {
	var buf bytes.Buffer
	leaf = true
	for {
		tok, err := d.Token()
		if err != nil {
			return "", false, malformed("xml", err)
		}
		switch t := tok.(type) {
		case xml.CharData:
			buf.Write(t)
		case xml.StartElement:
			leaf = false
			if err := d.Skip(); err != nil {
				return "", false, malformed("xml", err)
			}
		case xml.EndElement:
			return buf.String(), leaf, nil
		}
	}
}

// expectXMLEnd rejects anything but whitespace, comments or processing instructions after the
// root, so two concatenated documents are not silently half-read.
func expectXMLEnd(d *xml.Decoder) error {
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return malformed("xml", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return malformed("xml", errors.New("content after the root element"))
		case xml.CharData:
			if len(bytes.TrimSpace(t)) != 0 {
				return malformed("xml", errors.New("text after the root element"))
			}
		}
	}
}

// jsonFields reads a JSON object's top-level scalar members by their exact key. Keys are matched
// case-sensitively on purpose: encoding/json's struct decoding folds case, which would let the
// lower-case "appid" of notify_third_* pushes overwrite "AppId".
func jsonFields(b []byte) (map[string]string, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, malformed("json", err)
	}
	if raw == nil {
		return nil, malformed("json", errors.New("top level is not an object"))
	}
	fields := make(map[string]string, len(raw))
	for k, v := range raw {
		text, scalar, err := jsonScalar(v)
		if err != nil {
			return nil, fmt.Errorf("key %s: %w", truncate(k, 64), err)
		}
		if scalar {
			fields[k] = text
		}
	}
	return fields, nil
}

// jsonScalar returns the text of a string, number, boolean or null value. Numbers keep their
// literal decimal text, so integers above 2^53 are never rounded through float64.
func jsonScalar(v json.RawMessage) (string, bool, error) {
	v = bytes.TrimSpace(v)
	if len(v) == 0 {
		return "", false, nil
	}
	switch v[0] {
	case '{', '[':
		return "", false, nil
	case 'n':
		return "", true, nil
	case '"':
		var s string
		if err := json.Unmarshal(v, &s); err != nil {
			return "", false, malformed("json", err)
		}
		return s, true, nil
	}
	return string(v), true, nil
}

// malformed wraps a decoder error with ErrMalformed and the format name.
func malformed(format string, err error) error {
	return fmt.Errorf("%w: %s: %w", ErrMalformed, format, err)
}
