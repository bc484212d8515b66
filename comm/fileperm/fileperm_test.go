package fileperm_test

import (
	"os"
	"path/filepath"
	"testing"

	"wxcomponent/comm/fileperm"
)

func TestTightenRestrictsOnlyWhatIsTooOpen(t *testing.T) {
	dir := t.TempDir()
	open := filepath.Join(dir, "open")
	private := filepath.Join(dir, "private")
	for p, mode := range map[string]os.FileMode{open: 0o644, private: 0o600} {
		if err := os.WriteFile(p, []byte("x"), mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil { // the umask may have narrowed it
			t.Fatal(err)
		}
	}
	cases := []struct {
		path    string
		changed bool
	}{{open, true}, {private, false}, {filepath.Join(dir, "missing"), false}}
	for _, tc := range cases {
		changed, err := fileperm.Tighten(tc.path, 0o600)
		if err != nil || changed != tc.changed {
			t.Errorf("Tighten(%s) = %v, %v; want %v", filepath.Base(tc.path), changed, err, tc.changed)
		}
	}
	if info, _ := os.Stat(open); info.Mode().Perm() != 0o600 {
		t.Errorf("mode after Tighten: %v", info.Mode().Perm())
	}
}

func TestOpenToOthers(t *testing.T) {
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if open, err := fileperm.OpenToOthers(dir); err != nil || !open {
		t.Errorf("0755 directory: %v %v", open, err)
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if open, err := fileperm.OpenToOthers(dir); err != nil || open {
		t.Errorf("0700 directory: %v %v", open, err)
	}
	if open, err := fileperm.OpenToOthers(filepath.Join(dir, "missing")); err != nil || open {
		t.Errorf("missing: %v %v", open, err)
	}
}
