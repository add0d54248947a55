package resolve

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// fixtureSrc is the committed tree of small apps the tests resolve in.
func fixtureSrc(t testing.TB) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "fixtures", "resolve")
}

// fixtureRoot copies the fixture tree to a temporary folder, creates the
// symlinks listed in symlinks.txt (pnpm store, npm link, workspaces), and
// returns the copy's real path, so results can be compared as real paths.
func fixtureRoot(t testing.TB) string {
	t.Helper()
	src := fixtureSrc(t)
	dst, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	err = filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if d.Type()&fs.ModeSymlink != 0 {
			return nil // symlinks.txt is the source of truth
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(src, "symlinks.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		link, target, ok := strings.Cut(line, " -> ")
		if !ok {
			t.Fatalf("symlinks.txt: want \"LINK -> TARGET\", got %q", line)
		}
		lp := filepath.Join(dst, link)
		if err := os.MkdirAll(filepath.Dir(lp), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, lp); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}
