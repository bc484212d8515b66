package admin

import (
	"errors"
	"io"
	"net/http"
	"path/filepath"
	"strings"

	"github.com/gin-gonic/gin"

	"wxcomponent/api/errno"
	"wxcomponent/api/respond"
)

// MaxMediaBytes caps an upload-media file: WeChat takes images and videos up to 10 MB. The
// route must be exempt from the public listener's 1 MB body cap; this handler applies its own.
const MaxMediaBytes = 10 << 20

// mediaFormOverhead allows for the multipart framing around the file.
const mediaFormOverhead = 64 << 10

// mediaKinds are the contents each upload type accepts, as sniffed from the bytes (the
// browser's filename and Content-Type are not trusted).
var mediaKinds = map[string][]string{
	"image": {"image/jpeg", "image/png", "image/gif", "image/bmp"},
	"video": {"video/mp4"},
}

// errMediaTooBig is a file over MaxMediaBytes.
var errMediaTooBig = errors.New("media too big")

// UploadMedia answers POST /admin/upload-media?appid&type=image|video, a multipart form whose
// file field is "media": {"type", "mediaId", "createdAt"} of WeChat's temporary media.
func (h *CodeHandler) UploadMedia(c *gin.Context) {
	appid, ok := appidQuery(c)
	if !ok {
		return
	}
	kind := c.Query("type")
	if mediaKinds[kind] == nil {
		respond.BadRequest(c, "type 只能是 image 或 video")
		return
	}
	name, data, err := mediaPart(c)
	switch {
	case errors.Is(err, errMediaTooBig):
		respond.Code(c, errno.ErrInvalidParam.WithStatus(http.StatusRequestEntityTooLarge), "文件不能超过 10 MB")
		return
	case err != nil:
		respond.BadRequest(c, "请求须为 multipart/form-data，文件字段名为 media（"+err.Error()+"）")
		return
	}
	if detected := http.DetectContentType(data); !accepted(mediaKinds[kind], detected) {
		respond.BadRequest(c, mediaTypeHint(kind, detected))
		return
	}
	m, err := h.svc.UploadMedia(c.Request.Context(), appid, kind, name, data)
	reply(c, gin.H{"type": m.Type, "mediaId": m.MediaID, "createdAt": m.CreatedAt}, err)
}

// mediaPart streams the form to its "media" file and reads it, up to MaxMediaBytes; the rest
// of the form is ignored.
func mediaPart(c *gin.Context) (name string, data []byte, err error) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, MaxMediaBytes+mediaFormOverhead)
	mr, err := c.Request.MultipartReader()
	if err != nil {
		return "", nil, err
	}
	for {
		p, err := mr.NextPart()
		if err != nil {
			return "", nil, tooBigOr(err, "no media file in the form")
		}
		if p.FormName() != "media" {
			continue
		}
		data, err = io.ReadAll(io.LimitReader(p, MaxMediaBytes+1))
		switch {
		case err != nil:
			return "", nil, tooBigOr(err, "")
		case len(data) > MaxMediaBytes:
			return "", nil, errMediaTooBig
		case len(data) == 0:
			return "", nil, errors.New("the media file is empty")
		}
		return mediaName(p.FileName()), data, nil
	}
}

// tooBigOr turns the body cap's error into errMediaTooBig, io.EOF into msg, and keeps others.
func tooBigOr(err error, msg string) error {
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return errMediaTooBig
	case errors.Is(err, io.EOF) && msg != "":
		return errors.New(msg)
	}
	return err
}

// mediaName keeps the base of the browser's filename (WeChat wants one), or a neutral one.
func mediaName(name string) string {
	name = filepath.Base(strings.ReplaceAll(name, `\`, "/"))
	if name == "." || name == "/" || name == "" || len(name) > 128 {
		return "media"
	}
	return name
}

// accepted tells whether the sniffed content type is one of types.
func accepted(types []string, detected string) bool {
	for _, t := range types {
		if strings.HasPrefix(detected, t) {
			return true
		}
	}
	return false
}

// mediaTypeHint explains a refused file.
func mediaTypeHint(kind, detected string) string {
	if kind == "video" {
		return "video 须为 MP4 文件，收到的是 " + detected
	}
	return "image 须为 JPG、PNG、GIF 或 BMP 图片，收到的是 " + detected
}
