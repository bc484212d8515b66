package api

import (
	"context"
	"net/http"
	"net/url"
)

// PathCustomSend sends a customer-service message on behalf of an authorizer.
const PathCustomSend = "/cgi-bin/message/custom/send"

// customText is the body of a text customer-service message.
type customText struct {
	ToUser  string `json:"touser"`
	MsgType string `json:"msgtype"`
	Text    struct {
		Content string `json:"content"`
	} `json:"text"`
}

func newCustomText(toUser, content string) customText {
	m := customText{ToUser: toUser, MsgType: "text"}
	m.Text.Content = content
	return m
}

// SendCustomTextWith sends a text customer-service message to openid toUser with an authorizer
// token the caller holds (the one api_query_auth just returned, as WeChat's go-live check
// expects); there is no retry with another token.
func (c *Client) SendCustomTextWith(ctx context.Context, accessToken, toUser, content string) error {
	q := url.Values{"access_token": {accessToken}}
	return c.do(ctx, http.MethodPost, PathCustomSend, q, newCustomText(toUser, content), nil)
}

// SendCustomText sends a text customer-service message on behalf of appid with its managed
// authorizer token.
func (c *Client) SendCustomText(ctx context.Context, appid, toUser, content string) error {
	return c.CallAuthorizer(ctx, appid, http.MethodPost, PathCustomSend, nil, newCustomText(toUser, content), nil)
}
