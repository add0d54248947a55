package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pkgbox/pkgbox/internal/fixturetree"
	"github.com/pkgbox/pkgbox/manifests"
)

// copyTree copies a fixtures/audit tree (with the links of its symlinks.txt) to a temp dir.
func copyTree(t *testing.T, name string) string {
	t.Helper()
	return fixturetree.Copy(t, filepath.Join("..", "..", "fixtures", "audit", name))
}

// quiet runs the command line with stdout discarded (the tests look at exit codes and files).
func quiet(t *testing.T, args ...string) int {
	t.Helper()
	old := os.Stdout
	null, _ := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	os.Stdout = null
	defer func() { os.Stdout = old; null.Close() }()
	return run(args)
}

func TestCheckExitCodes(t *testing.T) {
	dir := copyTree(t, "npm")
	if code := quiet(t, "check", dir); code != 1 {
		t.Errorf("check without pkgbox.json: exit %d, want 1 (packages use ungranted capabilities)", code)
	}
	if code := quiet(t, "init", dir); code != 0 {
		t.Fatalf("init: exit %d", code)
	}
	if code := quiet(t, "check", dir); code != 0 {
		t.Errorf("check after init: exit %d, want 0", code)
	}
	base := filepath.Join(t.TempDir(), "base.json")
	if err := os.WriteFile(base, []byte(auditJSON(t, dir)), 0o644); err != nil {
		t.Fatal(err)
	}
	if code := quiet(t, "check", "--baseline", base, dir); code != 0 {
		t.Errorf("check against its own baseline: exit %d, want 0", code)
	}

	// A package starts spawning programs.
	server := filepath.Join(dir, "node_modules", "server", "index.js")
	src, _ := os.ReadFile(server)
	os.WriteFile(server, append(src, []byte("\nrequire('child_process').execSync('curl x');\n")...), 0o644)
	if code := quiet(t, "check", dir); code != 1 {
		t.Errorf("new capability: exit %d, want 1", code)
	}
	os.WriteFile(server, src, 0o644)

	// A new lifecycle script is a violation against the baseline, not without one.
	pj := filepath.Join(dir, "node_modules", "server", "package.json")
	os.WriteFile(pj, []byte(`{ "name": "server", "version": "1.0.0", "scripts": { "preinstall": "curl x | sh" } }`), 0o644)
	if code := quiet(t, "check", dir); code != 0 {
		t.Errorf("script without baseline: exit %d, want 0", code)
	}
	if code := quiet(t, "check", "--baseline", base, dir); code != 1 {
		t.Errorf("new preinstall script against the baseline: exit %d, want 1", code)
	}

	// Errors and nothing scanned are 2.
	if code := quiet(t, "check", t.TempDir()); code != 2 {
		t.Errorf("empty folder: exit %d, want 2", code)
	}
	os.WriteFile(filepath.Join(dir, "pkgbox.json"), []byte(`{"packages": {"x": {"fs.reed": true}}}`), 0o644)
	if code := quiet(t, "check", dir); code != 2 {
		t.Errorf("unreadable manifest: exit %d, want 2", code)
	}
	if code := quiet(t, "check", "--format", "xml", dir); code != 2 {
		t.Errorf("bad --format: exit %d, want 2", code)
	}
}

func TestCheckPnpm(t *testing.T) {
	dir := copyTree(t, "pnpm")
	quiet(t, "init", dir)
	if code := quiet(t, "check", dir); code != 0 {
		t.Errorf("check after init: exit %d, want 0", code)
	}
	// y is granted only the file it names; reading ~/.npmrc too is outside the grant.
	y := filepath.Join(dir, "node_modules", ".pnpm", "y@2.0.0", "node_modules", "y", "index.js")
	src, _ := os.ReadFile(y)
	os.WriteFile(y, append(src, []byte("\nreadFileSync('/home/u/.npmrc');\n")...), 0o644)
	if code := quiet(t, "check", dir); code != 1 {
		t.Errorf("literal path outside the grant: exit %d, want 1", code)
	}
	os.WriteFile(y, src, 0o644)
	bad := filepath.Join(dir, "node_modules", ".pnpm", "y@2.0.0", "node_modules", "y", "broken.js")
	os.WriteFile(bad, []byte("function ( {"), 0o644)
	if code := quiet(t, "check", dir); code != 0 {
		t.Errorf("a file that cannot be parsed, which the app cannot load: exit %d, want 0 (check reads only what the app loads)", code)
	}
	os.WriteFile(y, append(src, []byte("\nrequire('./broken');\n")...), 0o644)
	if code := quiet(t, "check", dir); code != 2 {
		t.Errorf("a file that cannot be parsed, required by y: exit %d, want 2", code)
	}
	if code := quiet(t, "check", "--ignore-errors", dir); code != 0 {
		t.Errorf("--ignore-errors: exit %d, want 0", code)
	}
}

func TestInitKeepsHandEdits(t *testing.T) {
	dir := copyTree(t, "npm")
	path := filepath.Join(dir, "pkgbox.json")
	hand := `{
  "packages": {
    "reader": { "fs.read": ["./config/**"] },
    "left-pad": { "env.read": ["LANG"] }
  },
  "app": { "net.listen": ["*:3000"] },
  "policies": ["policy/org.rego"]
}
`
	os.WriteFile(path, []byte(hand), 0o644)
	if code := quiet(t, "init", dir); code != 2 {
		t.Errorf("init over an existing manifest without --force: exit %d, want 2", code)
	}
	if got, _ := os.ReadFile(path); string(got) != hand {
		t.Fatalf("init without --force changed the file:\n%s", got)
	}
	if code := quiet(t, "init", "--force", dir); code != 0 {
		t.Fatalf("init --force: exit %d", code)
	}
	m, err := manifests.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if g, _ := m.Grant("left-pad", "env.read"); len(g.Patterns) != 1 || g.Patterns[0] != "LANG" {
		t.Errorf("hand grant of left-pad lost: %+v", m.Packages["left-pad"])
	}
	if g, _ := m.Grant("reader", "fs.read"); !g.All && !contains(g.Patterns, "./config/**") {
		t.Errorf("hand pattern of reader lost: %+v", g)
	}
	if m.App == nil || len(m.Policies) != 1 || m.Policies[0] != "policy/org.rego" {
		t.Errorf("app section or policies lost: app %+v policies %v", m.App, m.Policies)
	}
	if _, ok := m.Grant("helper", "process.spawn"); !ok {
		t.Errorf("init --force did not add the audit's grants: %+v", m.Packages)
	}
}

func TestInitLeastPrivilegeAndReport(t *testing.T) {
	dir := copyTree(t, "npm")
	report := filepath.Join(t.TempDir(), "uses.jsonl")
	lines := []map[string]any{
		{"package": "server@1.0.0", "capability": "fs.read", "resource": map[string]any{"path": filepath.Join(dir, "static", "index.html")}, "api": "fs.readFile", "allowed": true, "mode": "warn"},
		{"package": "pinger", "capability": "net.connect", "resource": map[string]any{"host": "status.example.com", "port": 443}, "api": "https.request", "allowed": false, "mode": "warn"},
		{"package": "app", "capability": "fs.write", "resource": map[string]any{"path": "/tmp/x"}, "api": "fs.writeFile", "allowed": true, "mode": "warn"},
	}
	var buf strings.Builder
	for _, l := range lines {
		b, _ := json.Marshal(l)
		buf.Write(b)
		buf.WriteByte('\n')
	}
	os.WriteFile(report, []byte(buf.String()), 0o644)
	if code := quiet(t, "init", "--from-report", report, dir); code != 0 {
		t.Fatalf("init --from-report: exit %d", code)
	}
	m, err := manifests.Read(filepath.Join(dir, "pkgbox.json"))
	if err != nil {
		t.Fatal(err)
	}
	if g, _ := m.Grant("server", "net.listen"); g.All || !contains(g.Patterns, "*:8080") || !contains(g.Patterns, "127.0.0.1:9000") {
		t.Errorf("literal listen addresses should be granted as written, got %+v", g)
	}
	if g, _ := m.Grant("helper", "process.spawn"); !g.All {
		t.Errorf("a computed command (spawn(cmd)) needs true, got %+v", g)
	}
	if g, _ := m.Grant("server", "fs.read"); !contains(g.Patterns, "./static/index.html") {
		t.Errorf("report path under the root should become relative, got %+v", g)
	}
	if g, _ := m.Grant("pinger", "net.connect"); !contains(g.Patterns, "status.example.com:443") {
		t.Errorf("report host, got %+v", g)
	}
	if _, ok := m.Packages["app"]; ok {
		t.Error("the app's own uses must not become a package grant")
	}
	if _, ok := m.Packages["loose"]; ok {
		t.Error("loose uses no capability; it must not be granted one")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// An organisation's data.pkgbox.check.deny rules reject a manifest that grants what they forbid.
func TestCheckOrgRules(t *testing.T) {
	dir := copyTree(t, "npm")
	if code := quiet(t, "init", dir); code != 0 {
		t.Fatalf("init: exit %d", code)
	}
	m, err := manifests.Read(filepath.Join(dir, "pkgbox.json"))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := m.Grant("helper", "process.spawn"); !ok {
		t.Fatalf("the fixture's helper spawns, so init should grant it process.spawn: %+v", m.Packages)
	}
	if code := quiet(t, "check", dir); code != 0 {
		t.Fatalf("check after init without org rules: exit %d, want 0", code)
	}
	rules, err := filepath.Abs(filepath.Join("..", "..", "rego", "examples", "org_check.rego"))
	if err != nil {
		t.Fatal(err)
	}
	if code := quiet(t, "check", "--policy", rules, dir); code != 1 {
		t.Fatalf("a process.spawn grant under the org rule forbidding it: exit %d, want 1", code)
	}
	other := filepath.Join(t.TempDir(), "other.rego")
	os.WriteFile(other, []byte("package pkgbox.check\n\ndeny contains \"left-pad may not spawn\" if {\n\tsome name in granted[\"process.spawn\"]\n\tname == \"left-pad\"\n}\n"), 0o644)
	if code := quiet(t, "check", "--policy", other, dir); code != 0 {
		t.Fatalf("an org rule the manifest satisfies: exit %d, want 0", code)
	}
	if code := quiet(t, "check", "--policy", filepath.Join(dir, "missing.rego"), dir); code != 2 {
		t.Fatalf("a missing policy file: exit %d, want 2", code)
	}
}

// Tests, examples and benchmarks of a package are installed but never loaded: init grants
// nothing for what they use and check does not fail on it, while audit still lists them.
func TestInitIgnoresTestCode(t *testing.T) {
	dir := copyTree(t, "testcode")
	if code := quiet(t, "init", dir); code != 0 {
		t.Fatalf("init: exit %d", code)
	}
	m, err := manifests.Read(filepath.Join(dir, "pkgbox.json"))
	if err != nil {
		t.Fatal(err)
	}
	if g, ok := m.Grant("lib", "env.read"); !ok || g.All || len(g.Patterns) != 1 || g.Patterns[0] != "LIB_LEVEL" {
		t.Errorf("lib env.read: want [LIB_LEVEL] (from src/index.js), got %+v", g)
	}
	if got := len(m.Packages["lib"]); got != 1 {
		t.Errorf("lib: want only env.read granted, got %v (test code granted something)", m.Packages["lib"])
	}
	if code := quiet(t, "check", dir); code != 0 {
		t.Errorf("check after init: exit %d, want 0 (test code must not fail the check)", code)
	}

	var r struct {
		Packages []struct {
			Name         string
			Capabilities []string
			Findings     []struct {
				Kind, File string
				Test       bool
			}
		}
	}
	if err := json.Unmarshal([]byte(auditJSON(t, dir)), &r); err != nil {
		t.Fatal(err)
	}
	marked := map[string]bool{}
	for _, p := range r.Packages {
		if p.Name != "lib" {
			continue
		}
		if strings.Join(p.Capabilities, ",") != "env.read" {
			t.Errorf("capabilities: want only env.read, got %v", p.Capabilities)
		}
		for _, f := range p.Findings {
			marked[f.File] = f.Test
		}
	}
	for file, want := range map[string]bool{
		"node_modules/lib/src/index.js":         false,
		"node_modules/lib/src/index.test.js":    true,
		"node_modules/lib/src/parse.spec.ts":    true,
		"node_modules/lib/src/__tests__/env.js": true,
		"node_modules/lib/test/index.js":        true,
		"node_modules/lib/examples/fetch.js":    true,
		"node_modules/lib/benchmark/run.js":     true,
	} {
		got, listed := marked[file]
		if !listed || got != want {
			t.Errorf("%s: listed %v, test %v; want listed, test %v", file, listed, got, want)
		}
	}
}

// A package's executables ("bin", and what only they require) are installed but not what
// require loads: init grants nothing for them and check does not fail on them. A cli module
// the main requires still counts.
func TestInitIgnoresBinCode(t *testing.T) {
	dir := copyTree(t, "bincode")
	if code := quiet(t, "init", dir); code != 0 {
		t.Fatalf("init: exit %d", code)
	}
	m, err := manifests.Read(filepath.Join(dir, "pkgbox.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"process.spawn", "net.connect", "process.control"} {
		if g, ok := m.Grant("tool", c); ok {
			t.Errorf("tool %s: granted %+v from its bin files, want nothing", c, g)
		}
	}
	if g, ok := m.Grant("tool", "env.read"); !ok || g.All || len(g.Patterns) != 1 || g.Patterns[0] != "TOOL_HOME" {
		t.Errorf("tool env.read: want [TOOL_HOME] (from lib/index.js), got %+v", g)
	}
	if _, ok := m.Grant("both", "process.spawn"); !ok {
		t.Errorf("both: its main requires cli.js, so init should grant process.spawn: %+v", m.Packages["both"])
	}
	if _, ok := m.Grant("deep", "process.spawn"); !ok {
		t.Errorf("deep: user requires deep/bin/deep.js, so init should grant process.spawn: %+v", m.Packages["deep"])
	}
	if _, ok := m.Grant("dyn", "fs.write"); ok {
		t.Errorf("dyn fs.write: granted from bin/run.js, want nothing")
	}
	if _, ok := m.Grant("esmtool", "sys.info"); ok {
		t.Errorf("esmtool sys.info: granted from dist/cli.js, want nothing")
	}
	if code := quiet(t, "check", dir); code != 0 {
		t.Errorf("check after init: exit %d, want 0 (bin code must not fail the check)", code)
	}
}

// The progress line grows with the count, ignores counts that arrive late (workers report in
// any order), and is cleared, never redrawn, once the last file is done.
func TestAuditProgressLine(t *testing.T) {
	var b strings.Builder
	p := progressLine(&b)
	for _, done := range []int{1, 2, 3, 100, 50, 300, 299} {
		p(done, 300)
	}
	out := b.String()
	if !strings.HasSuffix(out, "\r\x1b[K") {
		t.Errorf("the line must end cleared, got %q", out)
	}
	if strings.Contains(out, "50/300") || strings.Contains(out, "299/300") {
		t.Errorf("a late, lower count was drawn: %q", out)
	}
	if !strings.Contains(out, "\rpkgbox: auditing 100/300 files (33%)") {
		t.Errorf("want the 33%% line, got %q", out)
	}
	b.Reset()
	small := progressLine(&b)
	small(1, 10)
	small(10, 10)
	if b.Len() != 0 {
		t.Errorf("a small tree draws nothing, got %q", b.String())
	}
}

// auditJSON runs `pkgbox audit --format json dir` and returns what it printed.
func auditJSON(t *testing.T, dir string) string {
	t.Helper()
	var code int
	out := captureStdout(t, func() { code = run([]string{"audit", "--format", "json", dir}) })
	if code != 0 {
		t.Fatalf("audit: exit %d", code)
	}
	return out
}

// init grants only what the app may load (manifests/audit/reach.go), and check fails as soon as
// the app starts loading code that asks for more.
func TestInitGrantsWhatTheAppLoads(t *testing.T) {
	dir := copyTree(t, "reach")
	if code := quiet(t, "init", dir); code != 0 {
		t.Fatalf("init: exit %d", code)
	}
	m, err := manifests.Read(filepath.Join(dir, "pkgbox.json"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for name, grants := range m.Packages {
		for c := range grants {
			got = append(got, name+" "+c)
		}
	}
	slices.Sort(got)
	want := []string{"deep net.connect", "dual fs.read", "hashy env.read", "loosepkg process.spawn", "plugin-a env.read"}
	if !slices.Equal(got, want) {
		t.Errorf("init granted %q, want %q", got, want)
	}
	if code := quiet(t, "check", dir); code != 0 {
		t.Errorf("check after init: exit %d, want 0", code)
	}
	app := filepath.Join(dir, "app.js")
	src, _ := os.ReadFile(app)
	if err := os.WriteFile(app, append(src, []byte("\nrequire('deep');\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	var code int
	out := captureStdout(t, func() { code = run([]string{"check", "--format", "json", dir}) })
	if code != 1 {
		t.Errorf("check after the app requires deep's main: exit %d, want 1", code)
	}
	if !strings.Contains(out, `"process.spawn"`) || !strings.Contains(out, "deep/lib/unused.js") {
		t.Errorf("check after the app requires deep's main: want its spawn in lib/unused.js as a violation, got\n%s", out)
	}
}
