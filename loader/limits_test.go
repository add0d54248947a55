package loader_test

import (
	"bytes"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"github.com/pkgbox/pkgbox/loader"
)

// runLimited runs app.js of dir with a memory limit and a time limit.
func runLimited(t *testing.T, dir string, memMB int64, timeout time.Duration) runResult {
	t.Helper()
	var out, errb bytes.Buffer
	rt, err := loader.New(loader.Options{Env: fixtureEnv, Cwd: dir, Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""), CacheDir: cacheDir(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer rt.SetTimeout(timeout)()
	if memMB > 0 {
		// The limit counts the whole process's heap, and this test process also holds what earlier
		// tests left alive (caches, runtimes not yet collected): measure from that baseline.
		runtime.GC()
		live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		metrics.Read(live)
		defer rt.SetMemoryLimit(int64(live[0].Value.Uint64()) + memMB<<20)()
	}
	code, err := rt.Run(filepath.Join(dir, "app.js"))
	if err != nil {
		t.Fatal(err)
	}
	return runResult{out.String(), errb.String(), code}
}

// Heap bombs end with status 137 before they can report success: the doubling bomb builds its
// big string in one native step (no instruction boundary to interrupt), so this checks the
// synchronous check on output; the repeat bomb checks the size check of String.prototype.repeat;
// the object bomb checks the monitor. Not parallel: the heap is the test process's.
func TestMemoryLimitStopsHeapBombs(t *testing.T) {
	bombs := map[string]string{
		"doubling": "var s = 'x'; for (var i = 0; i < 28; i++) s = s + s; console.log('SURVIVED', s.indexOf('y'));",
		"repeat":   "var r = 'x'.repeat(2 ** 29 - 24); console.log('SURVIVED', r.length);",
		"padEnd":   "var r = 'ab'.padEnd(2 ** 28, 'é'); console.log('SURVIVED', r.length);",
		"objects":  "var a = []; for (;;) a.push({ i: a.length, s: 'k' + a.length }); console.log('SURVIVED');",
		"arrays":   "var a = []; for (var i = 0; i < 1e9; i++) a.push(new Array(1000).fill(i)); console.log('SURVIVED');",
	}
	for name, src := range bombs {
		t.Run(name, func(t *testing.T) {
			dir := writeApp(t, map[string]string{"app.js": "console.log('START');\n" + src})
			got := runLimited(t, dir, 128, 60*time.Second)
			if strings.Contains(got.stdout, "SURVIVED") || got.code != 137 || !strings.Contains(got.stderr, "the run exceeded its memory limit (--memory-limit ") {
				t.Fatalf("exit %d\nstdout: %s\nstderr: %s", got.code, got.stdout, got.stderr)
			}
			if !strings.HasPrefix(got.stdout, "START") {
				t.Fatalf("the app did not start: %q", got.stdout)
			}
		})
	}
}

// A run under its limit is not disturbed by it.
func TestMemoryLimitLetsSmallRunsFinish(t *testing.T) {
	dir := writeApp(t, map[string]string{"app.js": "var a = []; for (var i = 0; i < 1e5; i++) a.push({ i }); console.log('done', 'x'.repeat(1 << 21).length);"})
	got := runLimited(t, dir, 256, 60*time.Second)
	if got.code != 0 || got.stdout != "done 2097152\n" {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", got.code, got.stdout, got.stderr)
	}
}

// The time limit stops a busy loop, a timer storm and a microtask storm with status 124.
func TestTimeoutStopsLoops(t *testing.T) {
	for name, src := range map[string]string{
		"loop":       "for (;;) {}",
		"timers":     "(function f() { setTimeout(f, 0); })();",
		"microtasks": "(function f() { Promise.resolve().then(f); })();",
		"regexp":     "console.log(/^(a+)+(?=c)/.test('a'.repeat(40) + 'b'));",
	} {
		t.Run(name, func(t *testing.T) {
			dir := writeApp(t, map[string]string{"app.js": src})
			got := runLimited(t, dir, 0, 300*time.Millisecond)
			if got.code != 124 || !strings.Contains(got.stderr, "time limit") {
				t.Fatalf("exit %d\nstdout: %s\nstderr: %s", got.code, got.stdout, got.stderr)
			}
		})
	}
}
