package resolve

import (
	"path/filepath"
	"runtime"
	"testing"

	"github.com/pkgbox/pkgbox/internal/fixturetree"
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
	return fixturetree.Copy(t, fixtureSrc(t))
}
