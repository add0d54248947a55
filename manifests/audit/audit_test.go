package audit

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/pkgbox/pkgbox/internal/fixturetree"
)

var update = flag.Bool("update", false, "rewrite the golden expected.json files of fixtures/audit")

// FixtureTree returns dir, or a temporary copy of it with the links of its symlinks.txt made
// (internal/fixturetree): not every checkout keeps symlinks.
func FixtureTree(t testing.TB, dir string) string {
	t.Helper()
	if _, err := os.Stat(filepath.Join(dir, "symlinks.txt")); os.IsNotExist(err) {
		return dir
	}
	return fixturetree.Copy(t, dir)
}

func fixtureDirs(t *testing.T) []string {
	dirs, err := filepath.Glob(filepath.Join("..", "..", "fixtures", "audit", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no fixtures under fixtures/audit: %v", err)
	}
	return dirs
}

func TestGolden(t *testing.T) {
	for _, dir := range fixtureDirs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			r, _, err := Audit(FixtureTree(t, dir), Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := WriteJSON(&got, r); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join(dir, "expected.json")
			if *update {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./manifests/audit -update to write it, then review it)", err)
			}
			if got.String() != string(want) {
				t.Errorf("audit JSON differs from %s (run with -update, then review the diff)\n--- got\n%s", golden, got.String())
			}
			back, err := ReadJSON(want)
			if err != nil {
				t.Fatalf("golden does not read back: %v", err)
			}
			if len(back.Packages) != len(r.Packages) {
				t.Errorf("read back %d packages, want %d", len(back.Packages), len(r.Packages))
			}
		})
	}
}

// find returns the findings of package name (at version, when not "") of a kind.
func find(r *Report, name, version, kind string) []Finding {
	var out []Finding
	for _, p := range r.Packages {
		if p.Name != name || version != "" && p.Version != version {
			continue
		}
		for _, f := range p.Findings {
			if f.Kind == kind {
				out = append(out, f)
			}
		}
	}
	return out
}

func hasResource(fs []Finding, res string) bool {
	for _, f := range fs {
		if f.Resource == res && !f.Computed {
			return true
		}
	}
	return false
}

// TestLayouts checks, independently of the goldens, what each layout must produce.
func TestLayouts(t *testing.T) {
	fx := filepath.Join("..", "..", "fixtures", "audit")
	t.Run("npm nested and hoisted", func(t *testing.T) {
		r, _, err := Audit(filepath.Join(fx, "npm"), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if fs := find(r, "helper", "1.0.0", "process.spawn"); !hasResource(fs, "ls") || !hasResource(fs, "sh") {
			t.Errorf("hoisted helper@1: spawn findings %+v, want ls and sh", fs)
		}
		if fs := find(r, "helper", "2.0.0", "net.connect"); !hasResource(fs, "api.example.com:443") {
			t.Errorf("nested helper@2: net.connect %+v, want api.example.com:443", fs)
		}
		var reader *Package
		for _, p := range r.Packages {
			if p.Name == "reader" {
				reader = p
			}
		}
		if reader == nil || len(reader.Reaches["net.connect"]) != 1 || reader.Reaches["net.connect"][0] != "helper" {
			t.Errorf("reader should reach net.connect through its nested helper@2 (not spawn through helper@1): %+v", reader.Reaches)
		}
		if _, spawn := reader.Reaches["process.spawn"]; spawn {
			t.Errorf("reader resolves helper to its nested 2.0.0, which does not spawn")
		}
		if fs := find(r, "reader", "", "fs.read"); !hasResource(fs, "./node_modules/reader/data.json") || !hasResource(fs, "/etc/hostname") {
			t.Errorf("reader fs.read %+v", fs)
		}
		if fs := find(r, "@scope/envy", "", "env.read"); !hasResource(fs, "NODE_ENV") || !hasResource(fs, "DEBUG") {
			t.Errorf("scoped package env reads %+v", fs)
		}
		if fs := find(r, "loose", "", KindDynamic); len(fs) != 2 {
			t.Errorf("loose: %d dynamic requires, want 2: %+v", len(fs), fs)
		}
		if fs := find(r, "loose", "", KindUndeclared); !hasResource(fs, "left-pad") {
			t.Errorf("loose: undeclared %+v", fs)
		}
		if fs := find(r, "loose", "", KindEval); len(fs) != 4 {
			t.Errorf("loose: %d code.eval (eval, Function, vm, setTimeout string), want 4: %+v", len(fs), fs)
		}
		if fs := find(r, "installer", "", KindInstall); !hasResource(fs, "node scripts/setup.js") || fs[0].Line != 6 {
			t.Errorf("installer postinstall %+v (want line 6 of package.json)", fs)
		}
		if fs := find(r, "addon", "", "native.load"); len(fs) != 2 {
			t.Errorf("addon native.load %+v: want the .node file and the node-gyp-build call", fs)
		}
	})
	t.Run("pnpm", func(t *testing.T) {
		r, _, err := Audit(FixtureTree(t, filepath.Join(fx, "pnpm")), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Packages) != 2 {
			t.Fatalf("%d packages, want x and y once each (links are not new packages)", len(r.Packages))
		}
		x := r.Packages[0]
		if x.Name != "x" || !strings.HasPrefix(x.Dir, "node_modules/.pnpm/x@1.0.0/") || len(x.Paths) != 2 {
			t.Errorf("x: dir %s paths %v; want its real store path and both paths it is installed at", x.Dir, x.Paths)
		}
		if got := x.Reaches["fs.read"]; len(got) != 1 || got[0] != "y" {
			t.Errorf("x reaches %v, want fs.read via y (resolved through the store link)", x.Reaches)
		}
	})
	t.Run("workspace", func(t *testing.T) {
		r, _, err := Audit(FixtureTree(t, filepath.Join(fx, "workspace")), Options{})
		if err != nil {
			t.Fatal(err)
		}
		var web *Package
		for _, p := range r.Packages {
			if p.Name == "web" {
				web = p
			}
		}
		if web == nil || !web.Workspace || web.Dir != "packages/web" {
			t.Fatalf("workspace package web: %+v", web)
		}
		if got := web.Reaches["net.connect"]; len(got) != 1 || got[0] != "dep" {
			t.Errorf("web reaches %v, want net.connect via dep", web.Reaches)
		}
	})
	t.Run("esm and typescript", func(t *testing.T) {
		r, _, err := Audit(filepath.Join(fx, "esm-ts"), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if r.Summary.Errors != 0 {
			t.Fatalf("errors: %+v", r.Packages)
		}
		w := find(r, "modern", "", "fs.write")
		if !hasResource(w, "/tmp/modern.out") || w[0].Line != 7 || w[0].File != "node_modules/modern/lib/index.js" {
			t.Errorf("ESM named import with alias: %+v, want /tmp/modern.out at lib/index.js:7", w)
		}
		if fs := find(r, "modern", "", "process.spawn"); !hasResource(fs, "node") {
			t.Errorf("namespace import: %+v", fs)
		}
		ts := find(r, "typed", "", "fs.write")
		if !hasResource(ts, "./cache") || ts[len(ts)-1].Line != 17 {
			t.Errorf("TypeScript default import: %+v, want ./cache at src/index.ts:17", ts)
		}
		if fs := find(r, "typed", "", "env.read"); !hasResource(fs, "TYPED_KEY") || fs[0].Line != 16 {
			t.Errorf("TypeScript env read: %+v", fs)
		}
	})
}

func analyze(t *testing.T, src string) []Finding {
	t.Helper()
	r := analyzeFile(&fileInput{rel: "node_modules/p/x.js", dirRel: "node_modules/p", src: src, pkgName: "p"})
	if r.err != nil {
		t.Fatalf("%s: %v", src, r.err)
	}
	return r.findings
}

func TestAnalyzerForms(t *testing.T) {
	cases := []struct {
		src, kind, api, resource string
		computed                 bool
	}{
		{`require('fs').readFileSync('/a')`, "fs.read", "fs.readFileSync", "/a", false},
		{`const {promises: p} = require('node:fs'); p.writeFile('b', 'x')`, "fs.write", "fs.promises.writeFile", "./b", false},
		{`require('fs/promises').rm(x)`, "fs.write", "fs.promises.rm", "", true},
		{`const f = require('fs'); f.openSync('/x', 'w')`, "fs.write", "fs.openSync", "/x", false},
		{`const cp = require('child_process'); cp.spawn('git', ['x'], {shell: true})`, "process.spawn", "child_process.spawn", "sh", false},
		{`const fs = require('fs'); module.exports = fs`, "fs.write", "fs", "", true},
		{`const fs = require('fs'); fs[m]('x')`, "fs.read", "fs", "", true},
		{`const o = require('os'); const {hostname} = o; hostname()`, "sys.info", "os.hostname", "", false},
		{"const x = process.env['A' + 'B']", "env.read", "process.env", "AB", false},
		{`delete process.env.SECRET`, "env.write", "process.env", "SECRET", false},
		{`Object.assign(process.env, x)`, "env.write", "Object.assign", "", true},
		{`globalThis.fetch('http://h.example:81/x')`, "net.connect", "fetch", "h.example:81", false},
		{`const r = require; r(x)`, KindDynamic, "require", "", true},
		{`const http = require('http'); http.get({host: 'a.example', port: 8080})`, "net.connect", "http.get", "a.example:8080", false},
		{`require('net').connect('/run/x.sock')`, "net.connect", "net.connect", "unix:/run/x.sock", false},
		{`const { readFile } = require('fs'); util.promisify(readFile)`, "fs.read", "fs.readFile", "", true},
		{`require('fs').readFile.call(null, 'x')`, "fs.read", "fs.readFile", "", true},
		{`process.kill(pid)`, "process.control", "process.kill", "", false},
		// a capability object stored on a property and used through it (ws's WebSocketServer)
		{`const http = require('http'); class S { constructor(o) { this._server = http.createServer(); this._server.listen(o.port, o.host) } }`,
			"net.listen", "net.Server.listen", "", true},
		{`const net = require('net'); self.conn = {}; self.conn.sock = new net.Socket(); self.conn.sock.connect(443, 'h.example')`,
			"net.connect", "net.Socket.connect", "h.example:443", false},
		{`const fs = require('fs'); exports.fs = fs; exports.fs.unlinkSync('/tmp/x')`, "fs.write", "fs.unlinkSync", "/tmp/x", false},
	}
	for _, c := range cases {
		fs := analyze(t, c.src)
		ok := false
		for _, f := range fs {
			ok = ok || f.Kind == c.kind && f.API == c.api && f.Resource == c.resource && f.Computed == c.computed
		}
		if !ok {
			t.Errorf("%s\n  want %s %s %q computed=%v\n  got %+v", c.src, c.kind, c.api, c.resource, c.computed, fs)
		}
	}
	quiet := []string{
		`const fs = require('fs'); fs.constants.F_OK; typeof fs.readFileSync`,
		`require('os').EOL; require('path').join('a', 'b')`,
		`class A { fetch() { return 1 } }; const o = { process: 1, eval: 2 }`,
		`function f(fetch) { return fetch('x') }`,
		`process.on('exit', () => {}); process.umask()`,
		`const fs = require('fs'); fs.readSync(fd, buf); fs.writeSync(1, 'x')`,
		`const s = "see https://github.com/x/y for details"`,
		`const ns = 'http://www.w3.org/2000/svg'`,
		`import('x')`,
		// a property that never held a capability object, and a bundler's require on a property
		"this._server = {}; this._server.listen(1)",
		// truth tests do not hand an object on
		"if (WebSocket && globalThis.fetch) {}",
		"const fs = require('fs'); while (fs) { break }; const ok = require('net') ? 1 : 0",
		"this.r = other; this.r('fs').readFileSync('x')",
	}
	for _, src := range quiet {
		if fs := analyze(t, src); len(fs) > 0 && !(src == `import('x')`) {
			t.Errorf("%s: want no findings, got %+v", src, fs)
		}
	}
}

func TestSARIFValidates(t *testing.T) {
	c := jsonschema.NewCompiler()
	schemaFile := filepath.Join("testdata", "sarif-schema-2.1.0.json")
	f, err := os.Open(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddResource("sarif-2.1.0.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("sarif-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range fixtureDirs(t) {
		r, _, err := Audit(FixtureTree(t, dir), Options{})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := WriteSARIF(&buf, r, "test"); err != nil {
			t.Fatal(err)
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("%s: SARIF does not validate against the 2.1.0 schema: %v", dir, err)
		}
		var log struct {
			Runs []struct {
				Tool struct {
					Driver struct {
						Rules []struct{ ID string } `json:"rules"`
					} `json:"driver"`
				} `json:"tool"`
				Results []struct {
					RuleID string `json:"ruleId"`
				} `json:"results"`
			} `json:"runs"`
		}
		json.Unmarshal(buf.Bytes(), &log)
		if len(log.Runs) != 1 || len(log.Runs[0].Results) != r.Summary.Findings {
			t.Errorf("%s: want one run with one result per finding (%d)", dir, r.Summary.Findings)
		}
	}
	// The schema must be able to fail: a result without a message is invalid.
	bad, _ := jsonschema.UnmarshalJSON(strings.NewReader(`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"ruleId":"a"}]}]}`))
	if sch.Validate(bad) == nil {
		t.Error("schema accepted a result without a message")
	}
}

func TestFormatsMention(t *testing.T) {
	r, _, err := Audit(filepath.Join("..", "..", "fixtures", "audit", "npm"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var text, md bytes.Buffer
	WriteText(&text, r, false)
	WriteMarkdown(&md, r)
	// Text lists the most powerful package first: helper@1.0.0 spawns.
	if !strings.HasPrefix(text.String(), "helper@1.0.0") {
		t.Errorf("text should start with the spawning package:\n%s", text.String())
	}
	if !strings.Contains(md.String(), "| `helper` | 1.0.0 | `process.spawn` |") {
		t.Errorf("markdown table:\n%s", md.String())
	}
}

func TestIsTestFile(t *testing.T) {
	for rel, want := range map[string]bool{
		"test/index.js": true, "tests/a/b.js": true, "src/__tests__/x.ts": true, "lib/__mocks__/fs.js": true,
		"examples/server.js": true, "example/a.mjs": true, "benchmark/run.js": true, "benchmarks/x.js": true,
		"src/a.test.js": true, "src/a.spec.ts": true, "a.test.mjs": true,
		"index.js": false, "test.js": false, "lib/testing/x.js": false, "lib/latest/x.js": false,
		"contest/x.js": false, "lib/spec.js": false, "lib/attest.js": false, "src/a.tests.js": false,
	} {
		if got := IsTestFile(rel); got != want {
			t.Errorf("IsTestFile(%q) = %v, want %v", rel, got, want)
		}
	}
}

// A condition that tests process.env before reading a variable reads that variable only
// (semver's internal/debug.js); it used to count as process.env handed on, granting env.read: true.
func TestConditionReadsOnlyTheVariable(t *testing.T) {
	for _, src := range []string{
		"const debug = (typeof process === 'object' && process.env && process.env.NODE_DEBUG && /x/.test(process.env.NODE_DEBUG)) ? 1 : 0",
		"if (process.env && process.env.NODE_DEBUG) { go() }",
		"const v = process.env && process.env.NODE_DEBUG",
	} {
		fs := analyze(t, src)
		if len(fs) == 0 {
			t.Errorf("%s: want env.read NODE_DEBUG, got nothing", src)
		}
		for _, f := range fs {
			if f.Kind != "env.read" || f.Resource != "NODE_DEBUG" || f.Computed {
				t.Errorf("%s: want only env.read NODE_DEBUG, got %+v", src, f)
			}
		}
	}
}

// Files only a package's "bin" executables reach are marked bin; files its entry points, its
// other files or other packages require are not, nor are the files a computed relative require
// may load.
func TestBinOnly(t *testing.T) {
	r, _, err := Audit(FixtureTree(t, filepath.Join("..", "..", "fixtures", "audit", "bincode")), Options{})
	if err != nil {
		t.Fatal(err)
	}
	marked := map[string]bool{}
	caps := map[string]string{}
	for _, p := range r.Packages {
		caps[p.Name] = strings.Join(p.Capabilities, ",")
		for _, f := range p.Findings {
			if prev, seen := marked[f.File]; seen && prev != f.Bin {
				t.Errorf("%s: findings disagree on bin", f.File)
			}
			marked[f.File] = f.Bin
		}
	}
	for file, want := range map[string]bool{
		"node_modules/tool/bin/tool.js":      true,  // a "bin" file
		"node_modules/tool/cli":              true,  // a "bin" file without extension, read
		"node_modules/tool/lib/cli.js":       true,  // required only by bin/tool.js
		"node_modules/tool/lib/util.js":      false, // also required by the main
		"node_modules/tool/lib/index.js":     false,
		"node_modules/both/cli.js":           false, // "bin", but the main requires it
		"node_modules/dyn/bin/run.js":        true,
		"node_modules/dyn/cmds/fetch.js":     false, // the main's computed require may load it
		"node_modules/deep/bin/deep.js":      false, // another package requires it deeply
		"node_modules/esmtool/dist/cli.js":   true,
		"node_modules/esmtool/dist/parse.js": false,
	} {
		got, listed := marked[file]
		if !listed || got != want {
			t.Errorf("%s: listed %v, bin %v; want listed, bin %v", file, listed, got, want)
		}
	}
	for name, want := range map[string]string{"tool": "env.read,sys.info", "both": "process.spawn",
		"dyn": "net.connect", "deep": "process.spawn", "esmtool": "env.read"} {
		if caps[name] != want {
			t.Errorf("%s capabilities: got %q, want %q", name, caps[name], want)
		}
	}
}

// A conversion read back from the disk cache gives the same findings, positions included.
func TestConvertCache(t *testing.T) {
	src := "import fs from 'node:fs';\n\nexport const read = () => fs.readFileSync('/etc/hosts');\n// " + t.Name() + "\n"
	in := &fileInput{rel: "node_modules/p/x.mjs", dirRel: "node_modules/p", src: src, pkgName: "p"}
	first := analyzeFile(in)
	if key := cacheKey(api.LoaderJS, src); key != "" {
		if _, _, ok := cacheGet(key); !ok {
			t.Errorf("no cache entry after the conversion")
		}
	}
	second := analyzeFile(in)
	if len(first.findings) != 1 || first.findings[0].Line != 3 || first.findings[0].Resource != "/etc/hosts" {
		t.Fatalf("findings: %+v", first.findings)
	}
	if fmt.Sprint(first.findings) != fmt.Sprint(second.findings) {
		t.Errorf("from the cache: %+v, want %+v", second.findings, first.findings)
	}
}

// Findings in files the app cannot load are marked unreached (reach.go): followed from the
// app's own sources (not its tests) through literal requires resolved as the loader resolves
// them (both builds of a dual package, a deep require, "#" imports), with a computed require
// reaching every file of its package (but its bin) or every package it declares.
func TestReach(t *testing.T) {
	dir := fixturetree.Copy(t, filepath.Join("..", "..", "fixtures", "audit", "reach"))
	r, _, err := Audit(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	loaded := reachedFiles(t, r)
	for file, want := range map[string]bool{
		"node_modules/dual/cjs/index.js":    true, // require condition
		"node_modules/dual/esm/index.mjs":   true, // import condition
		"node_modules/dual/extra.js":        false,
		"node_modules/deep/lib/used.js":     true,  // required deeply by the app
		"node_modules/deep/lib/unused.js":   false, // only deep's main, which nothing loads, requires it
		"node_modules/unused/index.js":      false, // declared by the app, never required
		"node_modules/plugin-a/index.js":    true,  // plugin-host requires a computed name and declares it
		"node_modules/plugin-b/index.js":    false, // installed, not declared by plugin-host
		"node_modules/loosepkg/impl/git.js": true,  // a computed relative require
		"node_modules/loosepkg/bin/cli.js":  false,
		"node_modules/hashy/src/impl.js":    true, // "#impl"
		"node_modules/hashy/src/other.js":   false,
		"node_modules/devtool/index.js":     false, // only the app's tests require it
	} {
		got, listed := loaded[file]
		if !listed || got != want {
			t.Errorf("%s: listed %v, loaded %v; want loaded %v", file, listed, got, want)
		}
	}
	// Reading only what the app may load finds the same loaded findings, and skips the rest.
	lo, _, err := Audit(dir, Options{LoadedOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if lo.Summary.Skipped != 9 {
		t.Errorf("LoadedOnly skipped %d files, want 9 (the 8 unreached files with findings and the app's test)", lo.Summary.Skipped)
	}
	loadedFindings := func(r *Report) (out []string) {
		for _, p := range r.Packages {
			for _, f := range p.Findings {
				if f.Loaded() {
					out = append(out, fmt.Sprintf("%s %s %s:%d", f.Kind, f.Resource, f.File, f.Line))
				}
			}
			out = append(out, p.Name+" "+strings.Join(p.Capabilities, ","))
		}
		return out
	}
	if a, b := loadedFindings(r), loadedFindings(lo); !slices.Equal(a, b) {
		t.Errorf("LoadedOnly: %q\nwant %q", b, a)
	}
	caps := map[string]string{}
	for _, p := range r.Packages {
		caps[p.Name] = strings.Join(p.Capabilities, ",")
	}
	for name, want := range map[string]string{"dual": "fs.read", "deep": "net.connect", "unused": "",
		"plugin-a": "env.read", "plugin-b": "", "loosepkg": "process.spawn", "hashy": "env.read", "devtool": ""} {
		if caps[name] != want {
			t.Errorf("%s capabilities: got %q, want %q", name, caps[name], want)
		}
	}

	// An app file the audit cannot read may require anything the app declares.
	if err := os.WriteFile(filepath.Join(dir, "app.js"), []byte("require('dual'); this is not JavaScript\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r, _, err = Audit(dir, Options{}); err != nil {
		t.Fatal(err)
	}
	if loaded := reachedFiles(t, r); !loaded["node_modules/unused/index.js"] || loaded["node_modules/devtool/index.js"] {
		t.Errorf("an unreadable app file: unused loaded %v (want true), devtool loaded %v (want false)",
			loaded["node_modules/unused/index.js"], loaded["node_modules/devtool/index.js"])
	}

	// Without sources of its own, the app may require what its package.json declares.
	for _, f := range []string{"app.js", "test/app.test.js"} {
		if err := os.Remove(filepath.Join(dir, f)); err != nil {
			t.Fatal(err)
		}
	}
	r, _, err = Audit(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	loaded = reachedFiles(t, r)
	for file, want := range map[string]bool{
		"node_modules/unused/index.js":    true,
		"node_modules/deep/lib/unused.js": true, // deep's main
		"node_modules/deep/lib/used.js":   false,
		"node_modules/devtool/index.js":   false, // a devDependency: run as a tool, not required
	} {
		if got := loaded[file]; got != want {
			t.Errorf("without app sources, %s: loaded %v, want %v", file, got, want)
		}
	}
}

// reachedFiles maps each file with findings to whether the app may load it.
func reachedFiles(t *testing.T, r *Report) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	for _, p := range r.Packages {
		for _, f := range p.Findings {
			if prev, seen := out[f.File]; seen && prev != !f.Unreached {
				t.Errorf("%s: findings disagree on unreached", f.File)
			}
			out[f.File] = !f.Unreached
		}
	}
	return out
}

// An ES module with top-level await that exports nothing runs (loader/tla), so it is read, at
// its own lines; with exports it does not run, and is reported as not analysed.
func TestTopLevelAwait(t *testing.T) {
	src := "import fs from 'node:fs';\nimport yargs from 'yargs';\n\nconst s = await fs.promises.readFile('/etc/tla.conf');\n"
	r := analyzeFile(&fileInput{rel: "app/main.mjs", dirRel: "app", src: src, pkgName: "app"})
	if r.err != nil {
		t.Fatalf("not analysed: %v", r.err)
	}
	if len(r.findings) != 1 || r.findings[0].Resource != "/etc/tla.conf" || r.findings[0].Line != 4 {
		t.Errorf("findings %+v, want fs.read /etc/tla.conf at line 4", r.findings)
	}
	if len(r.requires) != 1 || r.requires[0].name != "yargs" {
		t.Errorf("requires %+v, want yargs", r.requires)
	}
	r = analyzeFile(&fileInput{rel: "app/lib.mjs", dirRel: "app", src: src + "export const x = s;\n", pkgName: "app"})
	if r.err == nil || !strings.Contains(r.err.Message, "Top-level await") {
		t.Errorf("a module with exports and top-level await: err %v, want the esbuild error", r.err)
	}
}
