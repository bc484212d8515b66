// Package client embeds the built console (client/dist). A fresh clone has
// only dist/.gitkeep, so the server falls back to placeholder.html, which
// tells how to build the console; `go build` and `go test` never need Node.
package client

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

//go:embed placeholder.html
var placeholder []byte

// Dist returns the built console files rooted at dist/.
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // the embed pattern guarantees dist/ exists
	}
	return sub
}

// Placeholder is the page served when the console was not built.
func Placeholder() []byte { return placeholder }
