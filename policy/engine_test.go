package policy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

var (
	evil   = Package{Name: "evil-logger", Version: "1.0.2", Dir: "node_modules/evil-logger"}
	axios  = Package{Name: "axios", Version: "1.7.2", Dir: "node_modules/axios"}
	pino   = Package{Name: "pino", Version: "9.0.0", Dir: "node_modules/pino"}
	git    = Package{Name: "simple-git", Version: "3.0.0", Dir: "node_modules/simple-git"}
	dot    = Package{Name: "dotenv", Version: "16.0.0", Dir: "node_modules/dotenv"}
	tele   = Package{Name: "telemetry-helper", Version: "2.1.0", Dir: "node_modules/telemetry-helper"}
	theApp = Package{Name: "my-app", Version: "1.0.0", Dir: ".", App: true}
)

// testConfig is SPEC.md's example manifest, plus an executable "tool" on PATH.
func testConfig(t testing.TB) (Config, string) {
	t.Helper()
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(root, "bin")
	if err := os.Mkdir(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bin, "tool"), []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return Config{
		AppRoot: root,
		PathEnv: bin,
		Packages: map[string]map[string]Grant{
			"dotenv":     {"fs.read": {Patterns: []string{"./.env"}}, "env.read": {All: true}},
			"axios":      {"net.connect": {Patterns: []string{"api.example.com:443", "*.internal.example.com:*"}}, "net.resolve": {Patterns: []string{"*.example.com"}}},
			"simple-git": {"process.spawn": {Patterns: []string{"tool"}}, "env.read": {Patterns: []string{"GIT_*", "HOME"}}},
			"pino":       {"fs.write": {Patterns: []string{"./logs/**"}}, "fs.read": {Patterns: []string{"/proc/self/status", "/**"}}},
		},
	}, root
}

func newEngine(t testing.TB, cfg Config) *Engine {
	t.Helper()
	e, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func writePolicy(t testing.TB, dir, name, src string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

type useCase struct {
	pkg        Package
	capability string
	r          Resource
	allow      bool
}

func useCases(root string) []useCase {
	selfStatus, _ := RealPath("/", "/proc/self/status")
	selfEnviron, _ := RealPath("/", "/proc/self/environ")
	return []useCase{
		{dot, "fs.read", Resource{Path: root + "/.env"}, true},
		{dot, "fs.read", Resource{Path: root + "/.env.local"}, false},
		{dot, "fs.write", Resource{Path: root + "/.env"}, false},
		{dot, "env.read", Resource{Name: "ANYTHING"}, true},
		{dot, "env.write", Resource{Name: "ANYTHING"}, false},
		{axios, "net.connect", Resource{Host: "api.example.com", Port: 443}, true},
		{axios, "net.connect", Resource{Host: "API.example.com.", Port: 443}, true},
		{axios, "net.connect", Resource{Host: "api.example.com", Port: 80}, false},
		{axios, "net.connect", Resource{Host: "db.internal.example.com", Port: 5432}, true},
		{axios, "net.connect", Resource{Host: "internal.example.com", Port: 5432}, false},
		{axios, "net.connect", Resource{Unix: "/var/run/docker.sock"}, false},
		{axios, "net.listen", Resource{Host: "0.0.0.0", Port: 80}, false},
		{axios, "net.resolve", Resource{Host: "a.example.com"}, true},
		{axios, "net.resolve", Resource{Host: "example.org"}, false},
		{git, "process.spawn", Resource{Command: root + "/bin/tool", Args: []string{"x"}}, true},
		{git, "process.spawn", Resource{Command: "/bin/sh", Args: []string{"-c", "tool"}}, false},
		{git, "env.read", Resource{Name: "GIT_DIR"}, true},
		{git, "env.read", Resource{Name: "HOME"}, true},
		{git, "env.read", Resource{Name: "NPM_TOKEN"}, false},
		{git, "env.read", Resource{Name: "GIT"}, false},
		{pino, "fs.write", Resource{Path: root + "/logs/a/b.log"}, true},
		{pino, "fs.write", Resource{Path: root + "/logs"}, true},
		{pino, "fs.write", Resource{Path: root + "/logsx/a"}, false},
		{pino, "fs.read", Resource{Path: "/etc/passwd"}, true},
		{pino, "fs.read", Resource{Path: selfStatus}, true},
		{pino, "fs.read", Resource{Path: selfEnviron}, false}, // "/**" does not reach /proc
		{pino, "fs.read", Resource{Path: "/dev/mem"}, false},
		{evil, "fs.read", Resource{Path: "/home/u/.npmrc"}, false},
		{tele, "process.control", Resource{}, false},
		{tele, "sys.info", Resource{}, false},
		{theApp, "process.control", Resource{}, true},
		{theApp, "fs.write", Resource{Path: "/etc/passwd"}, true},
		{theApp, "native.load", Resource{Path: root + "/addon.node"}, false},
		{pino, "fs.read", Resource{Path: "relative/path"}, false},
		{pino, "fs.bogus", Resource{Path: "/x"}, false},
	}
}

func TestDecideGrants(t *testing.T) {
	cfg, root := testConfig(t)
	e := newEngine(t, cfg)
	for _, c := range useCases(root) {
		for round := 0; round < 2; round++ { // the second answer comes from the cache
			d := e.Decide(c.pkg, c.capability, c.r, "api.test")
			if d.Allow != c.allow || d.Warn || len(d.Reasons) == 0 {
				t.Errorf("round %d: %s %s %+v: %+v, want allow=%v", round, c.pkg.Name, c.capability, c.r, d, c.allow)
			}
			if (d.Message != "") == c.allow {
				t.Errorf("%s %s %+v: message %q with allow=%v", c.pkg.Name, c.capability, c.r, d.Message, d.Allow)
			}
		}
	}
}

// The Go fast path and authz.rego must agree on every case: same allow, same reasons.
func TestGoMatchesRego(t *testing.T) {
	cfg, root := testConfig(t)
	testGoMatchesRego(t, newEngine(t, cfg), root)
	cfg.App = map[string]Grant{"fs.read": {Patterns: []string{"./**", "/etc/*"}}, "sys.info": {All: true}}
	testGoMatchesRego(t, newEngine(t, cfg), root)
	cfg.App = map[string]Grant{}
	testGoMatchesRego(t, newEngine(t, cfg), root)
}

func testGoMatchesRego(t *testing.T, e *Engine, root string) {
	cases := append(useCases(root), useCase{theApp, "fs.read", Resource{Path: "/etc/hosts"}, false},
		useCase{theApp, "fs.read", Resource{Path: root + "/src/a.js"}, false},
		useCase{theApp, "sys.info", Resource{}, false})
	for _, c := range cases {
		r := normalizeResource(c.r)
		if badResource(c.capability, r) != "" || !IsCapability(c.capability) {
			continue
		}
		rg := e.regoDecision(c.pkg, c.capability, r, "api.test")
		if c.capability == "native.load" {
			if rg.Allow {
				t.Errorf("Rego allowed native.load")
			}
			continue
		}
		gd := e.goDecision(c.pkg, c.capability, r)
		if gd.Allow != rg.Allow || !slices.Equal(gd.Reasons, rg.Reasons) {
			t.Errorf("%s %s %+v: Go %+v, Rego %+v", c.pkg.Name, c.capability, c.r, gd, rg)
		}
		if e.denyCouldFire(c.pkg, c.capability) {
			t.Errorf("%s %s: deny could fire without user policies", c.pkg.Name, c.capability)
		}
	}
	if !e.denyCouldFire(theApp, "native.load") {
		t.Error("partial evaluation missed the built-in native.load deny")
	}
}

func TestDenialMessage(t *testing.T) {
	cfg, _ := testConfig(t)
	e := newEngine(t, cfg)
	for _, c := range []struct {
		pkg        Package
		capability string
		r          Resource
		api, want  string
	}{
		{evil, "fs.read", Resource{Path: "/home/u/.npmrc"}, "fs.readFileSync",
			`pkgbox: denied: package "evil-logger@1.0.2" fs.read "/home/u/.npmrc" (fs.readFileSync) — grant it in pkgbox.json: "evil-logger": {"fs.read": ["/home/u/.npmrc"]}`},
		{tele, "process.control", Resource{}, "process.exit",
			`pkgbox: denied: package "telemetry-helper@2.1.0" process.control (process.exit) — grant it in pkgbox.json: "telemetry-helper": {"process.control": true}`},
		{axios, "net.connect", Resource{Host: "0x7f.1", Port: 8080}, "http.request",
			`pkgbox: denied: package "axios@1.7.2" net.connect "127.0.0.1:8080" (http.request) — grant it in pkgbox.json: "axios": {"net.connect": ["127.0.0.1:8080"]}`},
		{axios, "net.connect", Resource{Host: "::1", Port: 80}, "net.connect",
			`pkgbox: denied: package "axios@1.7.2" net.connect "[::1]:80" (net.connect) — grant it in pkgbox.json: "axios": {"net.connect": ["[::1]:80"]}`},
		{axios, "net.connect", Resource{Unix: "/run/a.sock"}, "net.connect",
			`pkgbox: denied: package "axios@1.7.2" net.connect "unix:/run/a.sock" (net.connect) — grant it in pkgbox.json: "axios": {"net.connect": ["unix:/run/a.sock"]}`},
		{Package{Name: "@scope/x"}, "env.read", Resource{Name: `A"<B`}, "process.env",
			`pkgbox: denied: package "@scope/x" env.read "A\"<B" (process.env) — grant it in pkgbox.json: "@scope/x": {"env.read": ["A\"<B"]}`},
	} {
		d := e.Decide(c.pkg, c.capability, c.r, c.api)
		if d.Allow || d.Message != c.want {
			t.Errorf("got  %q (allow %v)\nwant %q", d.Message, d.Allow, c.want)
		}
	}
	restricted := newEngine(t, Config{AppRoot: "/", App: map[string]Grant{}})
	d := restricted.Decide(theApp, "sys.info", Resource{}, "os.hostname")
	if want := `pkgbox: denied: the app sys.info (os.hostname) — grant it in pkgbox.json: "app": {"sys.info": true}`; d.Allow || d.Message != want {
		t.Errorf("app denial: %q, want %q", d.Message, want)
	}
}

func TestAppSection(t *testing.T) {
	cfg, root := testConfig(t)
	cfg.App = map[string]Grant{"fs.read": {Patterns: []string{"./**"}}, "env.read": {All: true}}
	e := newEngine(t, cfg)
	if !e.Decide(theApp, "fs.read", Resource{Path: root + "/src/a.js"}, "fs.readFileSync").Allow {
		t.Error("app denied a granted read")
	}
	if e.Decide(theApp, "fs.read", Resource{Path: "/etc/passwd"}, "fs.readFileSync").Allow {
		t.Error("restricted app read outside its grant")
	}
	if e.Decide(theApp, "process.spawn", Resource{Command: "/bin/sh"}, "child_process.spawn").Allow {
		t.Error("restricted app spawned")
	}
	if !e.Unrestricted(theApp, "env.read") || e.Unrestricted(theApp, "fs.read") || e.Unrestricted(theApp, "sys.info") {
		t.Error("Unrestricted wrong for a restricted app")
	}
}

func TestUnrestricted(t *testing.T) {
	cfg, _ := testConfig(t)
	e := newEngine(t, cfg)
	for _, c := range []struct {
		pkg        Package
		capability string
		want       bool
	}{
		{theApp, "fs.read", true}, {theApp, "native.load", false}, {dot, "env.read", true},
		{dot, "fs.read", false}, {evil, "env.read", false}, {dot, "no.such", false},
	} {
		if got := e.Unrestricted(c.pkg, c.capability); got != c.want {
			t.Errorf("Unrestricted(%s, %s) = %v, want %v", c.pkg.Name, c.capability, got, c.want)
		}
	}
	all := newEngine(t, Config{AppRoot: "/", AllowAll: true})
	if !all.Unrestricted(evil, "process.spawn") || !all.Decide(evil, "process.spawn", Resource{Command: "/bin/sh"}, "x").Allow {
		t.Error("--allow-all did not allow")
	}
}

func TestUserDenyOverridesGrant(t *testing.T) {
	cfg, root := testConfig(t)
	cfg.Policies = []string{writePolicy(t, root, "org.rego", `package pkgbox.authz

deny contains sprintf("no secrets for %s", [input.package.name]) if {
	input.capability == "env.read"
	endswith(input.resource.name, "_TOKEN")
}

deny contains "dotenv may not read files" if {
	input.package.name == "dotenv"
	input.capability == "fs.read"
}
`)}
	e := newEngine(t, cfg)
	d := e.Decide(dot, "env.read", Resource{Name: "NPM_TOKEN"}, "process.env")
	if d.Allow || !slices.Equal(d.Reasons, []string{"no secrets for dotenv"}) {
		t.Errorf("deny did not override env.read: true: %+v", d)
	}
	if want := `pkgbox: denied: package "dotenv@16.0.0" env.read "NPM_TOKEN" (process.env) — refused by policy: no secrets for dotenv`; d.Message != want || !d.ByRule {
		t.Errorf("a granted use refused by a rule must quote the rule, not suggest the grant it has:\n got %q\nwant %q", d.Message, want)
	}
	if d := e.Decide(dot, "net.connect", Resource{Host: "a.example", Port: 443}, "https.request"); d.ByRule || !strings.Contains(d.Message, "grant it in pkgbox.json") {
		t.Errorf("a use without a grant must suggest one: %+v", d)
	}
	if d := e.Decide(dot, "env.read", Resource{Name: "HOME"}, "process.env"); !d.Allow {
		t.Errorf("HOME denied: %+v", d)
	}
	if d := e.Decide(theApp, "env.read", Resource{Name: "GH_TOKEN"}, "process.env"); d.Allow {
		t.Errorf("a deny rule applies to the app too: %+v", d)
	}
	if d := e.Decide(dot, "fs.read", Resource{Path: root + "/.env"}, "fs.readFileSync"); d.Allow || d.Reasons[0] != "dotenv may not read files" {
		t.Errorf("granted .env read not denied: %+v", d)
	}
	// Partial evaluation: rules that cannot fire for a package and capability leave the grant
	// matchers in charge; rules that can make Unrestricted false.
	if e.denyCouldFire(axios, "net.connect") || e.denyCouldFire(dot, "env.write") {
		t.Error("deny rules judged able to fire where they cannot")
	}
	if !e.denyCouldFire(dot, "fs.read") || !e.denyCouldFire(axios, "env.read") {
		t.Error("deny rules judged unable to fire where they can")
	}
	if e.Unrestricted(dot, "env.read") || e.Unrestricted(theApp, "env.read") || !e.Unrestricted(theApp, "fs.write") {
		t.Error("Unrestricted ignores user deny rules")
	}
	if e.apiInKey || !e.allowInGo {
		t.Errorf("deny-only policy: apiInKey=%v allowInGo=%v", e.apiInKey, e.allowInGo)
	}
	// Go allow + Rego deny_reasons gives what data.pkgbox.authz.decision gives.
	cases := append(useCases(root), useCase{dot, "env.read", Resource{Name: "X_TOKEN"}, false},
		useCase{dot, "fs.read", Resource{Path: "/x"}, false})
	for _, c := range cases {
		r := normalizeResource(c.r)
		if badResource(c.capability, r) != "" || !IsCapability(c.capability) {
			continue
		}
		got, want := e.decideUncached(c.pkg, c.capability, r, "x"), e.regoDecision(c.pkg, c.capability, r, "x")
		if got.Allow != want.Allow || !slices.Equal(got.Reasons, want.Reasons) {
			t.Errorf("%s %s %+v: engine %+v, decision %+v", c.pkg.Name, c.capability, c.r, got, want)
		}
	}
}

func TestRegoRuleGrants(t *testing.T) {
	cfg, root := testConfig(t)
	cfg.Policies = []string{writePolicy(t, root, "grant.rego", `package pkgbox.authz

allow_reasons contains "org: everyone may read /usr/share" if {
	input.capability == "fs.read"
	startswith(input.resource.path, "/usr/share/")
}
`)}
	e := newEngine(t, cfg)
	if e.allowInGo {
		t.Fatal("a user allow_reasons rule left allow to the Go matchers")
	}
	d := e.Decide(evil, "fs.read", Resource{Path: "/usr/share/dict/words"}, "fs.readFileSync")
	if !d.Allow || !slices.Equal(d.Reasons, []string{"org: everyone may read /usr/share"}) {
		t.Errorf("Rego grant ignored: %+v", d)
	}
	if e.Decide(evil, "fs.read", Resource{Path: "/etc/passwd"}, "fs.readFileSync").Allow {
		t.Error("Rego grant too wide")
	}
	if !e.Decide(dot, "fs.read", Resource{Path: root + "/.env"}, "fs.readFileSync").Allow {
		t.Error("manifest grant lost")
	}
}

func TestUserPolicyReadingAPI(t *testing.T) {
	cfg, root := testConfig(t)
	cfg.Policies = []string{writePolicy(t, root, "api.rego", `package pkgbox.authz

deny contains "no sync reads" if input.api == "fs.readFileSync"
`)}
	e := newEngine(t, cfg)
	if !e.apiInKey {
		t.Fatal("input.api use not detected")
	}
	r := Resource{Path: root + "/.env"}
	if e.Decide(dot, "fs.read", r, "fs.readFileSync").Allow || !e.Decide(dot, "fs.read", r, "fs.readFile").Allow {
		t.Error("decisions per API were not kept apart")
	}
}

func TestBrokenUserPolicy(t *testing.T) {
	cfg, root := testConfig(t)
	for name, c := range map[string]struct{ src, want string }{
		"syntax.rego":  {"package pkgbox.authz\n\ndeny contains x if {\n  x := \n}\n", "syntax.rego:5"},
		"network.rego": {"package pkgbox.authz\n\ndeny contains x if {\n\tx := http.send({\"method\": \"get\", \"url\": \"http://a\"})\n}\n", "network.rego:4: undefined function http.send"},
		"clock.rego":   {"package pkgbox.authz\n\ndeny contains \"late\" if time.now_ns() > 0\n", "clock.rego:3: undefined function time.now_ns"},
		"lookup.rego":  {"package pkgbox.authz\n\ndeny contains \"x\" if net.lookup_ip_addr(\"a\")\n", "lookup.rego:3: undefined function net.lookup_ip_addr"},
		"type.rego":    {"package pkgbox.authz\n\ndeny contains x if {\n\tx := concat(1, 2)\n}\n", "type.rego:4"},
		"v0.rego":      {"package pkgbox.authz\n\ndeny[msg] { msg := \"x\" }\n", "v0.rego:3"},
	} {
		cfg.Policies = []string{writePolicy(t, root, name, c.src)}
		_, err := New(cfg)
		if err == nil || !strings.Contains(err.Error(), filepath.Join(root, c.want)) {
			t.Errorf("%s: New error %v, want it to contain %q", name, err, c.want)
		}
	}
	cfg.Policies = []string{filepath.Join(root, "missing.rego")}
	if _, err := New(cfg); err == nil || !strings.Contains(err.Error(), "missing.rego") {
		t.Errorf("missing policy file: %v", err)
	}
}

func TestBadGrantIsAnError(t *testing.T) {
	_, err := New(Config{AppRoot: "/", Packages: map[string]map[string]Grant{"x": {"net.connect": {Patterns: []string{"nohost"}}}}})
	if err == nil || !strings.Contains(err.Error(), `grant of "x" net.connect: expected a host:port pattern`) {
		t.Errorf("got %v", err)
	}
	if _, err := New(Config{AppRoot: "relative"}); err == nil {
		t.Error("relative app root accepted")
	}
}

func TestDecisionErrorDenies(t *testing.T) {
	cfg, root := testConfig(t)
	cfg.Policies = []string{writePolicy(t, root, "err.rego", `package pkgbox.authz

deny contains "big" if to_number(input.resource.name) > 10
`)}
	e := newEngine(t, cfg)
	d := e.Decide(dot, "env.read", Resource{Name: "HOME"}, "process.env")
	if d.Allow || len(d.Reasons) != 1 || !strings.HasPrefix(d.Reasons[0], "policy error (denied): ") || !strings.Contains(d.Reasons[0], "to_number") {
		t.Errorf("an evaluation error must deny with its reason: %+v", d)
	}
	if d := e.Decide(dot, "env.read", Resource{Name: "5"}, "process.env"); !d.Allow {
		t.Errorf("a valid evaluation denied: %+v", d)
	}
}

func TestWarnModeAndReport(t *testing.T) {
	cfg, root := testConfig(t)
	var buf bytes.Buffer
	cfg.Mode, cfg.Report = Warn, &buf
	e := newEngine(t, cfg)
	d := e.Decide(evil, "fs.read", Resource{Path: "/home/u/.npmrc"}, "fs.readFileSync")
	if !d.Allow || !d.Warn || !strings.HasPrefix(d.Message, `pkgbox: denied: package "evil-logger@1.0.2" fs.read`) {
		t.Errorf("warn mode: %+v", d)
	}
	e.Decide(evil, "fs.read", Resource{Path: "/home/u/.npmrc"}, "fs.readFile") // cached, reported again
	if d := e.Decide(dot, "fs.read", Resource{Path: root + "/.env"}, "fs.readFileSync"); !d.Allow || d.Warn || d.Message != "" {
		t.Errorf("allowed use marked: %+v", d)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("report has %d lines, want 2:\n%s", len(lines), buf.String())
	}
	want := `{"package":"evil-logger","version":"1.0.2","capability":"fs.read","resource":"/home/u/.npmrc","api":"fs.readFileSync","allowed":true,"mode":"warn","reasons":["no grant in pkgbox.json covers this use"]}`
	if lines[0] != want {
		t.Errorf("report line\n got %s\nwant %s", lines[0], want)
	}
	var second map[string]any
	if err := json.Unmarshal([]byte(lines[1]), &second); err != nil || second["api"] != "fs.readFile" {
		t.Errorf("second line %s (%v)", lines[1], err)
	}

	buf.Reset()
	cfg.Mode = Enforce
	e = newEngine(t, cfg)
	e.Decide(tele, "process.control", Resource{}, "process.exit")
	if want := `{"package":"telemetry-helper","version":"2.1.0","capability":"process.control","resource":"","api":"process.exit","allowed":false,"mode":"enforce","reasons":["no grant in pkgbox.json covers this use"]}` + "\n"; buf.String() != want {
		t.Errorf("enforce report\n got %s\nwant %s", buf.String(), want)
	}
}

func TestCheckManifest(t *testing.T) {
	cfg, root := testConfig(t)
	e := newEngine(t, cfg)
	msgs, err := e.CheckManifest([]byte(`{"packages": {"simple-git": {"process.spawn": ["git"]}}}`))
	if err != nil || len(msgs) != 0 {
		t.Errorf("built-in check policy: %v, %v", msgs, err)
	}
	src, err := os.ReadFile("../rego/examples/org_check.rego")
	if err != nil {
		t.Fatal(err)
	}
	cfg.Policies = []string{writePolicy(t, root, "org_check.rego", string(src))}
	e = newEngine(t, cfg)
	msgs, err = e.CheckManifest(map[string]any{"packages": map[string]any{
		"simple-git": map[string]any{"process.spawn": []any{"git"}},
		"b":          map[string]any{"process.spawn": true},
		"c":          map[string]any{"fs.read": true},
	}})
	want := []string{`organisation policy: "b" may not be granted process.spawn`, `organisation policy: "simple-git" may not be granted process.spawn`}
	if err != nil || !slices.Equal(msgs, want) {
		t.Errorf("org check: %q, %v; want %q", msgs, err, want)
	}
	if _, err := e.CheckManifest([]byte("{")); err == nil {
		t.Error("bad JSON accepted")
	}
}

func TestConcurrentDecide(t *testing.T) {
	cfg, root := testConfig(t)
	cfg.Policies = []string{writePolicy(t, root, "p.rego", "package pkgbox.authz\n\ndeny contains \"no\" if input.resource.path == \"/etc/shadow\"\n")}
	var buf bytes.Buffer
	cfg.Report = &buf
	e := newEngine(t, cfg)
	cases := useCases(root)
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				c := cases[(i+g)%len(cases)]
				if d := e.Decide(c.pkg, c.capability, c.r, "x"); d.Allow != c.allow {
					errs <- fmt.Sprintf("%s %s %+v: %v", c.pkg.Name, c.capability, c.r, d.Allow)
					return
				}
				if e.Decide(pino, "fs.read", Resource{Path: "/etc/shadow"}, "x").Allow {
					errs <- "user deny ignored"
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for s := range errs {
		t.Error(s)
	}
	for _, l := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		if !json.Valid([]byte(l)) {
			t.Fatalf("interleaved report line %q", l)
		}
	}
}

// Benchmarks run three ways: userPolicy=none (the grant matchers alone), deny (a user deny rule
// that can fire: Go matchers plus Rego's deny set), grant (a user rule adds to allow_reasons: the
// whole decision in Rego).
var benchPolicies = []string{"none", "deny", "grant"}

func BenchmarkDecideCached(b *testing.B) {
	for _, user := range benchPolicies {
		b.Run("userPolicy="+user, func(b *testing.B) {
			e, root := benchEngine(b, user)
			r := Resource{Path: root + "/logs/app.log"}
			e.Decide(pino, "fs.write", r, "fs.writeFileSync")
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if !e.Decide(pino, "fs.write", r, "fs.writeFileSync").Allow {
					b.Fatal("denied")
				}
			}
		})
	}
}

func BenchmarkDecideNew(b *testing.B) {
	for _, user := range benchPolicies {
		b.Run("userPolicy="+user, func(b *testing.B) {
			e, root := benchEngine(b, user)
			paths := make([]string, b.N)
			for i := range paths {
				paths[i] = fmt.Sprintf("%s/logs/%d/file-%d.log", root, i%97, i)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if !e.Decide(pino, "fs.write", Resource{Path: paths[i]}, "fs.writeFileSync").Allow {
					b.Fatal("denied")
				}
			}
		})
	}
}

func benchEngine(b *testing.B, userPolicy string) (*Engine, string) {
	cfg, root := testConfig(b)
	deny := `package pkgbox.authz

deny contains "credentials" if {
	input.capability in {"fs.read", "fs.write"}
	regex.match(` + "`^/(root|home/[^/]+)/\\.(ssh|npmrc)`" + `, input.resource.path)
}
`
	switch userPolicy {
	case "deny":
		cfg.Policies = []string{writePolicy(b, root, "org.rego", deny)}
	case "grant":
		cfg.Policies = []string{writePolicy(b, root, "org.rego", deny+`
allow_reasons contains "org: /usr/share is public" if {
	input.capability == "fs.read"
	startswith(input.resource.path, "/usr/share/")
}
`)}
	}
	e := newEngine(b, cfg)
	if e.allowInGo != (userPolicy != "grant") || e.denyCouldFire(pino, "fs.write") != (userPolicy != "none") {
		b.Fatalf("userPolicy=%s: allowInGo=%v denyCouldFire=%v", userPolicy, e.allowInGo, e.denyCouldFire(pino, "fs.write"))
	}
	return e, root
}

// BenchmarkNew is the start-up cost: compiling the Rego policy (built-in and one user file) and
// the grants, and preparing the queries.
func BenchmarkNew(b *testing.B) {
	cfg, root := testConfig(b)
	cfg.Policies = []string{writePolicy(b, root, "p.rego", "package pkgbox.authz\n\ndeny contains \"x\" if input.resource.path == \"/a\"\n")}
	for i := 0; i < b.N; i++ {
		newEngine(b, cfg)
	}
}
