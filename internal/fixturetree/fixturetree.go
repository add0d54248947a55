// Package fixturetree copies a fixture folder for a test. Fixtures keep their symlinks (pnpm
// stores, npm link, workspaces) in a symlinks.txt file, one "LINK -> TARGET" per line, because
// not every checkout or archive keeps real symlinks; Copy makes them in the copy.
package fixturetree

import (
	"bufio"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Copy copies the tree at src into a temporary folder of t, creates the links its symlinks.txt
// lists (symlinks in src itself are ignored: the file is the source of truth) and returns the
// copy's real path.
func Copy(t testing.TB, src string) string {
	t.Helper()
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
		switch {
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		case d.Type()&fs.ModeSymlink != 0:
			return nil
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
	list, err := os.ReadFile(filepath.Join(src, "symlinks.txt"))
	if os.IsNotExist(err) {
		return dst
	} else if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(list))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		link, target, ok := strings.Cut(line, " -> ")
		if !ok {
			t.Fatalf("%s/symlinks.txt: want \"LINK -> TARGET\", got %q", src, line)
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
