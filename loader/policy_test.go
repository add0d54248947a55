package loader_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pkgbox/pkgbox/loader"
	"github.com/pkgbox/pkgbox/policy"
)

// envApp is an app whose dependency "probe" reports what it can see of process.env and whether it
// may exit; the app prints the report.
func envApp(t *testing.T) string {
	return writeApp(t, map[string]string{
		"package.json":                        `{"name":"app","version":"1.0.0","dependencies":{"probe":"1.0.0"}}`,
		"node_modules/probe/package.json":     `{"name":"probe","version":"1.0.0"}`,
		"node_modules/probe/index.js":         probeSource,
		"app.js":                              "process.env.APP_SECRET = 's3cret';\nconsole.log(JSON.stringify(require('probe')()));\n",
		"node_modules/probe/unused/README.md": "",
	})
}

const probeSource = `module.exports = function () {
  var out = { keys: Object.keys(process.env).sort(), json: JSON.stringify(process.env),
    spread: Object.keys(Object.assign({}, process.env)).length, secret: process.env.APP_SECRET,
    token: process.env.PKGBOX_FIXTURE_TOKEN };
  try { process.env.PKGBOX_WRITTEN = 'x'; out.write = 'ok'; } catch (e) { out.write = e.code; }
  try { process.exitCode = 0; out.control = 'ok'; } catch (e) { out.control = e.code; }
  return out;
};`

type probeResult struct {
	Keys    []string `json:"keys"`
	JSON    string   `json:"json"`
	Spread  int      `json:"spread"`
	Secret  *string  `json:"secret"`
	Token   *string  `json:"token"`
	Write   string   `json:"write"`
	Control string   `json:"control"`
}

func runWithPolicy(t *testing.T, dir string, cfg policy.Config) (probeResult, runResult) {
	t.Helper()
	res := runUnderPolicy(t, dir, "app.js", cfg)
	var p probeResult
	if err := json.Unmarshal([]byte(strings.TrimSpace(res.stdout)), &p); err != nil {
		t.Fatalf("probe output %q: %v (stderr %s)", res.stdout, err, res.stderr)
	}
	return p, res
}

// runUnderPolicy runs entry of the app in dir under a policy engine built from cfg.
func runUnderPolicy(t *testing.T, dir, entry string, cfg policy.Config) runResult {
	t.Helper()
	cfg.AppRoot = dir
	e, err := policy.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	rt, err := loader.New(loader.Options{Env: fixtureEnv, Cwd: dir, Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""), CacheDir: cacheDir(t), Policy: e})
	if err != nil {
		t.Fatal(err)
	}
	defer rt.SetTimeout(60 * time.Second)()
	code, err := rt.Run(filepath.Join(dir, entry))
	if err != nil {
		t.Fatal(err)
	}
	return runResult{out.String(), errb.String(), code}
}

// A package sees only the environment variables pkgbox.json grants it, however it looks
// (keys, spread, JSON.stringify, direct reads), and writes and process control need their own
// grants.
func TestPolicyEnvGrants(t *testing.T) {
	dir := envApp(t)
	p, res := runWithPolicy(t, dir, policy.Config{Packages: map[string]map[string]policy.Grant{
		"probe": {"env.read": {Patterns: []string{"PKGBOX_*"}}},
	}})
	if strings.Join(p.Keys, ",") != "PKGBOX_FIXTURE_TOKEN" || p.Spread != 1 || p.Secret != nil || p.Token == nil || strings.Contains(p.JSON, "s3cret") {
		t.Fatalf("env view: %+v", p)
	}
	if p.Write != "ERR_PKGBOX_DENIED" || p.Control != "ERR_PKGBOX_DENIED" {
		t.Fatalf("write %q control %q, want denials", p.Write, p.Control)
	}
	if !strings.Contains(res.stderr, `pkgbox: denied: package "probe@1.0.0" env.write "PKGBOX_WRITTEN" (process.env)`) {
		t.Fatalf("stderr lacks the env.write denial:\n%s", res.stderr)
	}
	// Without a grant the package sees an empty process.env.
	p, _ = runWithPolicy(t, dir, policy.Config{})
	if len(p.Keys) != 0 || p.JSON != "{}" || p.Token != nil {
		t.Fatalf("ungranted env view: %+v", p)
	}
	// A grant of everything.
	p, _ = runWithPolicy(t, dir, policy.Config{Packages: map[string]map[string]policy.Grant{
		"probe": {"env.read": {All: true}, "env.write": {All: true}, "process.control": {All: true}},
	}})
	if p.Secret == nil || *p.Secret != "s3cret" || p.Write != "ok" || p.Control != "ok" {
		t.Fatalf("fully granted env view: %+v", p)
	}
}

// A user Rego deny rule overrides a grant.
func TestPolicyUserDenyOverridesGrant(t *testing.T) {
	dir := envApp(t)
	rule := filepath.Join(dir, "org.rego")
	if err := os.WriteFile(rule, []byte("package pkgbox.authz\n\ndeny contains msg if {\n\tinput.capability == \"env.read\"\n\tinput.resource.name == \"PKGBOX_FIXTURE_TOKEN\"\n\tmsg := \"tokens stay with the app\"\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, _ := runWithPolicy(t, dir, policy.Config{Policies: []string{rule}, Packages: map[string]map[string]policy.Grant{
		"probe": {"env.read": {All: true}},
	}})
	if p.Token != nil || p.Secret == nil {
		t.Fatalf("the deny rule should hide the token and only it: %+v", p)
	}
}

// Warn mode lets a use through, says so on stderr and reports it.
func TestPolicyWarnModeReports(t *testing.T) {
	dir := envApp(t)
	var report bytes.Buffer
	p, res := runWithPolicy(t, dir, policy.Config{Mode: policy.Warn, Report: &report})
	if p.Write != "ok" || p.Control != "ok" || p.Token == nil {
		t.Fatalf("warn mode should allow: %+v", p)
	}
	if !strings.Contains(res.stderr, "would deny (--mode warn)") || !strings.Contains(res.stderr, `process.control (process.exitCode)`) {
		t.Fatalf("stderr:\n%s", res.stderr)
	}
	var caps []string
	for _, line := range strings.Split(strings.TrimSpace(report.String()), "\n") {
		var r struct {
			Package, Capability, Mode string
			Allowed                   bool
		}
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("report line %q: %v", line, err)
		}
		if r.Package != "probe" || !r.Allowed || r.Mode != "warn" {
			t.Fatalf("report line %q", line)
		}
		caps = append(caps, r.Capability)
	}
	got := strings.Join(caps, " ")
	for _, c := range []string{"env.read", "env.write", "process.control"} {
		if !strings.Contains(got, c) {
			t.Fatalf("report lacks %s: %s", c, report.String())
		}
	}
}

// A child process a package starts without options.env inherits only what the package may read of
// process.env, not the host's environment (a spawn grant is not an env.read grant).
func TestPolicySpawnedChildSeesThePackagesEnv(t *testing.T) {
	dir := writeApp(t, map[string]string{
		"package.json":                    `{"name":"app","version":"1.0.0","dependencies":{"probe":"1.0.0"}}`,
		"node_modules/probe/package.json": `{"name":"probe","version":"1.0.0"}`,
		"node_modules/probe/index.js":     "module.exports = function () { var cp = require('child_process'); var r = cp.spawnSync('sh', ['-c', 'echo \"token=$PKGBOX_FIXTURE_TOKEN lang=$LANG\"'], { encoding: 'utf8' }); return { keys: [], json: r.stdout.trim() + (r.error ? ' ' + r.error.code : '') }; };",
		"app.js":                          "console.log(JSON.stringify(require('probe')()));\n",
	})
	p, res := runWithPolicy(t, dir, policy.Config{PathEnv: os.Getenv("PATH"), Packages: map[string]map[string]policy.Grant{
		"probe": {"process.spawn": {Patterns: []string{"sh"}}, "env.read": {Patterns: []string{"LANG"}}},
	}})
	if p.JSON != "token= lang=C.UTF-8" {
		t.Fatalf("child output %q, want the token hidden and LANG passed (stderr %s)", p.JSON, res.stderr)
	}
}

// With no env.read grant at all, the child's environment is empty, not pkgbox's own.
func TestPolicySpawnedChildWithoutEnvGrantGetsNoEnv(t *testing.T) {
	dir := writeApp(t, map[string]string{
		"package.json":                    `{"name":"app","version":"1.0.0","dependencies":{"probe":"1.0.0"}}`,
		"node_modules/probe/package.json": `{"name":"probe","version":"1.0.0"}`,
		"node_modules/probe/index.js":     "module.exports = function () { var r = require('child_process').spawnSync('/usr/bin/env', [], { encoding: 'utf8' }); return { keys: [], json: JSON.stringify(r.stdout) + (r.error ? ' ' + r.error.code : '') }; };",
		"app.js":                          "console.log(JSON.stringify(require('probe')()));\n",
	})
	p, res := runWithPolicy(t, dir, policy.Config{Packages: map[string]map[string]policy.Grant{
		"probe": {"process.spawn": {Patterns: []string{"/usr/bin/env"}}},
	}})
	if p.JSON != `""` {
		t.Fatalf("child environment %s, want none (stderr %s)", p.JSON, res.stderr)
	}
}

// A read of a variable that is not set is still a use: warn mode reports it, so a manifest learnt
// from a run without NODE_ENV still grants NODE_ENV for the production run that sets it; and
// `in` asks the gate the same way. Each name is asked once per package.
func TestPolicyReadOfUnsetVariableIsReported(t *testing.T) {
	dir := writeApp(t, map[string]string{
		"node_modules/probe/package.json": `{"name":"probe","version":"1.0.0"}`,
		"node_modules/probe/index.js":     "for (let i = 0; i < 3; i++) process.env.PKGBOX_UNSET_MODE;\nmodule.exports = [process.env.PKGBOX_UNSET_MODE, 'PKGBOX_UNSET_FLAG' in process.env];",
		"app.js":                          "console.log(JSON.stringify(require('probe')));\n",
	})
	var report bytes.Buffer
	res := runUnderPolicy(t, dir, "app.js", policy.Config{Mode: policy.Warn, Report: &report})
	if strings.TrimSpace(res.stdout) != "[null,false]" {
		t.Fatalf("stdout %q, want [null,false] (stderr %s)", res.stdout, res.stderr)
	}
	for _, name := range []string{"PKGBOX_UNSET_MODE", "PKGBOX_UNSET_FLAG"} {
		if n := strings.Count(report.String(), `"capability":"env.read","resource":"`+name+`"`); n != 1 {
			t.Errorf("report lists the read of unset %s %d times, want once (the package asks once):\n%s", name, n, report.String())
		}
	}
}
