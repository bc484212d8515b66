package batchrelease

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// Built-in variables of the ext_json template, filled from the authorizer row.
const (
	VarAppID         = "appid"
	VarNickname      = "nickname"
	VarPrincipalName = "principalName"
)

// placeholder matches {{name}} (spaces inside the braces allowed).
var placeholder = regexp.MustCompile(`\{\{\s*([A-Za-z0-9_.\-]+)\s*\}\}`)

// MissingVarsError lists the variables an account has no value for.
type MissingVarsError struct {
	AppID string
	Names []string
}

// Error says which account lacks which variables.
func (e *MissingVarsError) Error() string {
	return fmt.Sprintf("帐号 %s 缺少变量：%s", e.AppID, strings.Join(e.Names, "、"))
}

// Render fills the {{name}} placeholders of tmpl with vars. A placeholder inside a JSON string
// gets the value JSON-escaped without quotes; one outside a string becomes a quoted JSON string.
// So any value (quotes, backslashes, newlines) yields valid JSON; the result is checked anyway.
func Render(tmpl, appid string, vars map[string]string) (string, error) {
	var out strings.Builder
	var missing []string
	last := 0
	for _, m := range placeholder.FindAllStringSubmatchIndex(tmpl, -1) {
		out.WriteString(tmpl[last:m[0]])
		last = m[1]
		name := tmpl[m[2]:m[3]]
		v, ok := vars[name]
		if !ok {
			missing = append(missing, name)
			continue
		}
		q, _ := json.Marshal(v) // a string always marshals
		if insideString(tmpl, m[0]) {
			q = q[1 : len(q)-1]
		}
		out.Write(q)
	}
	out.WriteString(tmpl[last:])
	if len(missing) > 0 {
		return "", &MissingVarsError{AppID: appid, Names: dedupe(missing)}
	}
	s := out.String()
	if err := checkJSON(s); err != nil {
		return "", fmt.Errorf("帐号 %s 的 ext_json 不是合法的 JSON：%w", appid, err)
	}
	return s, nil
}

// checkJSON requires a JSON object (what WeChat's ext_json must be), naming the offset of a
// syntax error.
func checkJSON(s string) error {
	var v map[string]any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return fmt.Errorf("第 %d 个字节处：%v", se.Offset, err)
		}
		return err
	}
	return nil
}

// insideString tells whether byte offset pos of the JSON text s lies inside a string literal.
func insideString(s string, pos int) bool {
	in, esc := false, false
	for i := 0; i < pos; i++ {
		switch c := s[i]; {
		case esc:
			esc = false
		case in && c == '\\':
			esc = true
		case c == '"':
			in = !in
		}
	}
	return in
}

// TemplateVars lists the variable names tmpl uses, sorted, without duplicates.
func TemplateVars(tmpl string) []string {
	var names []string
	for _, m := range placeholder.FindAllStringSubmatch(tmpl, -1) {
		names = append(names, m[1])
	}
	return dedupe(names)
}

// dedupe sorts names and drops repeats.
func dedupe(names []string) []string {
	sort.Strings(names)
	out := names[:0]
	for i, n := range names {
		if i == 0 || n != names[i-1] {
			out = append(out, n)
		}
	}
	return out
}

// accountVars merges the operator's values for one account with the built-in ones; the built-in
// names always take the authorizer row's values.
func accountVars(own map[string]string, appid, nickname, principal string) map[string]string {
	out := make(map[string]string, len(own)+3)
	for k, v := range own {
		out[k] = v
	}
	out[VarAppID], out[VarNickname], out[VarPrincipalName] = appid, nickname, principal
	return out
}
