// Package console serves the embedded single-page console.
package console

import (
	"bytes"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

// Handler serves index.html at / and hashed assets under /wxcomponent/assets.
type Handler struct {
	files fs.FS
	index []byte
	built bool
}

// New reads index.html from files, or uses placeholder when the console was not built.
func New(files fs.FS, placeholder []byte) *Handler {
	index, err := fs.ReadFile(files, "index.html")
	if err != nil {
		return &Handler{files: files, index: placeholder}
	}
	return &Handler{files: files, index: index, built: true}
}

// Built tells whether a real console is embedded.
func (h *Handler) Built() bool { return h.built }

// Policy is the Content-Security-Policy of the console page. Scripts only from our own
// origin (the Vite build has no inline script). Styles also allow 'unsafe-inline' because
// TDesign creates <style> elements at run time (the icon styles, and the dialog's
// scroll lock with the measured scrollbar width), which neither a nonce nor a hash can
// cover. Images: our own, data: URLs, and the WeChat CDNs of authorizers' head images
// and QR codes (wx.qlogo.cn, mmbiz.qpic.cn; http ones are upgraded on https pages).
const Policy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob: *.qlogo.cn *.qpic.cn; font-src 'self' data:; connect-src 'self'; " +
	"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// Index never lets index.html be cached: it names the current hashed
// assets, so a stale copy would point at files of an older release.
func (h *Handler) Index(c *gin.Context) {
	c.Header("Cache-Control", "no-cache")
	c.Header("Content-Security-Policy", Policy)
	c.Header("X-Content-Type-Options", "nosniff")
	c.Header("X-Frame-Options", "DENY")
	c.Data(http.StatusOK, "text/html; charset=utf-8", h.index)
}

// Asset serves content-hashed files; their names change with their
// content, so they can be cached for a year.
func (h *Handler) Asset(c *gin.Context) {
	name := path.Clean("wxcomponent/assets/" + strings.TrimPrefix(c.Param("file"), "/"))
	if !strings.HasPrefix(name, "wxcomponent/assets/") {
		c.Status(http.StatusNotFound)
		return
	}
	data, err := fs.ReadFile(h.files, name)
	if err != nil {
		c.Header("Cache-Control", "no-store")
		c.String(http.StatusNotFound, "not found")
		return
	}
	c.Header("Cache-Control", "public, max-age=31536000, immutable")
	c.Header("X-Content-Type-Options", "nosniff")
	http.ServeContent(c.Writer, c.Request, name, time.Time{}, bytes.NewReader(data))
}
