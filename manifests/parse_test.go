package manifests

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/manifests/invalid/*.err from Parse's output")

// Each kind of problem, with the exact text a user sees.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		// unknown keys
		{"unknown top-level key", `{"packages": {}, "version": 1}`,
			`pkgbox.json:1:18: version: unknown key; expected "packages", "app" or "policies"`},
		{"misspelt top-level key", `{"package": {}}`,
			`pkgbox.json:1:2: package: unknown key (did you mean "packages"?)`},
		{"package at top level", `{"lodash": {}}`,
			`pkgbox.json:1:2: lodash: unknown key; expected "packages", "app" or "policies" (a package's grants go under "packages")`},

		// unknown capabilities
		{"misspelt capability", "{\n  \"packages\": {\n    \"axios\": {\n      \"net.conect\": [\"api.example.com:443\"]\n    }\n  }\n}",
			`pkgbox.json:4:7: packages.axios."net.conect": unknown capability (did you mean "net.connect"?)`},
		{"capability in upper case", `{"app": {"FS.READ": true}}`,
			`pkgbox.json:1:10: app."FS.READ": unknown capability (did you mean "fs.read"?)`},
		{"capability with halves swapped", `{"packages": {"a": {"read.fs": true}}}`,
			`pkgbox.json:1:21: packages.a."read.fs": unknown capability (did you mean "fs.read"?)`},
		{"capability nothing like one", `{"packages": {"a": {"unicorns": true}}}`,
			`pkgbox.json:1:21: packages.a.unicorns: unknown capability; expected one of fs.read, fs.write, net.connect, net.listen, net.resolve, process.spawn, env.read, env.write, process.control, sys.info, native.load`},

		// values of the wrong type
		{"manifest not an object", `[]`,
			`pkgbox.json:1:1: expected an object with the keys "packages", "app" and "policies", got a list`},
		{"packages not an object", `{"packages": ["lodash"]}`,
			`pkgbox.json:1:14: packages: expected an object mapping package names to their grants, got a list`},
		{"grants not an object", `{"packages": {"lodash": true}}`,
			`pkgbox.json:1:25: packages.lodash: expected an object mapping capabilities to grants, such as {"fs.read": ["./data/**"]}, got true`},
		{"app not an object", `{"app": null}`,
			`pkgbox.json:1:9: app: expected an object mapping capabilities to grants, such as {"fs.read": ["./data/**"]}, got null`},
		{"grant is a string", `{"packages": {"dotenv": {"fs.read": "./.env"}}}`,
			`pkgbox.json:1:37: packages.dotenv."fs.read": expected true or a list of path patterns, got a string (write ["./.env"])`},
		{"grant is false", `{"packages": {"dotenv": {"env.read": false}}}`,
			`pkgbox.json:1:38: packages.dotenv."env.read": expected true or a list of variable names, got false (to withhold env.read, remove the key)`},
		{"grant is a number", `{"packages": {"a": {"net.connect": 443}}}`,
			`pkgbox.json:1:36: packages.a."net.connect": expected true or a list of host:port patterns, got a number`},
		{"list for a capability without resource", `{"packages": {"a": {"sys.info": ["os.hostname"]}}}`,
			`pkgbox.json:1:33: packages.a."sys.info": expected true (sys.info takes no resource), got a list`},
		{"pattern not a string", `{"packages": {"a": {"process.spawn": ["git", 1]}}}`,
			`pkgbox.json:1:46: packages.a."process.spawn"[1]: expected a command (a string), got a number`},
		{"policies a string", `{"policies": "org.rego"}`,
			`pkgbox.json:1:14: policies: expected a list of Rego files, relative to this manifest's folder, got a string (write ["org.rego"])`},
		{"policy not a string", `{"policies": [{}]}`,
			`pkgbox.json:1:15: policies[0]: expected the path of a Rego file (a string), got an object`},
		{"empty policy path", `{"policies": [""]}`,
			`pkgbox.json:1:15: policies[0]: empty path; expected the path of a Rego file`},

		// bad patterns (the syntax is policy.ValidatePattern's, shared with the run-time gate)
		{"host without port", `{"packages": {"axios": {"net.connect": ["api.example.com"]}}}`,
			`pkgbox.json:1:41: packages.axios."net.connect"[0]: expected a host:port pattern ("api.example.com:443", "*.example.com:*", "[::1]:8080", "unix:./app.sock"), got "api.example.com": missing :port (use :* for any port)`},
		{"port out of range", `{"app": {"net.listen": ["*:65536"]}}`,
			`pkgbox.json:1:25: app."net.listen"[0]: expected a host:port pattern ("api.example.com:443", "*.example.com:*", "[::1]:8080", "unix:./app.sock"), got "*:65536": the port must be a number 0-65535 or *`},
		{"command with arguments", `{"packages": {"simple-git": {"process.spawn": ["git status"]}}}`,
			`pkgbox.json:1:48: packages.simple-git."process.spawn"[0]: expected a program name or an absolute path ("git", "/usr/bin/git"), got "git status": contains spaces; grant the program only, without arguments`},
		{"env wildcard inside", `{"packages": {"a": {"env.read": ["AWS_*_KEY"]}}}`,
			`pkgbox.json:1:34: packages.a."env.read"[0]: expected a variable name, optionally ending in * ("HOME", "npm_config_*"), got "AWS_*_KEY": * is allowed only at the end`},
		{"home-relative path", `{"packages": {"a": {"fs.read": ["~/.npmrc"]}}}`,
			`pkgbox.json:1:33: packages.a."fs.read"[0]: expected a path pattern ("./logs/**", "/etc/hosts"), got "~/.npmrc": ~ is not expanded; write the absolute path`},
		{"empty pattern", `{"packages": {"a": {"net.resolve": [""]}}}`,
			`pkgbox.json:1:37: packages.a."net.resolve"[0]: expected a host pattern ("api.example.com", "*.example.com", "10.0.0.1"), got "": empty host`},

		// bad package names
		{"package name with a space", `{"packages": {"left pad": {}}}`,
			`pkgbox.json:1:15: packages."left pad": invalid package name: a package name cannot contain spaces; expected an npm package name such as "lodash" or "@scope/name"`},
		{"package name starting with a dot", `{"packages": {".bin": {}}}`,
			`pkgbox.json:1:15: packages.".bin": invalid package name: a package name cannot start with '.' or '_'; expected an npm package name such as "lodash" or "@scope/name"`},
		{"scope without a name", `{"packages": {"@babel": {}}}`,
			`pkgbox.json:1:15: packages."@babel": invalid package name: a scoped name has the form @scope/name; expected an npm package name such as "lodash" or "@scope/name"`},
		{"slash without a scope", `{"packages": {"babel/core": {}}}`,
			`pkgbox.json:1:15: packages."babel/core": invalid package name: only a scoped name (@scope/name) contains '/'; expected an npm package name such as "lodash" or "@scope/name"`},
		{"reserved package name", `{"packages": {"node_modules": {}}}`,
			`pkgbox.json:1:15: packages.node_modules: invalid package name: reserved name; expected an npm package name such as "lodash" or "@scope/name"`},
		{"non-ASCII package name", `{"packages": {"café": {}}}`,
			`pkgbox.json:1:15: packages."café": invalid package name: a package name contains only letters, digits and - . _ ~ ! * ' ( ); expected an npm package name such as "lodash" or "@scope/name"`},
		{"package name too long", `{"packages": {"` + strings.Repeat("a", 215) + `": {}}}`,
			`pkgbox.json:1:15: packages.` + strings.Repeat("a", 215) + `: invalid package name: longer than 214 characters; expected an npm package name such as "lodash" or "@scope/name"`},

		// duplicates
		{"duplicate package", "{\"packages\": {\n\"a\": {},\n\"a\": {\"fs.read\": true}}}",
			`pkgbox.json:3:1: packages.a: duplicate key (first at 2:1)`},
		{"duplicate capability", `{"packages": {"a": {"env.read": ["HOME"], "env.read": true}}}`,
			`pkgbox.json:1:43: packages.a."env.read": duplicate key (first at 1:21)`},
		{"duplicate top-level key", `{"app": {}, "app": {"fs.read": true}}`,
			`pkgbox.json:1:13: app: duplicate key (first at 1:2)`},
		{"repeated pattern", `{"packages": {"a": {"fs.read": ["./x", "./x"]}}}`,
			`pkgbox.json:1:40: packages.a."fs.read"[1]: "./x" is listed twice (first at 1:33)`},
		{"repeated policy", `{"policies": ["a.rego", "a.rego"]}`,
			`pkgbox.json:1:25: policies[1]: "a.rego" is listed twice (first at 1:15)`},

		// not JSON, or trailing content
		{"trailing content", "{\"packages\": {}}\n}",
			`pkgbox.json:2:1: invalid JSON: unexpected character '}' after the end of the top-level value`},
		{"second document", "{}\n{}\n",
			`pkgbox.json:2:1: invalid JSON: unexpected character '{' after the end of the top-level value`},
		{"trailing comment", `{} // nothing`,
			`pkgbox.json:1:4: invalid JSON: comments are not allowed in JSON`},
		{"trailing comma", `{"packages": {"a": {},}}`,
			`pkgbox.json:1:23: invalid JSON: trailing comma before '}'`},
		{"truncated", `{"packages": {`,
			`pkgbox.json:1:15: invalid JSON: unexpected end of file; expected a key in double quotes`},
		{"empty file", " \n",
			`pkgbox.json:2:1: the file is empty; expected an object such as {"packages": {}}`},
		{"byte order mark", "\uFEFF{}",
			`pkgbox.json:1:1: the file starts with a byte order mark; save it as UTF-8 without one`},
		{"invalid UTF-8", "{\"packages\": {\"caf\xe9\": {}}}",
			`pkgbox.json:1:19: invalid UTF-8 (byte 0xe9); save the file as UTF-8`},
		{"lone surrogate", `{"policies": ["\udc00.rego"]}`,
			`pkgbox.json:1:16: invalid JSON: escape \udc00 is half of a UTF-16 surrogate pair`},
		{"bad escape", `{"policies": ["C:\rego\x.rego"]}`,
			`pkgbox.json:1:23: invalid JSON: a backslash followed by 'x' is not a JSON escape (a backslash is written \\)`},
		{"bare word", `{"app": {"sys.info": yes}}`,
			`pkgbox.json:1:22: invalid JSON: "yes" is not a JSON value; expected a string in double quotes, a number, true, false, null, a list or an object`},
		{"leading zero", `{"app": {"sys.info": 01}}`,
			`pkgbox.json:1:22: invalid JSON: malformed number "01"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Parse("pkgbox.json", []byte(tt.in))
			if err == nil {
				t.Fatalf("Parse accepted %q: %+v", tt.in, m)
			}
			if m != nil {
				t.Errorf("Parse returned a manifest with its error")
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error is %T, want *Error", err)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("Parse(%q):\n got: %s\nwant: %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseReportsEveryProblemInDocumentOrder(t *testing.T) {
	in := `{
  "polices": [],
  "packages": {
    "a b": {"fs.reed": true},
    "ok": {"env.read": "HOME", "env.read": true}
  }
}`
	_, err := Parse("m.json", []byte(in))
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v, want *Error", err)
	}
	want := []Problem{
		{2, 3, "polices", `unknown key (did you mean "policies"?)`},
		{4, 5, `packages."a b"`, `invalid package name: a package name cannot contain spaces; expected an npm package name such as "lodash" or "@scope/name"`},
		{4, 13, `packages."a b"."fs.reed"`, `unknown capability (did you mean "fs.read"?)`},
		{5, 24, `packages.ok."env.read"`, `expected true or a list of variable names, got a string (write ["HOME"])`},
		{5, 32, `packages.ok."env.read"`, `duplicate key (first at 5:12)`},
	}
	if len(e.Problems) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%v", len(e.Problems), len(want), err)
	}
	for i := range want {
		if e.Problems[i] != want[i] {
			t.Errorf("problem %d: got %+v, want %+v", i, e.Problems[i], want[i])
		}
	}
}

func TestParseCapsTheNumberOfProblems(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"packages": {"a": {`)
	for i := range maxProblems + 7 {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`"bogus` + strings.Repeat("x", i) + `": true`)
	}
	b.WriteString(`}}}`)
	_, err := Parse("pkgbox.json", []byte(b.String()))
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v, want *Error", err)
	}
	if len(e.Problems) != maxProblems+1 {
		t.Fatalf("got %d problems, want %d", len(e.Problems), maxProblems+1)
	}
	if last := e.Problems[maxProblems]; last.Message != "and 7 more problems" || last.Line != 0 {
		t.Errorf("last problem: %+v", last)
	}
}

// A file of many repeated keys is reported as quickly as any other: the place of the first
// occurrence is worked out only for the problems that are kept.
func TestParseManyDuplicateKeys(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"packages": {"a": {}`)
	for range 100_000 {
		b.WriteString(`, "a": {}`)
	}
	b.WriteString(`}}`)
	_, err := Parse("pkgbox.json", []byte(b.String()))
	var e *Error
	if !errors.As(err, &e) || len(e.Problems) != maxProblems+1 {
		t.Fatalf("got %v", err)
	}
	if got, want := e.Problems[0].format("pkgbox.json"), "pkgbox.json:1:24: packages.a: duplicate key (first at 1:15)"; got != want {
		t.Errorf("first problem %s, want %s", got, want)
	}
	if got, want := e.Problems[maxProblems].Message, fmt.Sprintf("and %d more problems", 100_000-maxProblems); got != want {
		t.Errorf("last problem %q, want %q", got, want)
	}
}

func TestParseValid(t *testing.T) {
	in := `{
  "packages": {
    "dotenv":      { "fs.read": ["./.env"], "env.read": true },
    "axios":       { "net.connect": ["api.example.com:443", "*.internal.example.com:*"] },
    "@scope/name": { "process.spawn": ["git"] },
    "pino":        { "fs.write": [] }
  },
  "app": { },
  "policies": ["policy/org.rego", "/etc/pkgbox/x.rego"]
}`
	m, err := Parse("dir/pkgbox.json", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := &Manifest{
		Packages: map[string]Grants{
			"dotenv":      {"fs.read": {Patterns: []string{"./.env"}}, "env.read": {All: true}},
			"axios":       {"net.connect": {Patterns: []string{"api.example.com:443", "*.internal.example.com:*"}}},
			"@scope/name": {"process.spawn": {Patterns: []string{"git"}}},
			"pino":        {"fs.write": {}},
		},
		App:      Grants{},
		Policies: []string{"policy/org.rego", "/etc/pkgbox/x.rego"},
	}
	if !m.Equal(want) {
		t.Errorf("got %+v\nwant %+v", m, want)
	}
	if m.Path != "dir/pkgbox.json" {
		t.Errorf("Path = %q", m.Path)
	}
	// Patterns keep the order they were written in.
	if got := m.Packages["axios"]["net.connect"].Patterns; got[0] != "api.example.com:443" {
		t.Errorf("patterns reordered: %q", got)
	}
	if g, ok := m.Grant("dotenv", "env.read"); !ok || !g.All {
		t.Errorf("Grant(dotenv, env.read) = %+v, %v", g, ok)
	}
	if _, ok := m.Grant("dotenv", "net.connect"); ok {
		t.Errorf("Grant(dotenv, net.connect) granted")
	}
	if _, ok := m.Grant("left-pad", "fs.read"); ok {
		t.Errorf("Grant of an unlisted package granted")
	}
	files := m.PolicyFiles()
	if files[0] != filepath.Join("dir", "policy", "org.rego") || files[1] != "/etc/pkgbox/x.rego" {
		t.Errorf("PolicyFiles = %q", files)
	}
}

func TestParseAppAbsentOrEmpty(t *testing.T) {
	m, err := Parse("pkgbox.json", []byte(`{"packages": {}}`))
	if err != nil {
		t.Fatal(err)
	}
	if m.App != nil {
		t.Errorf("no app key: App = %#v, want nil (the app keeps every capability)", m.App)
	}
	if m.Packages == nil {
		t.Errorf("Packages is nil")
	}
	m, err = Parse("pkgbox.json", []byte(`{"app": {}}`))
	if err != nil {
		t.Fatal(err)
	}
	if m.App == nil || len(m.App) != 0 {
		t.Errorf(`"app": {} gave App = %#v, want empty non-nil (the app gets nothing)`, m.App)
	}
}

func TestRead(t *testing.T) {
	dir := t.TempDir()

	_, err := Read(filepath.Join(dir, "pkgbox.json"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: got %v, want an error satisfying errors.Is(err, fs.ErrNotExist)", err)
	}

	dangling := filepath.Join(dir, "dangling.json")
	if err := os.Symlink(filepath.Join(dir, "nowhere.json"), dangling); err != nil {
		t.Fatal(err)
	}
	_, err = Read(dangling)
	if err == nil || errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), dangling) {
		t.Errorf("dangling link: got %v, want an error naming it that is not ErrNotExist (someone meant a manifest to be there)", err)
	}

	_, err = Read(dir)
	if err == nil || errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a directory: got %v, want an error that is not ErrNotExist", err)
	}

	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"packages": {"a": {"fs.raed": true}}}`), 0o644)
	_, err = Read(bad)
	if want := bad + `:1:21: packages.a."fs.raed": unknown capability (did you mean "fs.read"?)`; err == nil || err.Error() != want {
		t.Errorf("invalid file: got %v, want %s", err, want)
	}

	good := filepath.Join(dir, "good.json")
	os.WriteFile(good, []byte(`{"packages": {"a": {"fs.read": true}}}`), 0o644)
	m, err := Read(good)
	if err != nil || m.Path != good || !m.Packages["a"]["fs.read"].All {
		t.Errorf("Read(good) = %+v, %v", m, err)
	}
}

// testdataFiles lists testdata/manifests/KIND/*.json.
func testdataFiles(t testing.TB, kind string) []string {
	files, err := filepath.Glob(filepath.Join("testdata", "manifests", kind, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata/manifests/%s files (%v)", kind, err)
	}
	return files
}

func TestTestdataValid(t *testing.T) {
	for _, file := range testdataFiles(t, "valid") {
		t.Run(filepath.Base(file), func(t *testing.T) {
			if _, err := Read(file); err != nil {
				t.Errorf("%v", err)
			}
		})
	}
}

// Each invalid file's full error report is kept beside it as NAME.err (go test -update rewrites
// them); multi.json is the compiler-style report of many problems at once.
func TestTestdataInvalidGolden(t *testing.T) {
	for _, file := range testdataFiles(t, "invalid") {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			_, err = Parse(filepath.Base(file), data)
			if err == nil {
				t.Fatalf("Parse accepted %s", file)
			}
			got := err.Error() + "\n"
			golden := strings.TrimSuffix(file, ".json") + ".err"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s:\n--- got\n%s--- want (%s)\n%s", file, got, golden, want)
			}
		})
	}
}
