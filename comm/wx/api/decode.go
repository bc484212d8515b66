package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// envelope is the error part every JSON answer may carry. errcode absent or 0
// means success (token endpoints answer with the bare data).
type envelope struct {
	Errcode *int64 `json:"errcode"`
	Errmsg  string `json:"errmsg"`
}

// decode checks status and errcode, then unmarshals into out. An out of type
// *[]byte receives the raw body (for image answers, which are not JSON).
func decode(path string, resp *http.Response, out any) error {
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if err != nil {
		return fmt.Errorf("wechat %s: read response: %w", path, err)
	}
	if resp.StatusCode != http.StatusOK {
		return &StatusError{Path: path, Status: resp.StatusCode}
	}
	if img, ok := out.(*Image); ok && isImage(resp) {
		*img = Image{ContentType: resp.Header.Get("Content-Type"), Data: body}
		return nil
	}
	if raw, ok := out.(*[]byte); ok && !looksJSON(body) {
		*raw = body
		return nil
	}
	var env envelope
	if err := json.Unmarshal(body, &env); err != nil {
		return fmt.Errorf("wechat %s: decode response: %w", path, err)
	}
	if env.Errcode != nil && *env.Errcode != 0 {
		return &Error{Path: path, Code: *env.Errcode, Msg: env.Errmsg, RID: parseRID(env.Errmsg)}
	}
	return unmarshalOut(path, body, out)
}

// unmarshalOut fills out from a successful body.
func unmarshalOut(path string, body []byte, out any) error {
	switch o := out.(type) {
	case nil:
		return nil
	case *Image:
		return fmt.Errorf("wechat %s: expected an image, got %.100s", path, body)
	case *[]byte:
		*o = body
		return nil
	}
	if err := json.Unmarshal(body, out); err != nil {
		return fmt.Errorf("wechat %s: decode response: %w", path, err)
	}
	return nil
}

// looksJSON tells a JSON object from binary content.
func looksJSON(b []byte) bool {
	b = bytes.TrimSpace(b)
	return len(b) > 0 && b[0] == '{'
}

// Image is an image answer (QR codes, audit screenshots).
type Image struct {
	ContentType string
	Data        []byte
}

// isImage applies the rule of wechat-protocol.md §5.5 get_qrcode: image/* is the image, anything
// else (application/json, text/plain) carries an errcode.
func isImage(resp *http.Response) bool {
	return strings.HasPrefix(strings.ToLower(resp.Header.Get("Content-Type")), "image/")
}
