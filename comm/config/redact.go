package config

import (
	"fmt"
	"reflect"
	"strings"
)

// Redacted renders the config for logs with every secret field masked.
func (c *Config) Redacted() map[string]string {
	out := map[string]string{}
	v := reflect.ValueOf(*c)
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		val := fmt.Sprint(v.Field(i).Interface())
		if f.Tag.Get("secret") == "true" {
			val = Mask(val)
		}
		out[f.Name] = val
	}
	return out
}

// Mask hides a secret: empty stays empty (so "not set" remains visible),
// short values are fully hidden, longer ones keep their first 5 and last 4 characters.
func Mask(s string) string {
	switch {
	case s == "":
		return ""
	case len(s) < 16:
		return "***"
	default:
		return s[:5] + "***" + s[len(s)-4:]
	}
}

// MaskAll hides a secret completely while still telling that it is set.
func MaskAll(s string) string {
	if s == "" {
		return ""
	}
	return strings.Repeat("*", 8)
}
