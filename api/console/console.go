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

// Register mounts the routes on the engine.
func (h *Handler) Register(r gin.IRoutes) {
	r.GET("/", h.serveIndex)
	r.HEAD("/", h.serveIndex)
	r.GET("/index.html", h.serveIndex)
	r.GET("/wxcomponent/assets/*file", h.serveAsset)
	r.HEAD("/wxcomponent/assets/*file", h.serveAsset)
}

// serveIndex never lets index.html be cached: it names the current hashed
// assets, so a stale copy would point at files of an older release.
func (h *Handler) serveIndex(c *gin.Context) {
	c.Header("Cache-Control", "no-cache")
	c.Header("X-Content-Type-Options", "nosniff")
	c.Header("X-Frame-Options", "DENY")
	c.Data(http.StatusOK, "text/html; charset=utf-8", h.index)
}

// serveAsset serves content-hashed files; their names change with their
// content, so they can be cached for a year.
func (h *Handler) serveAsset(c *gin.Context) {
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
