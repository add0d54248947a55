package policy

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// tree builds, under a temp dir (itself symlink-resolved):
//
//	granted/           a granted folder
//	granted/file
//	granted/out  ->    ../secret        (a symlink out of the granted folder)
//	granted/abs  ->    <root>/secret    (absolute)
//	granted/dangling ->../secret/new    (target does not exist yet)
//	secret/key
//	loop1 -> loop2, loop2 -> loop1
func tree(t *testing.T) string {
	t.Helper()
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"granted", "secret"} {
		if err := os.Mkdir(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"granted/file", "secret/key"} {
		if err := os.WriteFile(filepath.Join(root, f), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for link, target := range map[string]string{
		"granted/out": "../secret", "granted/abs": filepath.Join(root, "secret"),
		"granted/dangling": "../secret/new", "loop1": "loop2", "loop2": "loop1",
	} {
		if err := os.Symlink(target, filepath.Join(root, link)); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestRealPath(t *testing.T) {
	root := tree(t)
	cases := []struct{ cwd, in, follow, noFollow string }{
		{root, "granted/file", "/granted/file", "/granted/file"},
		{root, "./granted//file", "/granted/file", "/granted/file"},
		{"/", root + "/granted/file", "/granted/file", "/granted/file"},
		{root, "granted/out/key", "/secret/key", "/secret/key"},
		{root, "granted/out", "/secret", "/granted/out"},
		{root, "granted/abs/key", "/secret/key", "/secret/key"},
		// ".." after a symlink leaves the link's target, as the kernel walks it.
		{root, "granted/out/../granted/file", "/granted/file", "/granted/file"},
		{root, "granted/out/../key", "/key", "/key"},
		{root, "granted/abs/..", "", ""},
		// Not existing yet: the deepest existing ancestor is resolved.
		{root, "granted/new/deeper.txt", "/granted/new/deeper.txt", "/granted/new/deeper.txt"},
		{root, "granted/out/new.txt", "/secret/new.txt", "/secret/new.txt"},
		// Climbing out of a missing part resumes resolution (mkdir -p creates "new" first).
		{root, "granted/new/../out/x", "/secret/x", "/secret/x"},
		{root, "granted/new/a/../../out", "/secret", "/granted/out"},
		// A dangling symlink is followed (open with O_CREAT would create its target).
		{root, "granted/dangling", "/secret/new", "/granted/dangling"},
		{root + "/granted", "../secret/./key", "/secret/key", "/secret/key"},
	}
	for _, c := range cases {
		got, err := RealPath(c.cwd, c.in)
		if err != nil || got != root+c.follow && !(c.follow == "" && got == root) {
			t.Errorf("RealPath(%q, %q) = %q, %v; want %q", c.cwd, c.in, got, err, root+c.follow)
		}
		got, err = RealPathNoFollow(c.cwd, c.in)
		if err != nil || got != root+c.noFollow && !(c.noFollow == "" && got == root) {
			t.Errorf("RealPathNoFollow(%q, %q) = %q, %v; want %q", c.cwd, c.in, got, err, root+c.noFollow)
		}
	}
	if got, err := RealPath("/", "/../../etc/../etc/hosts"); err != nil || got != mustEval(t, "/etc/hosts") {
		t.Errorf("RealPath of /../../etc/../etc/hosts = %q, %v", got, err)
	}
	if _, err := RealPath(root, "loop1/x"); !errors.Is(err, syscall.ELOOP) {
		t.Errorf("symlink loop: got %v, want ELOOP", err)
	}
	if _, err := RealPath(root, "a\x00b"); err == nil {
		t.Error("NUL byte accepted")
	}
	if _, err := RealPath("relative", "x"); err == nil {
		t.Error("relative cwd accepted for a relative path")
	}
}

func mustEval(t *testing.T, p string) string {
	t.Helper()
	r, err := filepath.EvalSymlinks(p)
	if err != nil {
		t.Skipf("%s: %v", p, err)
	}
	return r
}

// A grant of granted/** must not cover a file reached through a symlink out of it.
func TestSymlinkOutOfGrantedFolder(t *testing.T) {
	root := tree(t)
	p := mustPattern(t, "fs.read", "./granted/**", PatternEnv{AppRoot: root})
	for in, want := range map[string]bool{
		"granted/file": true, "granted/out/key": false, "granted/abs/key": false,
		"granted/out/../key": false, "granted/new.txt": true, "granted/dangling": false,
		"granted/new/../out/key": false,
	} {
		real, err := RealPath(root, in)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Match(Resource{Path: real}); got != want {
			t.Errorf("%s (real %s): granted = %v, want %v", in, real, got, want)
		}
	}
	// The link itself (lstat, unlink) is inside the grant.
	link, _ := RealPathNoFollow(root, "granted/out")
	if !p.Match(Resource{Path: link}) {
		t.Errorf("the link %s itself should be granted", link)
	}
}

func TestNormalizeHost(t *testing.T) {
	for in, want := range map[string]string{
		"127.0.0.1": "127.0.0.1", "2130706433": "127.0.0.1", "0x7f000001": "127.0.0.1",
		"017700000001": "127.0.0.1", "0177.0.0.1": "127.0.0.1", "0x7f.0.0.1": "127.0.0.1",
		"127.1": "127.0.0.1", "127.0.1": "127.0.0.1", "0X7F.1": "127.0.0.1",
		"169.254.169.254": "169.254.169.254", "0xa9fea9fe": "169.254.169.254", "2852039166": "169.254.169.254",
		"::ffff:127.0.0.1": "127.0.0.1", "[::ffff:7f00:1]": "127.0.0.1", "[::1]": "::1",
		"0:0:0:0:0:0:0:1": "::1", "FE80::1": "fe80::1", "Example.COM.": "example.com",
		"example.com": "example.com", "256.1.1.1": "256.1.1.1", "1.2.3.4.5": "1.2.3.4.5",
		"08.1.1.1": "08.1.1.1", "0x": "0.0.0.0", "4294967296": "4294967296", "": "",
		"1.2.3.256": "1.2.3.256", "1.2.65535": "1.2.255.255", "1.2.65536": "1.2.65536",
	} {
		if got := NormalizeHost(in); got != want {
			t.Errorf("NormalizeHost(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestResolveCommand(t *testing.T) {
	dir, _ := filepath.EvalSymlinks(t.TempDir())
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	for _, d := range []string{a, b} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(p string, mode os.FileMode) {
		if err := os.WriteFile(p, []byte("#!/bin/sh\n"), mode); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(a, "noexec"), 0o644)
	write(filepath.Join(b, "noexec"), 0o755)
	write(filepath.Join(a, "only-data"), 0o644)
	write(filepath.Join(b, "tool"), 0o755)
	if err := os.Symlink(filepath.Join(b, "tool"), filepath.Join(a, "linked")); err != nil {
		t.Fatal(err)
	}
	path := a + ":" + b
	cases := []struct {
		name, cwd, want string
		err             error
	}{
		{"tool", "/", filepath.Join(b, "tool"), nil},
		{"noexec", "/", filepath.Join(b, "noexec"), nil}, // the first executable one, as execvp
		{"linked", "/", filepath.Join(b, "tool"), nil},   // symlinks resolved
		{"only-data", "/", "", syscall.EACCES},
		{"missing", "/", "", syscall.ENOENT},
		{"./b/tool", dir, filepath.Join(b, "tool"), nil}, // a slash: relative to cwd, PATH unused
		{filepath.Join(b, "tool"), "/", filepath.Join(b, "tool"), nil},
		{"a", dir, "", syscall.ENOENT}, // not on PATH, and cwd is not searched
		{"", "/", "", syscall.ENOENT},
	}
	for _, c := range cases {
		got, err := ResolveCommand(c.name, path, c.cwd)
		if got != c.want || !errors.Is(err, c.err) && (err != nil || c.err != nil) {
			t.Errorf("ResolveCommand(%q) = %q, %v; want %q, %v", c.name, got, err, c.want, c.err)
		}
	}
	// An empty PATH entry means the working directory.
	if got, err := ResolveCommand("tool", ":/nonexistent", b); err != nil || got != filepath.Join(b, "tool") {
		t.Errorf("empty PATH entry: %q, %v", got, err)
	}
}

func FuzzRealPath(f *testing.F) {
	root, err := filepath.EvalSymlinks(f.TempDir())
	if err != nil {
		f.Fatal(err)
	}
	_ = os.Mkdir(filepath.Join(root, "d"), 0o755)
	_ = os.Symlink("..", filepath.Join(root, "d", "up"))
	_ = os.Symlink("d/up/d/up", filepath.Join(root, "l"))
	for _, s := range []string{"d/up/d", "l/l/x", "../..", "./d/../d/up/", "//x//", "d/up/../../../..", "\x00", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		for _, follow := range []bool{true, false} {
			got, err := realPath(root, p, follow)
			if err != nil {
				continue
			}
			if !filepath.IsAbs(got) || filepath.Clean(got) != got || strings.Contains(got, "\x00") {
				t.Fatalf("realPath(%q, follow=%v) = %q: not absolute and clean", p, follow, got)
			}
			again, err := realPath("/", got, follow)
			if follow && (err != nil || again != got) {
				t.Fatalf("RealPath is not idempotent: %q -> %q -> %q (%v)", p, got, again, err)
			}
		}
	})
}
