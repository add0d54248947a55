package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// captureStderr runs fn with os.Stderr redirected and returns what it wrote.
func captureStderr(t *testing.T, fn func()) string { return capture(t, &os.Stderr, fn) }

// captureStdout runs fn with os.Stdout redirected and returns what it wrote.
func captureStdout(t *testing.T, fn func()) string { return capture(t, &os.Stdout, fn) }

func capture(t *testing.T, f **os.File, fn func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	old := *f
	*f = w
	done := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		done <- string(b)
	}()
	fn()
	*f = old
	w.Close()
	return <-done
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// A manifest or policy pkgbox cannot read stops the run before any JavaScript runs (exit 2), with
// an error naming the file and what was expected.
func TestRunRefusesUnreadableConfiguration(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		args  []string
		want  string
	}{
		{"unknown capability", map[string]string{"pkgbox.json": `{"packages":{"axios":{"net.conect":true}}}`},
			nil, `pkgbox.json:1:23: packages.axios."net.conect": unknown capability (did you mean "net.connect"?)`},
		{"not JSON", map[string]string{"pkgbox.json": `{"packages":`}, nil, "pkgbox.json:1:"},
		{"missing --config", nil, []string{"--config", "nope.json"}, "nope.json"},
		{"broken policy", map[string]string{"org.rego": "package pkgbox.authz\n\ndeny contains msg if {\n"}, []string{"--policy", "org.rego"}, "org.rego:"},
		{"bad mode", nil, []string{"--mode", "loud"}, `mode "loud": expected enforce or warn`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			files := map[string]string{"package.json": `{"name":"app"}`, "app.js": "require('fs').writeFileSync('ran', 'yes')"}
			for k, v := range c.files {
				files[k] = v
			}
			dir := writeFiles(t, files)
			t.Chdir(dir)
			var status int
			stderr := captureStderr(t, func() {
				status = run(append(append([]string{"run"}, c.args...), filepath.Join(dir, "app.js")))
			})
			if status != 2 || !strings.Contains(stderr, c.want) {
				t.Fatalf("status %d, stderr:\n%s\nwant status 2 and %q", status, stderr, c.want)
			}
			if _, err := os.Stat(filepath.Join(dir, "ran")); err == nil {
				t.Fatal("the app ran")
			}
		})
	}
}

func TestAppRootIsNearestPackageJSON(t *testing.T) {
	dir := writeFiles(t, map[string]string{"package.json": "{}", "src/lib/app.js": "", "other/app.js": ""})
	for entry, want := range map[string]string{"src/lib/app.js": dir, "src": dir, ".": dir} {
		got, err := appRoot(filepath.Join(dir, entry))
		if err != nil || got != want {
			t.Errorf("appRoot(%s) = %q, %v; want %q", entry, got, err, want)
		}
	}
	if _, err := appRoot(filepath.Join(dir, "missing.js")); err == nil {
		t.Error("appRoot of a missing entry: want an error")
	}
}
