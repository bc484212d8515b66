package db_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestImportBoundaries keeps the storage boundary: production code outside db/ reaches the
// database through dao.Store (transactions through Store.InTx), and comm/ and db/ stay free of
// Gin. Exempt: the app lifecycle (app/), which opens and closes the handle; bench/ load generators;
// test helper packages (…test), which build databases for tests.
func TestImportBoundaries(t *testing.T) {
	root := ".."
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() {
			switch {
			case rel == ".":
				return nil
			case rel == "db", rel == "bench", rel == "client", rel == "e2e", strings.HasPrefix(d.Name(), "."),
				d.Name() == "node_modules", d.Name() == "testdata", strings.HasSuffix(d.Name(), "test"):
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || filepath.Dir(rel) == "." || filepath.Dir(rel) == "app" {
			return nil
		}
		for _, imp := range imports(t, path) {
			if strings.HasPrefix(imp, "gorm.io/") {
				t.Errorf("%s imports %s: go through dao.Store instead", rel, imp)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"../comm", "."} {
		checkNoGin(t, dir)
	}
}

// checkNoGin fails for any Go file under dir that imports Gin.
func checkNoGin(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		for _, imp := range imports(t, path) {
			if strings.HasPrefix(imp, "github.com/gin-gonic/") {
				t.Errorf("%s imports %s: HTTP stays in api/, routers/ and middleware/", path, imp)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func imports(t *testing.T, path string) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, 0, len(f.Imports))
	for _, s := range f.Imports {
		p, _ := strconv.Unquote(s.Path.Value)
		out = append(out, p)
	}
	return out
}
