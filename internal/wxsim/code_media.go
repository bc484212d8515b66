package wxsim

import (
	"bytes"
	"crypto/sha1" //nolint:gosec // only colours a fake image
	"image"
	"image/color"
	"image/jpeg"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"
	"time"
)

// Media paths (wechat-protocol.md §5.6, §3.3).
const (
	pathUploadMedia = "/wxa/uploadmedia"
	pathTempUpload  = "/cgi-bin/media/upload"
	pathGetMaterial = "/cgi-bin/material/get_material"
	maxImageBytes   = 2 << 20
	maxVideoBytes   = 10 << 20
	mediaTTL        = 72 * time.Hour
)

// mediaItem is an uploaded file or an audit screenshot the simulator made.
type mediaItem struct {
	kind        string // image or video
	contentType string
	data        []byte
	expires     time.Time // zero: permanent (audit screenshots)
}

// mediaRoutes are the upload and download APIs used around audits.
func (s *Sim) mediaRoutes() []route {
	post := http.MethodPost
	return []route{
		{path: pathUploadMedia, method: post, auth: authAuthorizer, rawBody: true, handle: s.apiUploadAuditMedia},
		{path: pathTempUpload, method: post, auth: authAuthorizer, rawBody: true, handle: s.apiTempUpload},
		{path: pathGetMaterial, method: post, auth: authAuthorizer, handle: s.apiGetMaterial},
	}
}

// rawAnswer is a non-JSON answer (an image); serveAPI writes it as is.
type rawAnswer struct {
	contentType string
	body        []byte
	header      map[string]string
}

// write sends the answer with status 200.
func (a rawAnswer) write(w http.ResponseWriter) {
	for k, v := range a.header {
		w.Header().Set(k, v)
	}
	w.Header().Set("Content-Type", a.contentType)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(a.body)
}

// jpegImage draws a small JPEG whose colour derives from seed and whose COM segment says note.
func jpegImage(seed, note string) []byte {
	sum := sha1.Sum([]byte(seed)) //nolint:gosec // colour only
	img := image.NewRGBA(image.Rect(0, 0, 32, 32))
	for y := 0; y < 32; y++ {
		for x := 0; x < 32; x++ {
			c := color.RGBA{sum[0], sum[1], sum[2], 255}
			if (x/4+y/4)%2 == 0 {
				c = color.RGBA{255, 255, 255, 255}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	_ = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 80}) // in-memory: cannot fail
	out := buf.Bytes()
	if len(note) > 60000 {
		note = note[:60000]
	}
	n := len(note) + 2
	com := append([]byte{0xFF, 0xFE, byte(n >> 8), byte(n)}, note...)
	return append(append(out[:2:2], com...), out[2:]...) // COM right after SOI
}

// readUpload extracts the multipart field "media"; 41005 when there is none.
func readUpload(c *call) (data []byte, filename string, e *apiError) {
	_, params, err := mime.ParseMediaType(c.r.Header.Get("Content-Type"))
	if err != nil || params["boundary"] == "" {
		return nil, "", wxErr(41005)
	}
	form, err := multipart.NewReader(bytes.NewReader(c.body), params["boundary"]).ReadForm(maxBody)
	if err != nil {
		return nil, "", wxErr(41005)
	}
	defer func() { _ = form.RemoveAll() }()
	files := form.File["media"]
	if len(files) == 0 {
		return nil, "", wxErr(41005)
	}
	f, err := files[0].Open()
	if err != nil {
		return nil, "", wxErr(-1)
	}
	defer func() { _ = f.Close() }()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(f); err != nil {
		return nil, "", wxErr(-1)
	}
	return buf.Bytes(), files[0].Filename, nil
}

// sniff classifies an upload: image (PNG/JPEG/GIF) or video (MP4); 40005 otherwise, 40006 when
// too large for its kind.
func sniff(data []byte) (kind, contentType string, e *apiError) {
	ct := http.DetectContentType(data)
	switch {
	case ct == "image/jpeg" || ct == "image/png" || ct == "image/gif":
		kind = "image"
	case ct == "video/mp4":
		kind = "video"
	default:
		return "", "", wxErr(40005)
	}
	if kind == "image" && len(data) > maxImageBytes || len(data) > maxVideoBytes {
		return "", "", wxErr(40006)
	}
	return kind, ct, nil
}

// storeMedia keeps an item and returns its id.
func (s *Sim) storeMedia(it *mediaItem) string {
	id := "media_" + randomString(32)
	s.code.mu.Lock()
	defer s.code.mu.Unlock()
	s.code.media[id] = it
	return id
}

// apiUploadAuditMedia is /wxa/uploadmedia: its answer says "mediaid" (no underscore).
func (s *Sim) apiUploadAuditMedia(c *call) (any, *apiError) {
	data, _, e := readUpload(c)
	if e != nil {
		return nil, e
	}
	kind, ct, e := sniff(data)
	if e != nil {
		return nil, e
	}
	id := s.storeMedia(&mediaItem{kind: kind, contentType: ct, data: data, expires: c.now.Add(mediaTTL)})
	return map[string]any{"errcode": 0, "errmsg": "ok", "type": kind, "mediaid": id}, nil
}

// apiTempUpload is /cgi-bin/media/upload?type=…: "media_id" and "created_at".
func (s *Sim) apiTempUpload(c *call) (any, *apiError) {
	typ := c.r.URL.Query().Get("type")
	if typ != "image" && typ != "video" && typ != "voice" && typ != "thumb" {
		return nil, wxErr(40004)
	}
	data, _, e := readUpload(c)
	if e != nil {
		return nil, e
	}
	kind, ct, e := sniff(data)
	if e != nil {
		return nil, e
	}
	if (typ == "video") != (kind == "video") {
		return nil, wxErr(40005)
	}
	id := s.storeMedia(&mediaItem{kind: kind, contentType: ct, data: data, expires: c.now.Add(mediaTTL)})
	return map[string]any{"type": typ, "media_id": id, "created_at": c.now.Unix()}, nil
}

// apiGetMaterial downloads a media item (audit screenshots are fetched this way).
func (s *Sim) apiGetMaterial(c *call) (any, *apiError) {
	var req struct {
		MediaID string `json:"media_id"`
	}
	if e := c.decode(&req); e != nil {
		return nil, e
	}
	s.code.mu.Lock()
	it := s.code.media[req.MediaID]
	s.code.mu.Unlock()
	if it == nil || (!it.expires.IsZero() && !c.now.Before(it.expires)) {
		return nil, wxErr(40007) // invalid media_id
	}
	return rawAnswer{contentType: it.contentType, body: it.data}, nil
}

// mediaKnown tells whether every '|'- or list-given id is a live media item; the caller holds
// s.code.mu.
func (b *codeBook) mediaKnown(ids []string) bool {
	for _, id := range ids {
		if id = strings.TrimSpace(id); id != "" && b.media[id] == nil {
			return false
		}
	}
	return true
}
