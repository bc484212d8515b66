package admin_test

import (
	"bytes"
	"encoding/json"
	"image"
	"image/jpeg"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"testing"

	"wxcomponent/comm/authz/authztest"
	"wxcomponent/db/dbtest"
)

// jpegBytes is a small real JPEG.
func jpegBytes(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, 16, 16)), nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// mp4Bytes starts like an MP4 file (an ftyp box), which is all content sniffing looks at.
func mp4Bytes() []byte {
	return append([]byte("\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"), make([]byte, 512)...)
}

// multipartBody builds a form with one file under field.
func multipartBody(t *testing.T, field, filename string, data []byte) (*bytes.Buffer, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("note", "ignored")
	fw, err := mw.CreateFormFile(field, filename)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write(data)
	_ = mw.Close()
	return &buf, mw.FormDataContentType()
}

// uploadTo posts a multipart form to an admin path.
func (a *codeApp) uploadTo(target, field, filename string, data []byte) codeReply {
	a.T.Helper()
	body, ct := multipartBody(a.T, field, filename, data)
	req := httptest.NewRequest(http.MethodPost, "/wxcomponent/admin"+target, body)
	req.Header.Set("Content-Type", ct)
	return a.send(req)
}

// uploaded is upload-media's data.
type uploaded struct {
	Type      string `json:"type"`
	MediaID   string `json:"mediaId"`
	CreatedAt int64  `json:"createdAt"`
}

// upload sends a file to upload-media and returns what WeChat gave back.
func (a *codeApp) upload(kind, filename string, data []byte) uploaded {
	a.T.Helper()
	rep := a.uploadTo("/upload-media?appid="+weapp+"&type="+kind, "media", filename, data)
	var u uploaded
	if rep.Status != http.StatusOK || rep.Code != 0 || json.Unmarshal(rep.Data, &u) != nil || u.MediaID == "" || u.Type != kind || u.CreatedAt == 0 {
		a.T.Fatalf("upload %s: %d %s", kind, rep.Status, rep.Raw)
	}
	return u
}

func TestUploadMediaMultipart(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		a := newCodeApp(t, dialect, authztest.Options{})
		a.upload("image", `C:\Users\运营\截图.jpg`, jpegBytes(t))
		a.upload("video", "预览.mp4", mp4Bytes())
		if n := a.Sim.AppCallCount(weapp, "/cgi-bin/media/upload"); n != 2 {
			t.Fatalf("WeChat received %d uploads", n)
		}
		q := "/upload-media?appid=" + weapp + "&type="
		want(t, a.uploadTo(q+"image", "media", "a.jpg", []byte("<html>not an image</html>")), http.StatusBadRequest, 1001, "text/html")
		want(t, a.uploadTo(q+"video", "media", "a.mp4", jpegBytes(t)), http.StatusBadRequest, 1001, "MP4")
		want(t, a.uploadTo(q+"voice", "media", "a.jpg", jpegBytes(t)), http.StatusBadRequest, 1001, "type")
		want(t, a.uploadTo(q+"image", "file", "a.jpg", jpegBytes(t)), http.StatusBadRequest, 1001, "media")
		want(t, a.uploadTo(q+"image", "media", "a.jpg", nil), http.StatusBadRequest, 1001, "empty")
		big := append(jpegBytes(t), make([]byte, 10<<20)...)
		want(t, a.uploadTo(q+"image", "media", "big.jpg", big), http.StatusRequestEntityTooLarge, 1001, "10 MB")
		want(t, a.call(http.MethodPost, q+"image", "{}"), http.StatusBadRequest, 1001, "multipart")
		// Only the upload route takes forms: elsewhere the CSRF guard refuses them.
		rep := a.uploadTo("/commit-code?appid="+weapp, "media", "a.jpg", jpegBytes(t))
		if rep.Status != http.StatusUnsupportedMediaType {
			t.Fatalf("multipart commit-code: %d %s", rep.Status, rep.Raw)
		}
		if n := a.Sim.AppCallCount(weapp, "/cgi-bin/media/upload"); n != 2 {
			t.Fatalf("refused uploads reached WeChat: %d calls", n)
		}
	})
}
