package net_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pkgbox/pkgbox/loader"
	"github.com/pkgbox/pkgbox/policy"
)

// runApp writes files into a temporary app folder and runs entry under the real loader (lockdown,
// compartments, the gate), returning stdout, stderr and the exit status.
func runApp(t *testing.T, files map[string]string, entry string) (string, string, int) {
	t.Helper()
	return runIn(t, writeApp(t, files), entry, nil)
}

// writeApp writes files into a temporary app folder and returns it.
func writeApp(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// runIn runs entry of the app in dir, under e when it is not nil.
func runIn(t *testing.T, dir, entry string, e *policy.Engine) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	rt, err := loader.New(loader.Options{Stdout: &out, Stderr: &errb, Cwd: dir, CacheDir: t.TempDir(), Stdin: strings.NewReader(""), Policy: e})
	if err != nil {
		t.Fatal(err)
	}
	defer rt.SetTimeout(60 * time.Second)()
	code, err := rt.Run(filepath.Join(dir, entry))
	if err != nil {
		t.Fatalf("%s: %v", entry, err)
	}
	return out.String(), errb.String(), code
}

// wantLines checks that stdout is exactly want (one line per entry).
func wantLines(t *testing.T, stdout, stderr string, code int, want ...string) {
	t.Helper()
	got := strings.Split(strings.TrimRight(stdout, "\n"), "\n")
	if code != 0 || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("exit %d\n--- stdout\n%s\n--- want\n%s\n--- stderr\n%s", code, stdout, strings.Join(want, "\n"), stderr)
	}
}
