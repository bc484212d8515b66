package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"go.uber.org/zap"
)

// maxResponse caps a response body read into memory (QR code images included).
const maxResponse = 16 << 20

// errNoTokens means a call needing a token was made on a Client without one.
var errNoTokens = errors.New("wechat api client has no token source")

// CallRaw calls an API that takes no access token.
func (c *Client) CallRaw(ctx context.Context, method, path string, query url.Values, in, out any) error {
	return c.do(ctx, method, path, query, in, out)
}

// CallComponent calls a component-level API with the component token as
// ?component_access_token= (none in CloudRun open-API mode); a rejected token
// is invalidated, refreshed and the call retried exactly once.
func (c *Client) CallComponent(ctx context.Context, method, path string, query url.Values, in, out any) error {
	if c.o.CloudRunOpenAPI {
		return c.do(ctx, method, path, query, in, out)
	}
	return c.withToken(ctx, KindComponent, "", "component_access_token", method, path, query, in, out)
}

// CallAuthorizer calls an API on behalf of the authorizer appid with its
// token as ?access_token=, with the same single retry.
func (c *Client) CallAuthorizer(ctx context.Context, appid, method, path string, query url.Values, in, out any) error {
	if appid == "" {
		return fmt.Errorf("wechat %s: authorizer appid is required", path)
	}
	return c.withToken(ctx, KindAuthorizer, appid, "access_token", method, path, query, in, out)
}

// withToken runs the call, and once more with a fresh token if WeChat
// rejected the first one. Only the token that was used is invalidated, so a
// token another instance refreshed meanwhile is not thrown away.
func (c *Client) withToken(ctx context.Context, kind Kind, appid, param, method, path string, query url.Values, in, out any) error {
	if c.tokens == nil {
		return fmt.Errorf("wechat %s: %w", path, errNoTokens)
	}
	used, err := c.tokens.AccessToken(ctx, kind, appid)
	if err != nil {
		return fmt.Errorf("wechat %s: get access token: %w", path, err)
	}
	err = c.do(ctx, method, path, withParam(query, param, used), in, out)
	if !isTokenRejected(err) {
		return err
	}
	if ierr := c.tokens.Invalidate(ctx, kind, appid, used); ierr != nil {
		return fmt.Errorf("%w (invalidate rejected token: %v)", err, ierr)
	}
	fresh, terr := c.tokens.AccessToken(ctx, kind, appid)
	if terr != nil {
		return fmt.Errorf("%w (refresh after rejection: %v)", err, terr)
	}
	return c.do(ctx, method, path, withParam(query, param, fresh), in, out)
}

// withParam copies query and sets the token parameter (the caller's values stay untouched).
func withParam(query url.Values, name, value string) url.Values {
	q := url.Values{}
	for k, v := range query {
		q[k] = append([]string(nil), v...)
	}
	q.Set(name, value)
	return q
}

// do performs one HTTP exchange and decodes the answer into out.
func (c *Client) do(ctx context.Context, method, path string, query url.Values, in, out any) error {
	req, err := c.newRequest(ctx, method, path, query, in)
	if err != nil {
		return err
	}
	c.count(ctx, path)
	resp, err := c.http.Do(req)
	if err != nil {
		err = scrub(path, err)
		c.log.Warn("wechat api request failed", zap.String("path", path), zap.Error(err))
		return err
	}
	defer resp.Body.Close()
	if err := decode(path, resp, out); err != nil {
		c.logFailure(path, err)
		return err
	}
	return nil
}

// newRequest builds the request; POST without a body sends {} because WeChat
// answers 44002 to an empty body.
func (c *Client) newRequest(ctx context.Context, method, path string, query url.Values, in any) (*http.Request, error) {
	var body io.Reader
	contentType := "application/json"
	if raw, ok := in.(rawBody); ok {
		body, contentType = bytes.NewReader(raw.data), raw.contentType
	} else if method != http.MethodGet {
		b, err := encodeBody(in)
		if err != nil {
			return nil, fmt.Errorf("wechat %s: encode request: %w", path, err)
		}
		body = bytes.NewReader(b)
	}
	u := c.o.BaseURL + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return nil, fmt.Errorf("wechat %s: build request: %w", path, scrubErr(err))
	}
	req.Header.Set("User-Agent", c.userAgent())
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", contentType)
	}
	return req, nil
}

// rawBody is a request body sent as is with its own content type (multipart uploads); a retry
// sends the same bytes again.
type rawBody struct {
	contentType string
	data        []byte
}

// encodeBody marshals in as JSON without HTML escaping (WeChat stores ext_json
// and URLs verbatim); nil becomes {}.
func encodeBody(in any) ([]byte, error) {
	if in == nil {
		return []byte("{}"), nil
	}
	if raw, ok := in.([]byte); ok {
		return raw, nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(in); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// count records the call in the daily meter; a failing meter never fails a call.
func (c *Client) count(ctx context.Context, path string) {
	if c.o.Meter == nil {
		return
	}
	if err := c.o.Meter.CountAPICall(context.WithoutCancel(ctx), path); err != nil {
		c.log.Debug("count api call", zap.String("path", path), zap.Error(err))
	}
}

// logFailure logs path, errcode and rid: never the query, which holds the token.
func (c *Client) logFailure(path string, err error) {
	var e *Error
	if errors.As(err, &e) {
		c.log.Warn("wechat api error", zap.String("path", path), zap.Int64("errcode", e.Code), zap.String("rid", e.RID))
		return
	}
	c.log.Warn("wechat api failed", zap.String("path", path), zap.Error(err))
}

// scrub replaces a transport error, whose text includes the full URL and so
// the access token, with one naming only the path.
func scrub(path string, err error) error {
	return fmt.Errorf("wechat %s: %w", path, scrubErr(err))
}

// scrubErr unwraps *url.Error, which prints the URL.
func scrubErr(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s: %w", ue.Op, ue.Err)
	}
	return err
}
