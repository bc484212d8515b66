package dbtest

import (
	"os"
	"strings"
	"testing"

	"gorm.io/gorm"
)

// ExecFile runs the statements of a SQL file (one per ";" at a line end; "--" lines are
// comments), such as testdata/legacy_schema.sql, the original template's schema.
func ExecFile(t testing.TB, g *gorm.DB, path string) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range strings.Split(string(raw), ";\n") {
		var lines []string
		for _, l := range strings.Split(part, "\n") {
			if !strings.HasPrefix(strings.TrimSpace(l), "--") {
				lines = append(lines, l)
			}
		}
		stmt := strings.TrimSuffix(strings.TrimSpace(strings.Join(lines, "\n")), ";")
		if stmt == "" {
			continue
		}
		if err := g.Exec(stmt).Error; err != nil {
			t.Fatalf("%s: %v\n%s", path, err, stmt)
		}
	}
}
