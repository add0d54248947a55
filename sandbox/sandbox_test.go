package sandbox_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pkgbox/pkgbox/internal/fixturetree"
	"github.com/pkgbox/pkgbox/sandbox"
)

const fixture = "../fixtures/sandbox"

func open(t *testing.T, dir string, opts sandbox.Options) *sandbox.Sandbox {
	t.Helper()
	if opts.CacheDir == "" {
		opts.CacheDir = t.TempDir()
	}
	s, err := sandbox.Open(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func call(t *testing.T, s *sandbox.Sandbox, export string, args ...any) any {
	t.Helper()
	v, err := s.Call(context.Background(), "fns.js", export, args...)
	if err != nil {
		t.Fatalf("%s: %v", export, err)
	}
	return v
}

func jsError(t *testing.T, err error) *sandbox.Error {
	t.Helper()
	var e *sandbox.Error
	if !errors.As(err, &e) {
		t.Fatalf("want a *sandbox.Error, got %T: %v", err, err)
	}
	return e
}

func TestCallsStartFresh(t *testing.T) {
	s := open(t, fixture, sandbox.Options{Runtimes: 1}) // one runtime: every call reuses it
	for i := 0; i < 3; i++ {
		if got := call(t, s, "counter"); got != 1.0 {
			t.Errorf("call %d: module state survived: counter = %v, want 1", i, got)
		}
		if got := call(t, s, "depCounter"); got != 1.0 {
			t.Errorf("call %d: a dependency's module state survived: %v, want 1", i, got)
		}
	}
	if got := call(t, s, "pollute"); got == "accepted" {
		t.Errorf("Object.prototype accepted a write")
	}
	got := call(t, s, "observe")
	want := map[string]any{"leaked": "undefined", "leaked2": "undefined", "env": "undefined",
		"stackTraceLimit": 10.0, "proto": "undefined", "push": 2.0}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("state leaked into the next call:\n got %v\nwant %v", got, want)
	}
}

func TestTimersOfAFinishedCallNeverRun(t *testing.T) {
	var out bytes.Buffer
	s := open(t, fixture, sandbox.Options{Runtimes: 1, Stdout: &out})
	if got := call(t, s, "leaveInterval"); got != "left" {
		t.Fatalf("leaveInterval = %v", got)
	}
	if got := call(t, s, "wait", 30); got != "waited" {
		t.Fatalf("wait = %v", got)
	}
	if strings.Contains(out.String(), "tick") {
		t.Errorf("an interval of a finished call ran during the next one:\n%s", out.String())
	}
}

func TestModuleKinds(t *testing.T) {
	s := open(t, fixture, sandbox.Options{})
	ctx := context.Background()
	for _, tc := range []struct {
		file, export string
		args         []any
		want         any
	}{
		{"esm.mjs", "default", []any{"world"}, "hello world"},
		{"esm.mjs", "twice", []any{21}, 42.0},
		{"rules.ts", "discount", []any{map[string]any{"total": 150, "items": []string{"a", "b"}}}, 0.1},
		{"whole.js", "", []any{7}, "module.exports called with 7"},
		{"whole.js", "default", []any{8}, "module.exports called with 8"},
		{"fns", "asyncAdd", []any{2, 3}, 5.0},
	} {
		got, err := s.Call(ctx, tc.file, tc.export, tc.args...)
		if err != nil {
			t.Errorf("%s %s: %v", tc.file, tc.export, err)
			continue
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s %s = %#v, want %#v", tc.file, tc.export, got, tc.want)
		}
	}
}

func TestBadCallsNameTheFileAndExport(t *testing.T) {
	s := open(t, fixture, sandbox.Options{})
	ctx := context.Background()
	for _, tc := range []struct{ file, export, want string }{
		{"fns.js", "nope", `export "nope" of fns.js must be a function`},
		{"missing.js", "f", "missing.js"},
		{"../outside.js", "f", "expected a module inside"},
		{"/etc/passwd", "f", "expected a module inside"},
		{"fs", "readFileSync", "fs"},
	} {
		_, err := s.Call(ctx, tc.file, tc.export)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Call(%q, %q) = %v, want an error containing %q", tc.file, tc.export, err, tc.want)
		}
	}
}

func TestValuesCrossByStructuredClone(t *testing.T) {
	s := open(t, fixture, sandbox.Options{})
	when := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	big1, _ := new(big.Int).SetString("-98765432109876543210", 10)
	args := []any{
		nil, sandbox.Undefined, true, "text", 1.5, 42, int64(-7), uint8(200), big1, when,
		[]byte{1, 2, 3}, sandbox.ArrayBuffer{9}, sandbox.Uint8Clamped{255}, []float64{0.25}, []int32{-1, 2},
		[]int64{-5}, []uint64{5}, []float32{0.5}, []int16{-3}, []uint16{3}, []uint32{4}, []int8{-8},
		sandbox.Map{{Key: 1.0, Value: "one"}, {Key: "k", Value: []any{}}}, sandbox.Set{"a", 2.0},
		&sandbox.RegExp{Source: "x+", Flags: "g"},
		map[string]any{"__proto__": "own key", "nested": map[string]any{"list": []any{1.0, nil}}},
		[]string{"typed", "slice"}, map[string]int{"n": 1},
		&sandbox.Error{Name: "TypeError", Message: "m", Code: "E_X", Cause: "c"},
	}
	got := call(t, s, "echo", args...)
	want := []any{
		nil, sandbox.Undefined, true, "text", 1.5, 42.0, -7.0, 200.0, big1, when.UTC(),
		[]byte{1, 2, 3}, sandbox.ArrayBuffer{9}, sandbox.Uint8Clamped{255}, []float64{0.25}, []int32{-1, 2},
		[]int64{-5}, []uint64{5}, []float32{0.5}, []int16{-3}, []uint16{3}, []uint32{4}, []int8{-8},
		sandbox.Map{{Key: 1.0, Value: "one"}, {Key: "k", Value: []any{}}}, sandbox.Set{"a", 2.0},
		&sandbox.RegExp{Source: "x+", Flags: "g"},
		map[string]any{"__proto__": "own key", "nested": map[string]any{"list": []any{1.0, nil}}},
		[]any{"typed", "slice"}, map[string]any{"n": 1.0},
	}
	list, ok := got.([]any)
	if !ok || len(list) != len(args) {
		t.Fatalf("echo returned %#v", got)
	}
	for i := range want {
		if !reflect.DeepEqual(list[i], want[i]) {
			t.Errorf("argument %d came back as %#v, want %#v", i+1, list[i], want[i])
		}
	}
	e, ok := list[len(list)-1].(*sandbox.Error)
	if !ok || e.Name != "TypeError" || e.Message != "m" || e.Code != "E_X" || e.Cause != "c" {
		t.Errorf("error came back as %#v", list[len(list)-1])
	}

	v := call(t, s, "values").(map[string]any)
	checks := map[string]any{
		"map":     sandbox.Map{{Key: 1.0, Value: "one"}, {Key: "two", Value: map[string]any{"n": 2.0}}},
		"set":     sandbox.Set{"a", 1.0},
		"date":    time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC),
		"bytes":   []byte("hi"),
		"floats":  []float64{1.5, -2},
		"clamped": sandbox.Uint8Clamped{44, 7},
		"re":      &sandbox.RegExp{Source: "a+b", Flags: "gi"},
		"nested":  map[string]any{"list": []any{1.0, sandbox.Undefined, 3.0}, "nothing": nil, "undef": sandbox.Undefined},
		"buf":     sandbox.ArrayBuffer{0, 0},
		"boxed":   "boxed",
	}
	for k, w := range checks {
		got := v[k]
		if d, ok := got.(time.Time); ok {
			got = d.UTC()
		}
		if !reflect.DeepEqual(got, w) {
			t.Errorf("%s = %#v, want %#v", k, v[k], w)
		}
	}
	if b, _ := new(big.Int).SetString("12345678901234567890", 10); v["big"].(*big.Int).Cmp(b) != 0 {
		t.Errorf("big = %v", v["big"])
	}
	if e, ok := v["err"].(*sandbox.Error); !ok || e.Name != "TypeError" || e.Message != "bad" || e.Cause != "why" || !strings.Contains(e.Stack, "fns.js") {
		t.Errorf("err = %#v", v["err"])
	}
}

func TestValuesThatDoNotCross(t *testing.T) {
	s := open(t, fixture, sandbox.Options{})
	for export, want := range map[string]string{
		"returnFunction":      "the result.f: a function could not be cloned",
		"returnSymbol":        "the result[0]: a symbol could not be cloned",
		"returnCycle":         "the result.self: a value that contains itself could not be cloned",
		"returnPromiseInside": "the result.p: a Promise could not be cloned",
		"returnProxy":         "a Proxy could not be cloned",
		"throwingGetter":      "getter threw",
	} {
		_, err := s.Call(context.Background(), "fns.js", export)
		if e := jsError(t, err); e.Name != "DataCloneError" || !strings.Contains(e.Message, want) {
			t.Errorf("%s: %v, want DataCloneError containing %q", export, err, want)
		}
	}
	type goStruct struct{ Secret func() }
	for _, arg := range []any{goStruct{}, &goStruct{}, func() {}, make(chan int), int64(1) << 60, map[int]string{1: "x"}} {
		_, err := s.Call(context.Background(), "fns.js", "echo", arg)
		if e := jsError(t, err); e.Name != "DataCloneError" || !strings.Contains(e.Message, "argument 1") {
			t.Errorf("%T went in: %v", arg, err)
		}
	}
	loop := map[string]any{}
	loop["self"] = loop
	if _, err := s.Call(context.Background(), "fns.js", "echo", loop); err == nil || !strings.Contains(err.Error(), "nested deeper") {
		t.Errorf("a map containing itself: %v", err)
	}
}

func TestErrorsCarryNameMessageAndStack(t *testing.T) {
	s := open(t, fixture, sandbox.Options{})
	ctx := context.Background()
	_, err := s.Call(ctx, "fns.js", "throwType")
	e := jsError(t, err)
	if e.Name != "TypeError" || e.Message == "" || !strings.HasPrefix(e.Stack, "TypeError: ") || !strings.Contains(e.Stack, "    at ") ||
		!strings.Contains(e.Stack, "fns.js:") || strings.Contains(e.Stack, "internal/loop") {
		t.Errorf("throwType: %#v", e)
	}
	_, err = s.Call(ctx, "fns.js", "throwString")
	if e := jsError(t, err); e.Name != "" || e.Value != "plain string" || err.Error() != "uncaught plain string" {
		t.Errorf("throwString: %#v (%v)", e, err)
	}
	_, err = s.Call(ctx, "fns.js", "rejectLater")
	if e := jsError(t, err); e.Name != "RangeError" || e.Message != "later" {
		t.Errorf("rejectLater: %v", err)
	}
	_, err = s.Call(ctx, "fns.js", "throwInTimer")
	if e := jsError(t, err); e.Message != "from a timer" {
		t.Errorf("throwInTimer: %v", err)
	}
	_, err = s.Call(ctx, "fns.js", "recurse", 0)
	if e := jsError(t, err); e.Name != "RangeError" || !strings.Contains(e.Message, "call stack") {
		t.Errorf("recurse: %v", err)
	}
	if got := call(t, s, "add", 1, 2); got != 3.0 {
		t.Errorf("after errors the pool answers %v", got)
	}
}

func TestLimitsEndCallsAndThePoolStaysHealthy(t *testing.T) {
	s := open(t, fixture, sandbox.Options{Runtimes: 1, Timeout: 300 * time.Millisecond})
	ctx := context.Background()
	for _, export := range []string{"loop", "pendingTimer", "regexpBomb"} {
		start := time.Now()
		_, err := s.Call(ctx, "fns.js", export)
		if !errors.Is(err, sandbox.ErrTimeout) {
			t.Errorf("%s: %v, want ErrTimeout", export, err)
		}
		if d := time.Since(start); d > 20*time.Second {
			t.Errorf("%s: the limit took %v to end the call", export, d)
		}
		if got := call(t, s, "add", 2, 2); got != 4.0 {
			t.Errorf("after %s the pool answers %v", export, got)
		}
	}
	if _, err := s.Call(ctx, "fns.js", "neverSettles"); !errors.Is(err, sandbox.ErrNeverSettles) {
		t.Errorf("neverSettles: %v", err)
	}

	cctx, cancel := context.WithCancel(ctx)
	time.AfterFunc(50*time.Millisecond, cancel)
	if _, err := s.Call(cctx, "fns.js", "loop"); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled loop: %v, want context.Canceled", err)
	}
	dctx, stop := context.WithTimeout(ctx, 50*time.Millisecond)
	defer stop()
	if _, err := s.Call(dctx, "fns.js", "pendingTimer"); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("deadline: %v, want context.DeadlineExceeded", err)
	}
	if got := call(t, s, "counter"); got != 1.0 {
		t.Errorf("after cancellations the pool answers %v", got)
	}
}

func TestMemoryLimit(t *testing.T) {
	s := open(t, fixture, sandbox.Options{Runtimes: 1, MemoryLimit: 64 << 20, Timeout: time.Minute})
	if _, err := s.Call(context.Background(), "fns.js", "memoryBomb"); !errors.Is(err, sandbox.ErrMemoryLimit) {
		t.Errorf("memoryBomb: %v, want ErrMemoryLimit", err)
	}
	if got := call(t, s, "add", 1, 1); got != 2.0 {
		t.Errorf("after the memory limit the pool answers %v", got)
	}
}

func TestNoCapabilityUnlessGranted(t *testing.T) {
	t.Setenv("PKGBOX_HOST_SECRET", "host-only")
	secret := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(secret, []byte("top secret"), 0o600); err != nil {
		t.Fatal(err)
	}
	s := open(t, fixture, sandbox.Options{Env: []string{"VISIBLE=yes"}})
	ctx := context.Background()
	for _, tc := range []struct {
		export string
		args   []any
	}{
		{"readFile", []any{secret}},
		{"readFile", []any{"data/info.txt"}},
		{"depReadFile", []any{secret}},
		{"spawn", nil},
		{"connect", nil},
		{"exit", nil},
	} {
		_, err := s.Call(ctx, "fns.js", tc.export, tc.args...)
		if e := jsError(t, err); e.Code != "ERR_PKGBOX_DENIED" {
			t.Errorf("%s%v: %v, want ERR_PKGBOX_DENIED", tc.export, tc.args, err)
		}
	}
	for _, name := range []string{"PKGBOX_HOST_SECRET", "VISIBLE", "HOME"} {
		if got := call(t, s, "env", name); got != sandbox.Undefined {
			t.Errorf("process.env.%s = %v without env.read", name, got)
		}
	}
}

func TestManifestGrantsTheFolderAndItsPackages(t *testing.T) {
	dir := fixturetree.Copy(t, fixture)
	manifest := `{
  "app": { "fs.read": ["data/**"], "env.read": ["VISIBLE"], "process.control": true },
  "packages": { "counter-dep": { "fs.read": ["data/info.txt"] } }
}
`
	if err := os.WriteFile(filepath.Join(dir, "pkgbox.json"), []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	s := open(t, dir, sandbox.Options{Env: []string{"VISIBLE=yes", "HIDDEN=no"}})
	if got := call(t, s, "readFile", "data/info.txt"); got != "granted data\n" {
		t.Errorf("granted read = %v", got)
	}
	if got := call(t, s, "depReadFile", filepath.Join(dir, "data/info.txt")); got != "granted data\n" {
		t.Errorf("granted package read = %v", got)
	}
	if _, err := s.Call(context.Background(), "fns.js", "readFile", "package.json"); jsError(t, err).Code != "ERR_PKGBOX_DENIED" {
		t.Errorf("read outside the grant: %v", err)
	}
	if got := call(t, s, "env", "VISIBLE"); got != "yes" {
		t.Errorf("granted env = %v", got)
	}
	if got := call(t, s, "env", "HIDDEN"); got != sandbox.Undefined {
		t.Errorf("env outside the grant = %v", got)
	}
	if _, err := s.Call(context.Background(), "fns.js", "exit"); !errors.Is(err, sandbox.ErrExit) {
		t.Errorf("granted process.exit: %v, want ErrExit", err)
	}
	if got := call(t, s, "counter"); got != 1.0 {
		t.Errorf("after process.exit the pool answers %v", got)
	}
}

func TestBadManifestFailsOpen(t *testing.T) {
	dir := fixturetree.Copy(t, fixture)
	if err := os.WriteFile(filepath.Join(dir, "pkgbox.json"), []byte(`{"app": {"fs.raed": true}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := sandbox.Open(dir, sandbox.Options{CacheDir: t.TempDir()})
	if err == nil || !strings.Contains(err.Error(), "pkgbox.json") || !strings.Contains(err.Error(), "fs.raed") {
		t.Errorf("Open with a bad manifest: %v", err)
	}
	if _, err := sandbox.Open(filepath.Join(dir, "fns.js"), sandbox.Options{}); err == nil || !strings.Contains(err.Error(), "expected a folder") {
		t.Errorf("Open on a file: %v", err)
	}
}

func TestConcurrentCalls(t *testing.T) {
	var out bytes.Buffer
	s := open(t, fixture, sandbox.Options{Runtimes: 3, Timeout: 5 * time.Second, Stdout: &out})
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 10; i++ {
				ctx := context.Background()
				if v, err := s.Call(ctx, "fns.js", "add", g, i); err != nil || v != float64(g+i) {
					errs <- fmt.Errorf("add(%d,%d) = %v, %v", g, i, v, err)
				}
				if v, err := s.Call(ctx, "fns.js", "counter"); err != nil || v != 1.0 {
					errs <- fmt.Errorf("counter = %v, %v", v, err)
				}
				if i%5 == 0 {
					if _, err := s.Call(ctx, "fns.js", "throwType"); err == nil {
						errs <- fmt.Errorf("throwType returned no error")
					}
					if _, err := s.Call(ctx, "fns.js", "log", "line"); err != nil {
						errs <- err
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := strings.Count(out.String(), "line\n"); n != 16 {
		t.Errorf("console output: %d lines, want 16", n)
	}
}

func TestClosedSandbox(t *testing.T) {
	s := open(t, fixture, sandbox.Options{})
	_ = s.Close()
	if _, err := s.Call(context.Background(), "fns.js", "add", 1, 2); !errors.Is(err, sandbox.ErrClosed) {
		t.Errorf("Call after Close: %v", err)
	}
}
