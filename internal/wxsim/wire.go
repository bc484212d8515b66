package wxsim

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
)

// apiError is a WeChat error answer: HTTP 200 with {"errcode","errmsg"} (wechat-protocol.md §5.0).
type apiError struct {
	Code int
	Msg  string
}

// Error makes apiError usable where an error is expected (e.g. Go-level Authorize).
func (e *apiError) Error() string { return fmt.Sprintf("wechat errcode %d: %s", e.Code, e.Msg) }

// wxErr builds an apiError with WeChat's English text for code.
func wxErr(code int) *apiError { return &apiError{Code: code, Msg: errText(code)} }

// errText returns the errmsg WeChat uses for code; unknown codes get a generic text, since
// clients must switch on errcode and never on errmsg.
func errText(code int) string {
	texts := map[int]string{
		-1:    "system error",
		40001: "invalid credential, access_token is invalid or not latest",
		40003: "invalid openid",
		40008: "invalid message type",
		40013: "invalid appid",
		40014: "invalid access_token",
		40097: "invalid args",
		40125: "invalid appsecret",
		40170: "args count exceed count limit",
		41001: "access_token missing",
		41004: "appsecret missing",
		41018: "missing component_appid",
		42001: "access_token expired",
		43001: "require GET method",
		43002: "require POST method",
		44002: "empty post data",
		45009: "reach max api daily quota limit",
		47001: "data format error",
		61003: "component is not authorized by this account",
		61005: "component ticket is expired",
		61006: "component ticket is invalid",
		61007: "api is unauthorized to component",
		61009: "code is invalid",
		61010: "code is expired",
		61014: "must use component token for component api",
		61015: "must use biz account token for not component api",
		61023: "refresh_token is invalid",
	}
	if t, ok := texts[code]; ok {
		return t
	}
	if t, ok := codeErrTexts[code]; ok {
		return t
	}
	return "simulated error"
}

// writeJSON answers HTTP 200 with v as JSON in WeChat's content type. HTML escaping is off
// because WeChat does not escape & < > in its JSON either.
func writeJSON(w http.ResponseWriter, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		http.Error(w, "encode response: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; encoding=utf-8")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(buf.Bytes())
}

// writeWxErr answers an error the way WeChat does: status 200, errmsg suffixed with a request id.
func writeWxErr(w http.ResponseWriter, e *apiError) {
	writeJSON(w, map[string]any{"errcode": e.Code, "errmsg": e.Msg + " rid: " + newRID()})
}

// okBody is the {"errcode":0,"errmsg":"ok"} answer of endpoints that return nothing else.
func okBody() map[string]any { return map[string]any{"errcode": 0, "errmsg": "ok"} }

// asAPIError extracts the WeChat error inside err, or -1 "system error" for anything else.
func asAPIError(err error) *apiError {
	var e *apiError
	if errors.As(err, &e) {
		return e
	}
	return wxErr(-1)
}
