package api

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"unicode"
)

// FlexInt is an integer WeChat (or the console) may send as a JSON number or as a string of
// digits — commit's template_id is documented as a number but sent as "0" in WeChat's own
// examples, and the console sends templateId as a string. It is always sent as a number.
type FlexInt int64

// UnmarshalJSON accepts 12, "12", "" and null.
func (f *FlexInt) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	if s == "null" {
		return nil
	}
	s = strings.Trim(s, `"`)
	if s == "" {
		*f = 0
		return nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return &json.UnmarshalTypeError{Value: "string " + s, Type: reflect.TypeOf(FlexInt(0))}
	}
	*f = FlexInt(n)
	return nil
}

// unmarshalEitherCase decodes b into v after rewriting every object key from camelCase to
// snake_case, so request types bind both WeChat's spelling (item_list) and the console's
// (itemList). v must be a pointer to a type without its own UnmarshalJSON (an alias).
func unmarshalEitherCase(b []byte, v any) error {
	var tree any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&tree); err != nil {
		return err
	}
	snaked, err := json.Marshal(mapKeys(tree, snakeCase))
	if err != nil {
		return err
	}
	return json.Unmarshal(snaked, v)
}

// CamelJSON marshals v with every object key rewritten from snake_case to camelCase
// (release_info → releaseInfo), for HTTP answers in the console's spelling.
func CamelJSON(v any) ([]byte, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var tree any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&tree); err != nil {
		return nil, err
	}
	return json.Marshal(mapKeys(tree, camelCase))
}

// mapKeys rewrites the keys of every object in a decoded JSON tree.
func mapKeys(v any, f func(string) string) any {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, x := range t {
			out[f(k)] = mapKeys(x, f)
		}
		return out
	case []any:
		for i, x := range t {
			t[i] = mapKeys(x, f)
		}
	}
	return v
}

// snakeCase turns itemList into item_list; snake_case keys stay as they are.
func snakeCase(s string) string {
	var b strings.Builder
	for i, r := range s {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// camelCase turns item_list into itemList.
func camelCase(s string) string {
	parts := strings.Split(s, "_")
	for i := 1; i < len(parts); i++ {
		if p := parts[i]; p != "" {
			parts[i] = strings.ToUpper(p[:1]) + p[1:]
		}
	}
	return strings.Join(parts, "")
}
