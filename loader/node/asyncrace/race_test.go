package asyncrace_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pkgbox/pkgbox/loader"
)

// TestAsyncBuiltinsBurst runs testdata/app.js: bursts of async fs (callbacks and promises, string,
// Buffer and URL paths, options objects, fd and FileHandle I/O), child_process (exec, execFile,
// spawn with options), zlib (one-shot and streams), crypto (pbkdf2, scrypt, randomBytes,
// randomFill, hkdf), http, net and dns operations, all in flight together. Under `go test -race`
// (.ci/run) the detector reports any goja value or JavaScript-owned memory a worker goroutine
// touches; without -race it checks the results.
func TestAsyncBuiltinsBurst(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "app.js"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, content := range map[string][]byte{"app.js": src, "package.json": []byte(`{"name":"app","version":"1.0.0"}`)} {
		if err := os.WriteFile(filepath.Join(dir, name), content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out, errb bytes.Buffer
	rt, err := loader.New(loader.Options{
		Env:      []string{"PATH=" + os.Getenv("PATH"), "BURST=8"},
		Cwd:      dir,
		Stdin:    strings.NewReader(""),
		Stdout:   &out,
		Stderr:   &errb,
		AllowAll: true,
		CacheDir: t.TempDir(),
	})
	if err != nil {
		t.Fatal(err)
	}
	defer rt.SetTimeout(2 * time.Minute)()
	code, err := rt.Run(filepath.Join(dir, "app.js"))
	if err != nil {
		t.Fatal(err)
	}
	want := "ok fs\nok child_process\nok zlib\nok crypto\nok net\ndone\n"
	if code != 0 || out.String() != want {
		t.Fatalf("exit %d, stdout:\n%s\nstderr:\n%s", code, out.String(), errb.String())
	}
}
