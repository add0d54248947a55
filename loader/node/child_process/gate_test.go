package child_process

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"github.com/pkgbox/pkgbox/loader/node/host"
	"github.com/pkgbox/pkgbox/policy"
)

// gateHost is a package compartment whose process.spawn grant is a list of absolute programs
// (or everything, when unrestricted). It records every check.
type gateHost struct {
	vm           *goja.Runtime
	allow        map[string]bool
	unrestricted bool
	env          []string
	checks       []policy.Resource
}

func newGateHost(t *testing.T, allow ...string) *gateHost {
	h := &gateHost{vm: goja.New(), allow: map[string]bool{}, env: []string{"PATH=" + os.Getenv("PATH")}}
	for _, a := range allow {
		h.allow[realpath(t, a)] = true
	}
	if err := h.vm.Set("binding", Binding(h)); err != nil {
		t.Fatal(err)
	}
	return h
}

func (h *gateHost) VM() *goja.Runtime { return h.vm }
func (h *gateHost) Package() host.Package {
	return host.Package{Name: "victim", Version: "1.0.0", Dir: "/app/node_modules/victim"}
}
func (h *gateHost) Require(name string) goja.Value { panic("gateHost: no require " + name) }
func (h *gateHost) Post(fn func())                 {}
func (h *gateHost) Hold() func()                   { return func() {} }
func (h *gateHost) NewBuffer(b []byte) *goja.Object {
	return h.vm.ToValue(h.vm.NewArrayBuffer(b)).(*goja.Object)
}
func (h *gateHost) Func(name string, n int, fn func(goja.FunctionCall) goja.Value) *goja.Object {
	return h.vm.ToValue(fn).(*goja.Object)
}
func (h *gateHost) Cwd() string                { d, _ := os.Getwd(); return d }
func (h *gateHost) Env() []string              { return h.env }
func (h *gateHost) Unrestricted(c string) bool { return c == capSpawn && h.unrestricted }
func (h *gateHost) Check(capability string, r policy.Resource, api string) *goja.Object {
	h.checks = append(h.checks, r)
	if capability == capSpawn && (h.unrestricted || h.allow[r.Command]) {
		return nil
	}
	e := h.vm.NewTypeError(fmt.Sprintf("denied %s %s (%s)", capability, r.Command, api))
	_ = e.Set("code", "ERR_PKGBOX_DENIED")
	return e
}

var _ GrantHost = (*gateHost)(nil)

func realpath(t *testing.T, p string) string {
	t.Helper()
	if !filepath.IsAbs(p) {
		var err error
		if p, err = lookPath(p); err != nil {
			t.Fatal(err)
		}
	}
	r, err := filepath.EvalSymlinks(p)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func lookPath(name string) (string, error) {
	return policy.ResolveCommand(name, os.Getenv("PATH"), "/")
}

// spawnSync calls the binding the way child_process.js does and returns its result object.
func (h *gateHost) spawnSync(t *testing.T, opts string) *goja.Object {
	t.Helper()
	v, err := h.vm.RunString(`binding.spawnSync(Object.assign({api: 'child_process.spawnSync', stdio: ['pipe', 'pipe', 'pipe']}, ` + opts + `))`)
	if err != nil {
		t.Fatalf("spawnSync(%s): %v", opts, err)
	}
	return v.(*goja.Object)
}

func deniedMessage(o *goja.Object) string {
	d := o.Get("denied")
	if d == nil || goja.IsUndefined(d) {
		return ""
	}
	return d.(*goja.Object).Get("message").String()
}

func stdout(t *testing.T, o *goja.Object) string {
	t.Helper()
	out := o.Get("output")
	if out == nil || goja.IsUndefined(out) {
		t.Fatalf("no output in result (denied: %q, errno: %v)", deniedMessage(o), o.Get("errno"))
	}
	var b []byte
	if err := goja.New().ExportTo(out.(*goja.Object).Get("1"), &b); err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// fakeBin makes dir/name, a script that records it ran by creating dir/name.ran.
func fakeBin(t *testing.T, name string) (dir, marker string) {
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	marker = filepath.Join(dir, name+".ran")
	script := "#!/bin/sh\n: > " + marker + "\necho fake " + name + "\n"
	if err := os.WriteFile(filepath.Join(dir, name), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir, marker
}

func TestGateChecksTheProgramFoundOnTheChildsPath(t *testing.T) {
	dir, marker := fakeBin(t, "git")
	h := newGateHost(t, "echo") // granted some other program, not the fake git
	res := h.spawnSync(t, fmt.Sprintf(`{file: 'git', args: ['git', 'status'], envPairs: ['PATH=%s']}`, dir))
	if msg := deniedMessage(res); !strings.Contains(msg, filepath.Join(dir, "git")) {
		t.Fatalf("spawning git with PATH=%s: want a denial naming %s/git, got %q", dir, dir, msg)
	}
	want := policy.Resource{Command: filepath.Join(dir, "git"), Args: []string{"status"}}
	if len(h.checks) != 1 || !reflect.DeepEqual(h.checks[0], want) {
		t.Fatalf("checked %+v, want exactly %+v", h.checks, want)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Fatal("the fake git ran although the gate denied it")
	}

	// Granted that exact path, it is what runs.
	h = newGateHost(t, filepath.Join(dir, "git"))
	res = h.spawnSync(t, fmt.Sprintf(`{file: 'git', args: ['git'], envPairs: ['PATH=%s']}`, dir))
	if got := stdout(t, res); got != "fake git\n" {
		t.Fatalf("granted fake git printed %q", got)
	}
}

func TestGateChecksTheShellNotTheCommandInside(t *testing.T) {
	h := newGateHost(t, "git")
	res := h.spawnSync(t, `{file: '/bin/sh', args: ['/bin/sh', '-c', 'git status']}`)
	sh := realpath(t, "/bin/sh")
	if msg := deniedMessage(res); !strings.Contains(msg, sh) {
		t.Fatalf("sh -c 'git status' with a git grant: want a denial naming %s, got %q", sh, msg)
	}
	want := policy.Resource{Command: sh, Args: []string{"-c", "git status"}}
	if len(h.checks) != 1 || !reflect.DeepEqual(h.checks[0], want) {
		t.Fatalf("checked %+v, want %+v", h.checks, want)
	}
}

func TestGateDeniesAnotherBinaryByAbsolutePath(t *testing.T) {
	h := newGateHost(t, "echo")
	other := realpath(t, "true")
	res := h.spawnSync(t, fmt.Sprintf(`{file: %q, args: [%q]}`, other, other))
	if msg := deniedMessage(res); !strings.Contains(msg, other) {
		t.Fatalf("running %s with an echo grant: want a denial, got %q", other, msg)
	}
	// A relative path is made absolute against cwd before the check.
	res = h.spawnSync(t, fmt.Sprintf(`{file: './true', args: ['./true'], cwd: %q}`, filepath.Dir(other)))
	if msg := deniedMessage(res); !strings.Contains(msg, other) {
		t.Fatalf("running ./true in %s: want a denial naming %s, got %q", filepath.Dir(other), other, msg)
	}
	// The granted program runs.
	if got := stdout(t, h.spawnSync(t, `{file: 'echo', args: ['echo', 'granted']}`)); got != "granted\n" {
		t.Fatalf("granted echo printed %q", got)
	}
}

func TestGateDeniesMissingProgramsInsteadOfReportingENOENT(t *testing.T) {
	h := newGateHost(t, "echo")
	res := h.spawnSync(t, `{file: 'no-such-program-pkgbox', args: ['no-such-program-pkgbox']}`)
	if msg := deniedMessage(res); !strings.Contains(msg, "no-such-program-pkgbox") {
		t.Fatalf("want a denial for a missing, ungranted program, got %q (errno %v)", msg, res.Get("errno"))
	}
	h.unrestricted = true
	res = h.spawnSync(t, `{file: 'no-such-program-pkgbox', args: ['no-such-program-pkgbox']}`)
	if e := res.Get("errno"); e == nil || e.ToInteger() != -2 {
		t.Fatalf("allowed missing program: want errno -2 (ENOENT), got %v", e)
	}
}

func TestRestrictedGrantRefusesLoaderVariables(t *testing.T) {
	for _, v := range []string{"LD_PRELOAD=/tmp/evil.so", "LD_LIBRARY_PATH=/tmp", "DYLD_INSERT_LIBRARIES=/tmp/x", "NODE_OPTIONS=--require=/tmp/x.js"} {
		h := newGateHost(t, "echo")
		res := h.spawnSync(t, fmt.Sprintf(`{file: 'echo', args: ['echo'], envPairs: [%q, 'PATH=' + %q]}`, v, os.Getenv("PATH")))
		name, _, _ := strings.Cut(v, "=")
		msg := deniedMessage(res)
		if !strings.Contains(msg, name) || res.Get("denied").(*goja.Object).Get("code").String() != "ERR_PKGBOX_DENIED" {
			t.Errorf("%s with an [echo] grant: want ERR_PKGBOX_DENIED naming %s, got %q", v, name, msg)
		}
	}
	// The user's own value passes through; an unrestricted grant may set anything.
	h := newGateHost(t, "echo")
	h.env = append(h.env, "LD_LIBRARY_PATH=/opt/lib")
	res := h.spawnSync(t, `{file: 'echo', args: ['echo', 'ok'], envPairs: ['LD_LIBRARY_PATH=/opt/lib', 'PATH=' + `+fmt.Sprintf("%q", os.Getenv("PATH"))+`]}`)
	if got := stdout(t, res); got != "ok\n" {
		t.Fatalf("passing the process's own LD_LIBRARY_PATH: got %q", got)
	}
	res = h.spawnSync(t, `{file: 'echo', args: ['echo', 'ok']}`) // inherited environment
	if got := stdout(t, res); got != "ok\n" {
		t.Fatalf("inherited environment with LD_LIBRARY_PATH: got %q", got)
	}
	h.unrestricted = true
	res = h.spawnSync(t, `{file: 'sh', args: ['sh', '-c', 'echo $NODE_OPTIONS'], envPairs: ['NODE_OPTIONS=--trace-warnings', 'PATH=' + `+fmt.Sprintf("%q", os.Getenv("PATH"))+`]}`)
	if got := stdout(t, res); got != "--trace-warnings\n" {
		t.Fatalf("unrestricted grant setting NODE_OPTIONS: got %q", got)
	}
}

func TestRestrictedGrantRefusesAnotherUser(t *testing.T) {
	h := newGateHost(t, "echo")
	res := h.spawnSync(t, `{file: 'echo', args: ['echo'], uid: 0}`)
	if msg := deniedMessage(res); !strings.Contains(msg, "uid") {
		t.Fatalf("uid option with an [echo] grant: want a denial naming uid, got %q", msg)
	}
}

func TestAsyncSpawnDeniedStartsNothing(t *testing.T) {
	dir, marker := fakeBin(t, "tool")
	h := newGateHost(t, "echo")
	v, err := h.vm.RunString(fmt.Sprintf(`binding.spawn({api: 'child_process.spawn', file: %q, args: ['tool'], stdio: ['pipe', 'pipe', 'pipe']}, () => {}, () => {})`, filepath.Join(dir, "tool")))
	if err != nil {
		t.Fatal(err)
	}
	if msg := deniedMessage(v.(*goja.Object)); !strings.Contains(msg, "child_process.spawn") {
		t.Fatalf("want a denial for the async API, got %q", msg)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Fatal("the denied program ran")
	}
}

func TestBindingRejectsUnknownAPIsAndBadStdio(t *testing.T) {
	h := newGateHost(t, "echo")
	for _, opts := range []string{
		`{api: 'fs.readFile', file: 'echo', args: ['echo'], stdio: ['pipe', 'pipe', 'pipe']}`,
		`{api: 'child_process.spawnSync', file: 'echo', args: ['echo'], stdio: ['pipe', 'pipe', 7]}`,
		`{api: 'child_process.spawnSync', file: 'echo', args: [], stdio: ['pipe', 'pipe', 'pipe']}`,
		`{api: 'child_process.spawnSync', file: 'echo', args: ['echo', 'a\u0000b'], stdio: ['pipe', 'pipe', 'pipe']}`,
	} {
		if _, err := h.vm.RunString(`binding.spawnSync(` + opts + `)`); err == nil {
			t.Errorf("binding.spawnSync(%s) did not throw", opts)
		}
	}
	if len(h.checks) != 0 {
		t.Fatalf("malformed requests reached the gate: %+v", h.checks)
	}
}
