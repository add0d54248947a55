package resolve

import (
	"errors"
	"io/fs"
	"math"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// These cases are pkgbox's own behaviour (its default Config), where it
// deliberately goes beyond node: TypeScript sources, more extensions, and
// lenient ESM for code that pkgbox converts to CommonJS. Expectations are
// written here, not taken from node.
func TestPkgboxDefaults(t *testing.T) {
	root := fixtureRoot(t)
	r := New(Config{})
	cases := []struct {
		mode       Mode
		from, spec string
		want       string // path relative to root, "builtin:x", or "error:CODE"
	}{
		{Import, "ts/main.ts", "./util.js", "ts/util.ts"},
		{Import, "ts/main.ts", "./comp.js", "ts/comp.tsx"},
		{Import, "ts/main.ts", "./mod.mjs", "ts/mod.mts"},
		{Import, "ts/main.ts", "./util", "ts/util.ts"},
		{Import, "ts/main.ts", "./lib", "ts/lib/index.ts"},
		{Import, "ts/main.ts", "./lib/index.js", "ts/lib/index.ts"},
		{Import, "ts/main.ts", "./plain.js", "ts/plain.js"}, // the exact file wins
		{Require, "ts/main.ts", "./util.js", "ts/util.ts"},
		{Require, "ts/plain.js", "./util.js", "error:MODULE_NOT_FOUND"},
		{Require, "ts/plain.js", "./util", "ts/util.ts"},
		{Require, "app/index.js", "./x", "app/x.cjs"},
		{Import, "app/index.js", "./rel", "app/rel.js"},
		{Import, "app/index.js", "./dir", "app/dir/index.js"},
		{Import, "app/index.js", "./dirmain", "app/dirmain/start.js"},
		{Import, "app/index.js", "plain/lib/other", "app/node_modules/plain/lib/other.js"},
		{Import, "app/index.js", "plain/", "app/node_modules/plain/lib/main.js"},
		{Import, "app/index.js", "subpaths/missing", "error:ERR_MODULE_NOT_FOUND"}, // exports targets stay exact
		{Import, "app/index.js", "subpaths/dir", "error:ERR_UNSUPPORTED_DIR_IMPORT"},
		{Import, "app/index.js", "#ext", "error:ERR_MODULE_NOT_FOUND"}, // so do imports targets
		{Import, "app/index.js", "./nope", "error:ERR_MODULE_NOT_FOUND"},
		{Import, "app/index.js", "c:/x", "error:ERR_UNSUPPORTED_ESM_URL_SCHEME"},
		{Import, "app/index.js", "data:text/javascript,1", "error:ERR_UNSUPPORTED_ESM_URL_SCHEME"},
		{Import, "app/index.js", "node:nope", "error:ERR_UNKNOWN_BUILTIN_MODULE"},
		{Import, "app/index.js", "fs", "builtin:fs"},
		{Require, "app/index.js", "node:test", "builtin:test"},
		{Require, "app/index.js", "badjson", "error:ERR_INVALID_PACKAGE_CONFIG"},
	}
	for _, c := range cases {
		res, err := r.Resolve(c.spec, filepath.Join(root, c.from), c.mode)
		got := describe(root, res, err)
		if got != c.want {
			t.Errorf("%v %s from %s: got %s, want %s (err: %v)", c.mode, c.spec, c.from, got, c.want, err)
		}
	}

	// The message of a lenient failure is still node's.
	_, err := r.Resolve("./nope", filepath.Join(root, "app/index.js"), Import)
	if want := "Cannot find module '" + root + "/app/nope' imported from " + root + "/app/index.js"; err.(*Error).Message != want {
		t.Errorf("message %q, want %q", err.(*Error).Message, want)
	}
}

func describe(root string, res Result, err error) string {
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			return "error:" + e.Code
		}
		return "error:" + err.Error()
	}
	if res.Builtin != "" {
		return "builtin:" + res.Builtin
	}
	return strings.TrimPrefix(res.Path, root+"/")
}

func TestConfigBuiltinsAndConditions(t *testing.T) {
	root := fixtureRoot(t)
	from := filepath.Join(root, "app/index.js")
	r := New(Config{IsBuiltin: func(n string) bool { return n == "fs" }})
	if res, err := r.Resolve("fs", from, Require); err != nil || res.Builtin != "fs" {
		t.Errorf("fs: %v %v", res, err)
	}
	_, err := r.Resolve("path", from, Require)
	if e, ok := err.(*Error); !ok || e.Code != "MODULE_NOT_FOUND" || e.Message != "Cannot find module 'path'" || !e.RequireStack {
		t.Errorf("path: %#v", err)
	}
	_, err = r.Resolve("node:path", from, Require)
	if e, ok := err.(*Error); !ok || e.Code != "ERR_UNKNOWN_BUILTIN_MODULE" || e.Message != "No such built-in module: node:path" {
		t.Errorf("node:path: %#v", err)
	}
	if e := err.(*Error); e.Spec != "node:path" || e.From != from {
		t.Errorf("error context: spec %q from %q", e.Spec, e.From)
	}

	// User conditions reach nested condition objects in both modes.
	rc := New(Config{Conditions: []string{"custom"}})
	for _, m := range []Mode{Require, Import} {
		res, err := rc.Resolve("nested/feature", from, m)
		if err != nil || !strings.HasSuffix(res.Path, "/nested/custom.js") {
			t.Errorf("%v nested/feature with custom: %v %v", m, res, err)
		}
	}
}

func TestPackageOf(t *testing.T) {
	root := fixtureRoot(t)
	r := New(Config{})
	cases := []struct {
		file               string
		name, version, dir string // name "" means app code (nil)
		synthetic          bool
		deps               string
	}{
		{file: "app/index.js"},
		{file: "app/node_modules/plain/lib/main.js", name: "plain", version: "1.2.3", dir: "app/node_modules/plain", deps: "dep-of-plain opt peer"},
		{file: "app/node_modules/@scope/pkg/sub/file.js", name: "@scope/pkg", version: "2.0.0", dir: "app/node_modules/@scope/pkg"},
		{file: "app/node_modules/a/node_modules/b/index.js", name: "b", version: "2.0.0", dir: "app/node_modules/a/node_modules/b"},
		{file: "app/node_modules/typed/dist/esm/x.js", name: "typed", dir: "app/node_modules/typed"},
		{file: "app/node_modules/badjson/index.js", name: "badjson", dir: "app/node_modules/badjson", synthetic: true},
		{file: "app/node_modules/nopkgjson/index.js", name: "nopkgjson", dir: "app/node_modules/nopkgjson", synthetic: true},
		{file: "app/node_modules/loose.js", name: "loose.js", dir: "app/node_modules/loose.js", synthetic: true},
		{file: "pnpm/node_modules/.pnpm/foo@1.0.0/node_modules/foo/index.js", name: "foo", version: "1.0.0", dir: "pnpm/node_modules/.pnpm/foo@1.0.0/node_modules/foo", deps: "bar"},
		{file: "pnpm/node_modules/.pnpm/@s+q@1.0.0/node_modules/@s/q/q.js", name: "@s/q", version: "1.0.0", dir: "pnpm/node_modules/.pnpm/@s+q@1.0.0/node_modules/@s/q"},
		{file: "pnpm/node_modules/.pnpm/nopkg@1.0.0/node_modules/nopkg/lib/x.js", name: "nopkg", dir: "pnpm/node_modules/.pnpm/nopkg@1.0.0/node_modules/nopkg", synthetic: true},
		{file: "pnpm/node_modules/.pnpm/inner@1.0.0/node_modules/inner/lib/x.js", name: "inner-lib", dir: "pnpm/node_modules/.pnpm/inner@1.0.0/node_modules/inner/lib"},
		{file: "linked/mylib/index.js"}, // npm link: real path outside node_modules
		{file: "linked/mylib/node_modules/libdep/index.js", name: "libdep", version: "1.0.0", dir: "linked/mylib/node_modules/libdep"},
		{file: "ws/packages/a/src/index.js"}, // workspace package: app code
	}
	for _, c := range cases {
		p := r.PackageOf(filepath.Join(root, c.file))
		if c.name == "" {
			if p != nil {
				t.Errorf("%s: want app code (nil), got %+v", c.file, p)
			}
			continue
		}
		if p == nil {
			t.Errorf("%s: got nil, want package %s", c.file, c.name)
			continue
		}
		var deps []string
		for d := range p.Deps {
			deps = append(deps, d)
		}
		sortStrings(deps)
		if p.Name != c.name || p.Version != c.version || p.Dir != filepath.Join(root, c.dir) ||
			p.Synthetic != c.synthetic || strings.Join(deps, " ") != c.deps {
			t.Errorf("%s: got name %q version %q dir %q synthetic %v deps %v; want %q %q %q %v %q",
				c.file, p.Name, p.Version, p.Dir, p.Synthetic, deps, c.name, c.version, filepath.Join(root, c.dir), c.synthetic, c.deps)
		}
	}
	// The real path of a resolved module gives the package that owns it.
	res, err := r.Resolve("foo", filepath.Join(root, "pnpm/index.js"), Require)
	if err != nil {
		t.Fatal(err)
	}
	if p := r.PackageOf(res.Path); p == nil || p.Name != "foo" {
		t.Errorf("PackageOf(%s) = %+v, want foo", res.Path, p)
	}
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func TestTypeScopeAndReadPackage(t *testing.T) {
	root := fixtureRoot(t)
	r := New(Config{})
	for file, want := range map[string]string{
		"app/node_modules/typed/index.js":        "module",
		"app/node_modules/typed/cjs/x.js":        "commonjs",
		"app/node_modules/typed/dist/esm/x.js":   "module",
		"app/index.js":                           "",
		"app/esm/mod.js":                         "module",
		"app/node_modules/loose.js":              "", // the scope walk stops at node_modules
		"app/node_modules/nopkgjson/index.js":    "",
		"ts/main.ts":                             "module",
		"app/node_modules/plain/lib/nested/x.js": "",
	} {
		if got := r.TypeScope(filepath.Join(root, file)); got != want {
			t.Errorf("TypeScope(%s) = %q, want %q", file, got, want)
		}
	}
	_, err := r.Scope(filepath.Join(root, "app/brokenscope/x.js"))
	if e, ok := err.(*Error); !ok || e.Code != "ERR_INVALID_PACKAGE_CONFIG" ||
		!strings.HasPrefix(e.Message, "Error parsing "+root+"/app/brokenscope/package.json: ") {
		t.Errorf("Scope of a broken package.json: %v", err)
	}

	p, err := r.ReadPackage(filepath.Join(root, "app"))
	if err != nil || p.Name != "app" || p.Version != "1.0.0" || !p.HasExports() || !p.Deps["plain"] {
		t.Errorf("ReadPackage(app) = %+v, %v", p, err)
	}
	if _, err := r.ReadPackage(filepath.Join(root, "app/src")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadPackage without package.json: %v, want fs.ErrNotExist", err)
	}
	_, err = r.ReadPackage(filepath.Join(root, "app/node_modules/badjson"))
	if err == nil || !strings.Contains(err.Error(), root+"/app/node_modules/badjson/package.json") {
		t.Errorf("ReadPackage(badjson) error should name the file: %v", err)
	}
	if p, err := r.ReadPackage(filepath.Join(root, "app/node_modules/bom")); err != nil || p.Main != "lib/m.js" {
		t.Errorf("ReadPackage with a BOM: %+v, %v", p, err)
	}
}

func TestLookupPaths(t *testing.T) {
	r := New(Config{})
	got := r.LookupPaths("plain", "/a/node_modules/b/src/x.js")
	want := []string{"/a/node_modules/b/src/node_modules", "/a/node_modules/b/node_modules", "/a/node_modules", "/node_modules"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("LookupPaths = %v, want %v", got, want)
	}
	if got := r.LookupPaths("./x", "/a/b/"); len(got) != 1 || got[0] != "/a/b" {
		t.Errorf("LookupPaths relative from a folder = %v", got)
	}
	if got := r.LookupPaths("node:fs", "/a/x.js"); got != nil {
		t.Errorf("LookupPaths builtin = %v, want nil", got)
	}
	if got := r.LookupPaths("x", "/x.js"); strings.Join(got, " ") != "/node_modules" {
		t.Errorf("LookupPaths at the root = %v", got)
	}
}

// TestConcurrent resolves every golden case from many goroutines at once on
// one resolver (run with -race) and expects the single-threaded answers.
func TestConcurrent(t *testing.T) {
	root := fixtureRoot(t)
	cases := loadCases(t)
	want := runGo(root, cases)
	r := New(nodeConfig(nil))
	var wg sync.WaitGroup
	var mu sync.Mutex
	bad := 0
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := range cases {
				c := cases[(i+g*31)%len(cases)]
				if c.Conditions != nil || (c.Mode != "require" && c.Mode != "import") {
					continue
				}
				mode := Require
				if c.Mode == "import" {
					mode = Import
				}
				from := filepath.Join(root, c.From)
				if strings.HasSuffix(c.From, "/") {
					from += "/"
				}
				res, err := r.Resolve(strings.ReplaceAll(c.Spec, "<root>", root), from, mode)
				if got := toOutcome(root, res, err); !sameOutcome(want[c.Name], got) {
					mu.Lock()
					bad++
					mu.Unlock()
				}
			}
		}(g)
	}
	wg.Wait()
	if bad > 0 {
		t.Errorf("%d concurrent resolutions differ from sequential ones", bad)
	}
	r.Reset()
	if _, err := r.Resolve("plain", filepath.Join(root, "app/index.js"), Require); err != nil {
		t.Errorf("after Reset: %v", err)
	}
}

func TestJSNumberString(t *testing.T) {
	// Expected strings are String(x) in node.
	for f, want := range map[float64]string{
		0: "0", math.Copysign(0, -1): "0", 1: "1", -1: "-1", 1.5: "1.5", 1e21: "1e+21", 1e-7: "1e-7",
		123456789012345680000: "123456789012345680000", 0.000001: "0.000001",
		1.7976931348623157e308: "1.7976931348623157e+308", 5e-324: "5e-324", 0.1: "0.1", 100: "100",
		1e20: "100000000000000000000", -2.5e-8: "-2.5e-8", 4294967295: "4294967295", 123.456: "123.456",
	} {
		if got := jsNumberString(f); got != want {
			t.Errorf("jsNumberString(%v) = %q, want %q", f, got, want)
		}
	}
	for k, want := range map[string]bool{"0": true, "1.5": true, "1e-7": true, "01": false, "-1": false,
		"4294967295": false, "4294967294": true, "Infinity": false, "": false, " 1": false, "a": false} {
		if got := isNodeArrayIndex(k); got != want {
			t.Errorf("isNodeArrayIndex(%q) = %v, want %v", k, got, want)
		}
	}
}
