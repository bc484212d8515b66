package config

import (
	"fmt"
	"reflect"
)

// Redacted renders the config for logs with every secret field masked.
func (c *Config) Redacted() map[string]string {
	out := map[string]string{}
	v := reflect.ValueOf(*c)
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		val := fmt.Sprint(v.Field(i).Interface())
		if f.Tag.Get("secret") == "true" && val != "" {
			val = "***"
		}
		out[f.Name] = val
	}
	return out
}

// Mask hides a secret for display: empty stays empty (so "not set" stays
// visible); the longer the value, the more of its ends may show, so that the
// hidden part is always long enough not to be guessed (a 32-character
// AppSecret shows its first 5 and last 4, as the original console did).
func Mask(s string) string {
	switch n := len(s); {
	case n == 0:
		return ""
	case n < 16:
		return "***"
	case n < 32:
		return s[:2] + "***" + s[n-2:]
	default:
		return s[:5] + "***" + s[n-4:]
	}
}

// String renders the config with secrets hidden, so printing it by mistake
// (%v, zap.Any) never leaks a password or key.
func (c Config) String() string { return fmt.Sprint(c.Redacted()) }
