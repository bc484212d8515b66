package api

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"path/filepath"
)

// Media paths (wechat-protocol.md §5.6, §3.3); authorizer token.
const (
	PathUploadAuditMedia = "/wxa/uploadmedia"
	PathUploadTempMedia  = "/cgi-bin/media/upload"
	PathGetMaterial      = "/cgi-bin/material/get_material"
)

// AuditMedia is /wxa/uploadmedia's answer; its id goes into submit_audit's preview_info.
type AuditMedia struct {
	Type    string `json:"type"` // image or video
	MediaID string `json:"mediaid"`
}

// TempMedia is /cgi-bin/media/upload's answer; its id goes into feedback_stuff. Valid 3 days.
type TempMedia struct {
	Type      string `json:"type"`
	MediaID   string `json:"media_id"`
	CreatedAt int64  `json:"created_at"`
}

// multipartMedia builds a form with the file in field "media", as both upload APIs expect.
func multipartMedia(filename string, data []byte) (rawBody, error) {
	if len(data) == 0 {
		return rawBody{}, fmt.Errorf("media file is empty")
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, err := mw.CreateFormFile("media", filepath.Base(filename))
	if err != nil {
		return rawBody{}, fmt.Errorf("build form: %w", err)
	}
	if _, err := fw.Write(data); err != nil {
		return rawBody{}, fmt.Errorf("build form: %w", err)
	}
	if err := mw.Close(); err != nil {
		return rawBody{}, fmt.Errorf("build form: %w", err)
	}
	return rawBody{contentType: mw.FormDataContentType(), data: buf.Bytes()}, nil
}

// UploadAuditMedia uploads an audit preview image (≤ 2 MB PNG/JPEG/GIF) or video (≤ 10 MB MP4).
func (c *Client) UploadAuditMedia(ctx context.Context, appid, filename string, data []byte) (AuditMedia, error) {
	body, err := multipartMedia(filename, data)
	if err != nil {
		return AuditMedia{}, fmt.Errorf("wechat %s: %w", PathUploadAuditMedia, err)
	}
	var out AuditMedia
	err = c.CallAuthorizer(ctx, appid, http.MethodPost, PathUploadAuditMedia, nil, body, &out)
	return out, err
}

// UploadTempMedia uploads temporary media of type image, voice, video or thumb.
func (c *Client) UploadTempMedia(ctx context.Context, appid, mediaType, filename string, data []byte) (TempMedia, error) {
	switch mediaType {
	case "image", "voice", "video", "thumb":
	default:
		return TempMedia{}, fmt.Errorf("wechat %s: unknown media type %q", PathUploadTempMedia, mediaType)
	}
	body, err := multipartMedia(filename, data)
	if err != nil {
		return TempMedia{}, fmt.Errorf("wechat %s: %w", PathUploadTempMedia, err)
	}
	var out TempMedia
	q := url.Values{"type": {mediaType}}
	err = c.CallAuthorizer(ctx, appid, http.MethodPost, PathUploadTempMedia, q, body, &out)
	return out, err
}

// GetMaterial downloads a media item, e.g. an audit screenshot named by a weapp_audit_fail event
// or AuditStatus.Screenshots.
func (c *Client) GetMaterial(ctx context.Context, appid, mediaID string) (Image, error) {
	var img Image
	err := c.CallAuthorizer(ctx, appid, http.MethodPost, PathGetMaterial, nil, map[string]string{"media_id": mediaID}, &img)
	return img, err
}
