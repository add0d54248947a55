package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// pkgbox call prints the result as JSON, errors on stderr, and uses the exit statuses of run.
func TestCallCommand(t *testing.T) {
	fixture, err := filepath.Abs("../../fixtures/sandbox")
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("PKGBOX_CACHE_DIR", t.TempDir())
	cases := []struct {
		name   string
		args   []string
		status int
		stdout string
		stderr string
	}{
		{"result", []string{fixture, "fns.js", "add", "[1, 2]"}, 0, "3\n", ""},
		{"async and TypeScript", []string{fixture, "rules.ts", "discount", `[{"total": 500, "items": ["a", "b"]}]`}, 0, "0.1\n", ""},
		{"values", []string{fixture, "fns.js", "echo", `[{"a": [true, null]}, 12345678901234567890]`}, 0, `[{"a":[true,null]},12345678901234567890]` + "\n", ""},
		{"module.exports", []string{fixture, "whole.js", "", `["x"]`}, 0, `"module.exports called with x"` + "\n", ""},
		{"console goes to stderr", []string{fixture, "fns.js", "log", `["hello"]`}, 0, `"hello"` + "\n", "hello\n"},
		{"thrown", []string{fixture, "fns.js", "rejectLater"}, 1, "", "Uncaught RangeError: later"},
		{"denied", []string{fixture, "fns.js", "readFile", `["/etc/hostname"]`}, 1, "", "ERR_PKGBOX_DENIED"},
		{"timeout", []string{"--timeout", "100ms", fixture, "fns.js", "loop"}, 124, "", "time limit"},
		{"bad JSON-ARGS", []string{fixture, "fns.js", "add", `{"a": 1}`}, 2, "", "JSON-ARGS"},
		{"missing export", []string{fixture, "fns.js", "nope"}, 1, "", `export "nope" of fns.js must be a function`},
		{"missing folder", []string{filepath.Join(fixture, "nope"), "fns.js", "add"}, 2, "", "nope"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var status int
			var stdout string
			stderr := captureStderr(t, func() {
				stdout = captureStdout(t, func() { status = run(append([]string{"call"}, c.args...)) })
			})
			if status != c.status || stdout != c.stdout || !strings.Contains(stderr, c.stderr) {
				t.Errorf("status %d, stdout %q, stderr:\n%s\nwant status %d, stdout %q, stderr containing %q", status, stdout, stderr, c.status, c.stdout, c.stderr)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(fixture, "pkgbox.json")); err == nil {
		t.Fatal("the fixture must not carry a manifest: the denial case relies on none")
	}
}
