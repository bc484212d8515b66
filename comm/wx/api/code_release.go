package api

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
)

// Release paths (wechat-protocol.md §5.5).
const (
	PathRelease           = "/wxa/release"
	PathRevertCodeRelease = "/wxa/revertcoderelease"
)

// Release publishes the last approved version (85019 no approved version, 85020 status not
// allowed).
func (c *Client) Release(ctx context.Context, appid string) error {
	return c.CallAuthorizer(ctx, appid, http.MethodPost, PathRelease, nil, nil, nil)
}

// RevertCodeRelease rolls the online version back: to appVersion, or to the previous one when
// appVersion is 0 (87012 when that is not possible).
func (c *Client) RevertCodeRelease(ctx context.Context, appid string, appVersion int64) error {
	var q url.Values
	if appVersion != 0 {
		q = url.Values{"app_version": {strconv.FormatInt(appVersion, 10)}}
	}
	return c.CallAuthorizer(ctx, appid, http.MethodGet, PathRevertCodeRelease, q, nil, nil)
}

// HistoryVersion is a version one may roll back to.
type HistoryVersion struct {
	AppVersion  int64  `json:"app_version"`
	UserVersion string `json:"user_version"`
	UserDesc    string `json:"user_desc"`
	CommitTime  int64  `json:"commit_time"`
}

// GetHistoryVersions lists the versions RevertCodeRelease can restore (at most 5).
func (c *Client) GetHistoryVersions(ctx context.Context, appid string) ([]HistoryVersion, error) {
	var out struct {
		List []HistoryVersion `json:"version_list"`
	}
	q := url.Values{"action": {"get_history_version"}}
	err := c.CallAuthorizer(ctx, appid, http.MethodGet, PathRevertCodeRelease, q, nil, &out)
	return out.List, err
}
