package config

import (
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestEnvExampleDocumentsEveryKey keeps .env.example true: every key the
// config reads is documented there, and nothing documented is unused.
func TestEnvExampleDocumentsEveryKey(t *testing.T) {
	src, err := os.ReadFile("config.go")
	if err != nil {
		t.Fatal(err)
	}
	read := map[string]bool{}
	for _, m := range regexp.MustCompile(`r\.\w+\("([A-Z_]+)"`).FindAllStringSubmatch(string(src), -1) {
		read[m[1]] = true
	}
	example, err := os.ReadFile("../../.env.example")
	if err != nil {
		t.Fatal(err)
	}
	documented := map[string]bool{}
	for _, line := range strings.Split(string(example), "\n") {
		if k, _, ok := strings.Cut(line, "="); ok && !strings.HasPrefix(line, "#") {
			documented[strings.TrimSpace(k)] = true
		}
	}
	var missing, extra []string
	for k := range read {
		if !documented[k] {
			missing = append(missing, k)
		}
	}
	for k := range documented {
		if !read[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing) > 0 || len(extra) > 0 {
		t.Fatalf(".env.example out of date: missing %v, unused %v", missing, extra)
	}
}
