package policy

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestValidatePattern(t *testing.T) {
	ok := map[string][]string{
		"fs.read":       {"./.env", "./logs/**", "/etc/hosts", "logs/*.log", "/proc/self/status", "../shared/**", "src/{a,b}/*.js", "/**"},
		"fs.write":      {"./logs/**", "/tmp/app-*"},
		"native.load":   {"./build/Release/*.node"},
		"net.connect":   {"api.example.com:443", "*.internal.example.com:*", "*:*", "[::1]:8080", "127.0.0.1:5432", "localhost:0", "unix:/var/run/docker.sock", "unix:./app.sock", "API.Example.COM.:443", "0x7f.1:80"},
		"net.listen":    {"127.0.0.1:3000", "*:8080", "[::]:443"},
		"net.resolve":   {"api.example.com", "*.example.com", "*", "10.0.0.1", "[::1]", "::1"},
		"process.spawn": {"git", "node-gyp", "/usr/bin/git", "/opt/My Tools/run"},
		"env.read":      {"HOME", "npm_config_*", "*", "lower_case"},
		"env.write":     {"DEBUG"},
	}
	for c, list := range ok {
		for _, p := range list {
			if err := ValidatePattern(c, p); err != nil {
				t.Errorf("ValidatePattern(%q, %q): %v", c, p, err)
			}
		}
	}
	bad := []struct{ capability, pattern, want string }{
		{"fs.read", "", `expected a path pattern ("./logs/**", "/etc/hosts"), got "": empty`},
		{"fs.read", "logs/[a", "unbalanced"},
		{"fs.read", "~/.npmrc", "~ is not expanded"},
		{"fs.read", "file:///etc/hosts", "a URL"},
		{"fs.read", "a\x00b", "NUL"},
		{"net.connect", "api.example.com", "missing :port"},
		{"net.connect", "https://api.example.com:443", "a URL"},
		{"net.connect", "api.example.com:99999", "0-65535"},
		{"net.connect", "api.example.com:-1", "0-65535"},
		{"net.connect", "api.example.com:http", "0-65535"},
		{"net.connect", "::1:80", "brackets"},
		{"net.connect", "[::1:80", "missing ]"},
		{"net.connect", "[::1]80", "missing :port"},
		{"net.connect", "[nothost]:80", "IPv6"},
		{"net.connect", "api*.example.com:443", "leading *."},
		{"net.connect", "*.:443", "domain name"},
		{"net.connect", "bad host:443", "not a host name"},
		{"net.connect", ":443", "empty host"},
		{"net.connect", "unix:", "empty"},
		{"net.resolve", "api.example.com:443", "not a host name"},
		{"net.resolve", "", "empty"},
		{"process.spawn", "", "empty"},
		{"process.spawn", "./bin/tool", "relative path"},
		{"process.spawn", "git status", "without arguments"},
		{"process.spawn", "g*t", "wildcards"},
		{"env.read", "", "empty"},
		{"env.read", "A*B", "only at the end"},
		{"env.read", "A=B", "contains ="},
		{"env.read", " HOME", "spaces"},
		{"process.control", "x", "takes no resource: expected true"},
		{"sys.info", "x", "takes no resource"},
		{"fs.reed", "x", `unknown capability "fs.reed"`},
	}
	for _, b := range bad {
		err := ValidatePattern(b.capability, b.pattern)
		if err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("ValidatePattern(%q, %q) = %v, want error containing %q", b.capability, b.pattern, err, b.want)
		}
	}
	// Every error says what was expected.
	if err := ValidatePattern("net.connect", "x"); err == nil || !strings.HasPrefix(err.Error(), "expected a host:port pattern (") {
		t.Errorf("net.connect error does not start with the expected form: %v", err)
	}
}

func mustPattern(t *testing.T, capability, pattern string, env PatternEnv) *Pattern {
	t.Helper()
	p, err := CompilePattern(capability, pattern, env)
	if err != nil {
		t.Fatalf("CompilePattern(%q, %q): %v", capability, pattern, err)
	}
	return p
}

func TestPathPatterns(t *testing.T) {
	env := PatternEnv{AppRoot: "/nonexistent-app"}
	cases := []struct {
		pattern string
		yes     []string
		no      []string
	}{
		{"./logs/**", []string{"/nonexistent-app/logs", "/nonexistent-app/logs/a", "/nonexistent-app/logs/a/b/c.log"},
			[]string{"/nonexistent-app/logsx", "/nonexistent-app/log/a", "/other/logs/a"}},
		{"logs/*.log", []string{"/nonexistent-app/logs/a.log"}, []string{"/nonexistent-app/logs/a/b.log", "/nonexistent-app/logs/a.txt"}},
		{"./.env", []string{"/nonexistent-app/.env"}, []string{"/nonexistent-app/.env.local", "/nonexistent-app/sub/.env"}},
		{"../shared/*", []string{"/shared/x"}, []string{"/nonexistent-app/shared/x"}},
		{"/etc/hosts", []string{"/etc/hosts"}, []string{"/etc/hosts2", "/etc"}},
		{"/a/**/b", []string{"/a/b", "/a/x/b", "/a/x/y/b"}, []string{"/a/b/c"}},
		{"src/{a,b}/*.js", []string{"/nonexistent-app/src/a/x.js", "/nonexistent-app/src/b/y.js"}, []string{"/nonexistent-app/src/c/x.js"}},
		// The kernel's pseudo-filesystems need a pattern that names them.
		{"/**", []string{"/etc/passwd", "/home/u/x", "/devices", "/process"}, []string{"/proc/self/environ", "/proc", "/sys/kernel", "/dev/mem"}},
		{"/*/self/environ", nil, []string{"/proc/self/environ"}},
		{"/proc/self/status", []string{"/proc/self/status"}, []string{"/proc/self/environ"}},
		{"/dev/null", []string{"/dev/null"}, []string{"/dev/mem"}},
		{"/sys/**", []string{"/sys/kernel/x"}, []string{"/proc/x"}},
	}
	for _, c := range cases {
		p := mustPattern(t, "fs.read", c.pattern, env)
		for _, y := range c.yes {
			// Resources reach matchers as RealPath makes them (/proc/self is a symlink).
			y, _ = RealPath("/", y)
			if !p.Match(Resource{Path: y}) {
				t.Errorf("%q (compiled %q) should match %q", c.pattern, p.Compiled, y)
			}
		}
		for _, n := range c.no {
			n, _ = RealPath("/", n)
			if p.Match(Resource{Path: n}) {
				t.Errorf("%q (compiled %q) should not match %q", c.pattern, p.Compiled, n)
			}
		}
	}
	if mustPattern(t, "fs.read", "/**", env).Match(Resource{Path: "relative/x"}) {
		t.Error("a relative resource path matched")
	}
}

func TestPathPatternResolvesSymlinkedPrefix(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	if err := os.MkdirAll(filepath.Join(real, "logs"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, filepath.Join(dir, "app")); err != nil {
		t.Fatal(err)
	}
	realDir, _ := filepath.EvalSymlinks(real)
	p := mustPattern(t, "fs.write", "./logs/**", PatternEnv{AppRoot: filepath.Join(dir, "app")})
	if want := realDir + "/logs/**"; p.Compiled != want {
		t.Fatalf("compiled %q, want %q", p.Compiled, want)
	}
	if !p.Match(Resource{Path: realDir + "/logs/today.log"}) {
		t.Error("real path under the symlinked app root did not match")
	}
}

func TestHostPatterns(t *testing.T) {
	cases := []struct {
		capability, pattern string
		yes, no             []Resource
	}{
		{"net.connect", "api.example.com:443",
			[]Resource{{Host: "api.example.com", Port: 443}},
			[]Resource{{Host: "api.example.com", Port: 80}, {Host: "x.api.example.com", Port: 443}, {Unix: "/api.example.com:443"}}},
		{"net.connect", "API.Example.com.:443", []Resource{{Host: "api.example.com", Port: 443}}, nil},
		{"net.connect", "*.example.com:*",
			[]Resource{{Host: "a.example.com", Port: 1}, {Host: "a.b.example.com", Port: 443}},
			[]Resource{{Host: "example.com", Port: 443}, {Host: "badexample.com", Port: 443}}},
		{"net.connect", "*:443", []Resource{{Host: "anything.test", Port: 443}, {Host: "10.0.0.1", Port: 443}}, []Resource{{Host: "a", Port: 80}}},
		// IP literals in patterns are normalised as resources are.
		{"net.connect", "0x7f.1:80", []Resource{{Host: "127.0.0.1", Port: 80}}, []Resource{{Host: "127.0.0.2", Port: 80}}},
		{"net.connect", "[::ffff:10.0.0.1]:22", []Resource{{Host: "10.0.0.1", Port: 22}}, nil},
		{"net.connect", "[::1]:8080", []Resource{{Host: "::1", Port: 8080}}, []Resource{{Host: "127.0.0.1", Port: 8080}}},
		{"net.connect", "unix:/run/*.sock", []Resource{{Unix: "/run/docker.sock"}}, []Resource{{Host: "run", Port: 0}, {Unix: "/run/x/docker.sock"}}},
		{"net.resolve", "*.example.com", []Resource{{Host: "a.example.com"}}, []Resource{{Host: "example.com"}, {}}},
		{"net.resolve", "example.com", []Resource{{Host: "example.com"}}, []Resource{{Host: "a.example.com"}}},
	}
	for _, c := range cases {
		p := mustPattern(t, c.capability, c.pattern, PatternEnv{AppRoot: "/"})
		for _, r := range c.yes {
			r.Host = NormalizeHost(r.Host)
			if !p.Match(r) {
				t.Errorf("%s %q (compiled %q) should match %+v", c.capability, c.pattern, p.Compiled, r)
			}
		}
		for _, r := range c.no {
			r.Host = NormalizeHost(r.Host)
			if p.Match(r) {
				t.Errorf("%s %q (compiled %q) should not match %+v", c.capability, c.pattern, p.Compiled, r)
			}
		}
	}
}

func TestEnvPatterns(t *testing.T) {
	exact := mustPattern(t, "env.read", "HOME", PatternEnv{})
	prefix := mustPattern(t, "env.read", "npm_config_*", PatternEnv{})
	all := mustPattern(t, "env.read", "*", PatternEnv{})
	for _, c := range []struct {
		p    *Pattern
		name string
		want bool
	}{
		{exact, "HOME", true}, {exact, "HOMEDIR", false}, {exact, "home", false}, {exact, "", false},
		{prefix, "npm_config_registry", true}, {prefix, "npm_config_", true}, {prefix, "npm_token", false},
		{prefix, "NPM_CONFIG_X", false}, {all, "ANY", true}, {all, "", false},
	} {
		if got := c.p.Match(Resource{Name: c.name}); got != c.want {
			t.Errorf("%q matches %q = %v, want %v", c.p.Source, c.name, got, c.want)
		}
	}
}

func TestCommandPatterns(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	if err := os.MkdirAll(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	tool := filepath.Join(bin, "tool")
	if err := os.WriteFile(tool, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(tool, filepath.Join(bin, "alias")); err != nil {
		t.Fatal(err)
	}
	realTool, _ := filepath.EvalSymlinks(tool)
	env := PatternEnv{AppRoot: dir, PathEnv: "/nonexistent:" + bin}

	byName := mustPattern(t, "process.spawn", "tool", env)
	if byName.Compiled != realTool || byName.Unresolved != nil {
		t.Fatalf("name resolved to %q (%v), want %q", byName.Compiled, byName.Unresolved, realTool)
	}
	viaLink := mustPattern(t, "process.spawn", filepath.Join(bin, "alias"), env)
	for _, p := range []*Pattern{byName, viaLink} {
		if !p.Match(Resource{Command: realTool}) {
			t.Errorf("%q does not match %q", p.Source, realTool)
		}
		if p.Match(Resource{Command: "/bin/sh"}) {
			t.Errorf("%q matches /bin/sh", p.Source)
		}
	}
	missing := mustPattern(t, "process.spawn", "no-such-program-pkgbox", env)
	if missing.Unresolved == nil || missing.Match(Resource{Command: "/no-such-program-pkgbox"}) || missing.Match(Resource{Command: ""}) {
		t.Errorf("an unresolved name must match nothing: %+v", missing)
	}
}

func FuzzPattern(f *testing.F) {
	for _, s := range []string{"./logs/**", "/etc/hosts", "api.example.com:443", "*.x.com:*", "[::1]:80",
		"unix:./s.sock", "git", "/usr/bin/git", "NPM_*", "[", "{a,", `\`, "0x7f.1:80", "*.:1", "/proc/**"} {
		f.Add(s, "/app/x/y")
	}
	caps := CapabilityNames()
	f.Fuzz(func(t *testing.T, pattern, resource string) {
		for _, c := range caps {
			err := ValidatePattern(c, pattern)
			p, cerr := CompilePattern(c, pattern, PatternEnv{AppRoot: "/nonexistent-fuzz-root", PathEnv: "/nonexistent-fuzz-bin"})
			if (err == nil) != (cerr == nil) {
				t.Fatalf("%s %q: ValidatePattern %v but CompilePattern %v", c, pattern, err, cerr)
			}
			if cerr != nil {
				if cerr.Error() == "" {
					t.Fatalf("%s %q: empty error", c, pattern)
				}
				continue
			}
			r := Resource{Path: resource, Host: NormalizeHost(resource), Port: 443, Unix: resource, Command: resource, Name: resource}
			p.Match(r)
			p.Match(Resource{})
		}
	})
}
