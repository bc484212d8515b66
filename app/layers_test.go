package app

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// edgeOnly are imports that belong to the HTTP edge: comm/ and db/ must not use them, so that
// protocol and storage code stays plain Go and errors are mapped to the contract in one place
// (api/respond); nor may app/wire, which comm/'s test helpers build their stacks with.
var edgeOnly = []string{
	"github.com/gin-gonic/gin",
	"wxcomponent/api",
	"wxcomponent/middleware",
	"wxcomponent/routers",
}

func TestCommAndDBStayOffTheEdge(t *testing.T) {
	for _, root := range []string{"../comm", "../db", "wire"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
				return err
			}
			f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
			if err != nil {
				return err
			}
			for _, imp := range f.Imports {
				p, _ := strconv.Unquote(imp.Path.Value)
				if edgeImport(p) != "" {
					t.Errorf("%s imports %s", path, p)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// edgeImport returns the edgeOnly entry p falls under, or "".
func edgeImport(p string) string {
	for _, e := range edgeOnly {
		if p == e || strings.HasPrefix(p, e+"/") {
			return e
		}
	}
	return ""
}
