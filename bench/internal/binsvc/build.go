package binsvc

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// Build compiles the service (the module's main package) into dir, statically (CGO_ENABLED=0,
// as the Dockerfile builds it), and answers the binary's path. It runs from the module root,
// so `go run ./bench/...` works from any directory of the repository.
func Build(dir string) (string, error) {
	root, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}").Output()
	if err != nil {
		return "", fmt.Errorf("find the module root: %w", err)
	}
	out := filepath.Join(dir, "wxcomponent")
	cmd := exec.Command("go", "build", "-o", out, ".")
	cmd.Dir = strings.TrimSpace(string(root))
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build: %w\n%s", err, stderr.String())
	}
	return out, nil
}

// Header is the line a bench prints first, so its figures carry what produced them: the
// command line (as `go run pkg args`: under go run, os.Args[0] is a temporary path), the
// cores, the Go version and the database server's version.
func (s *Service) Header(pkg string) string {
	var version string
	_ = s.Server.Raw("SELECT VERSION()").Scan(&version).Error
	return fmt.Sprintf("go run %s | %d cores, %s %s/%s, MySQL %s",
		strings.Join(append([]string{pkg}, os.Args[1:]...), " "), runtime.NumCPU(), runtime.Version(), runtime.GOOS, runtime.GOARCH, version)
}
