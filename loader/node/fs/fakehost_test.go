package fs

import (
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/dop251/goja"

	"github.com/pkgbox/pkgbox/loader/node/host"
	"github.com/pkgbox/pkgbox/loader/node/lib"
	"github.com/pkgbox/pkgbox/policy"
)

// fakeHost is a host.Host whose gate is a Go function, for testing what fs asks the gate and what
// it does with the answer. It evaluates loader/node/lib's builtins and fs in one plain goja
// runtime with a small event loop (no lockdown: the loader's own tests cover that).
type fakeHost struct {
	vm      *goja.Runtime
	cwd     string
	allow   func(capability, path string) bool
	checks  []string // "fs.read /abs (api)" for every Check
	modules map[string]goja.Value
	libBind *goja.Object
	process *goja.Object
	buffer  goja.Value

	ticks []func()
	mu    sync.Mutex
	post  []func()
	held  int
	wake  chan struct{}
}

func newFakeHost(t testing.TB, cwd string, allow func(capability, path string) bool) *fakeHost {
	vm := goja.New()
	h := &fakeHost{vm: vm, cwd: cwd, allow: allow, modules: map[string]goja.Value{}, wake: make(chan struct{}, 1)}
	h.libBind = lib.Binding(vm)
	h.process = vm.NewObject()
	_ = h.process.Set("nextTick", h.Func("nextTick", 1, func(call goja.FunctionCall) goja.Value {
		fn, _ := goja.AssertFunction(call.Argument(0))
		args := append([]goja.Value(nil), call.Arguments[1:]...)
		h.ticks = append(h.ticks, func() { h.call(fn, args...) })
		return goja.Undefined()
	}))
	_ = h.process.Set("cwd", func() string { return cwd })
	_ = h.process.Set("env", vm.NewObject())
	_ = h.process.Set("platform", "linux")
	_ = h.process.Set("versions", vm.NewObject())
	// The globals readable-stream looks up when it loads; the loader provides real ones.
	if _, err := vm.RunString(`class EventTarget { addEventListener() {} removeEventListener() {} }
		class AbortSignal extends EventTarget { static any() { return new AbortSignal(); } }
		class AbortController { constructor() { this.signal = new AbortSignal(); } abort() {} }
		globalThis.EventTarget = EventTarget; globalThis.AbortSignal = AbortSignal; globalThis.AbortController = AbortController;`); err != nil {
		t.Fatal(err)
	}
	h.buffer = goja.Undefined()
	h.buffer = h.Require("buffer").ToObject(vm).Get("Buffer")
	_ = vm.Set("Buffer", h.buffer)
	_ = vm.Set("process", h.process)
	return h
}

func (h *fakeHost) VM() *goja.Runtime { return h.vm }
func (h *fakeHost) Package() host.Package {
	return host.Package{Name: "pkg", Version: "1.0.0", Dir: "/pkg"}
}
func (h *fakeHost) Cwd() string   { return h.cwd }
func (h *fakeHost) Env() []string { return nil }

func (h *fakeHost) Check(capability string, r policy.Resource, api string) *goja.Object {
	h.checks = append(h.checks, fmt.Sprintf("%s %s (%s)", capability, r.Path, api))
	if h.allow(capability, r.Path) {
		return nil
	}
	e := h.vm.NewGoError(fmt.Errorf("pkgbox: denied: %s %q (%s)", capability, r.Path, api))
	_ = e.Set("code", "ERR_PKGBOX_DENIED")
	return e
}

func (h *fakeHost) Require(name string) goja.Value {
	if m, ok := h.modules[name]; ok {
		return m
	}
	var src string
	var bind goja.Value = h.libBind
	found := false
	for _, b := range Builtins() {
		if b.Name == name {
			src, found = b.Source, true
			if b.Binding != nil {
				bind = b.Binding(h)
			}
		}
	}
	if !found {
		var ok bool
		if src, ok = lib.Source(name); !ok {
			panic(h.vm.NewTypeError("fakehost: no builtin " + name))
		}
	}
	fnv, err := h.vm.RunProgram(compiled(name, src))
	if err != nil {
		panic(err)
	}
	fn, _ := goja.AssertFunction(fnv)
	module, exports := h.vm.NewObject(), h.vm.NewObject()
	_ = module.Set("exports", exports)
	h.modules[name] = exports
	timer := h.Func("setTimeout", 2, func(call goja.FunctionCall) goja.Value {
		f, _ := goja.AssertFunction(call.Argument(0))
		h.ticks = append(h.ticks, func() { h.call(f) })
		return h.vm.NewObject()
	})
	noop := h.Func("clear", 1, func(goja.FunctionCall) goja.Value { return goja.Undefined() })
	req := h.Func("require", 1, func(call goja.FunctionCall) goja.Value { return h.Require(call.Argument(0).String()) })
	if _, err := fn(goja.Undefined(), exports, req, module, h.vm.ToValue("node:"+name), h.vm.ToValue("."),
		h.vm.GlobalObject(), h.process, h.buffer, timer, noop, timer, noop, timer, noop, timer, bind); err != nil {
		delete(h.modules, name)
		panic(err)
	}
	h.modules[name] = module.Get("exports")
	return h.modules[name]
}

var (
	programsMu sync.Mutex
	programs   = map[string]*goja.Program{}
)

// compiled compiles each builtin once per test binary, as the loader does once per process.
func compiled(name, src string) *goja.Program {
	programsMu.Lock()
	defer programsMu.Unlock()
	if p, ok := programs[name]; ok {
		return p
	}
	p := goja.MustCompile("node:"+name, "(function (exports, require, module, __filename, __dirname, global, process, Buffer, setTimeout, clearTimeout, setInterval, clearInterval, setImmediate, clearImmediate, queueMicrotask, binding) {"+src+"\n})", true)
	programs[name] = p
	return p
}

func (h *fakeHost) call(fn goja.Callable, args ...goja.Value) {
	if _, err := fn(goja.Undefined(), args...); err != nil {
		panic(err)
	}
}

func (h *fakeHost) Post(fn func()) {
	h.mu.Lock()
	h.post = append(h.post, fn)
	h.mu.Unlock()
	select {
	case h.wake <- struct{}{}:
	default:
	}
}

func (h *fakeHost) Hold() func() {
	h.mu.Lock()
	h.held++
	h.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			h.mu.Lock()
			h.held--
			h.mu.Unlock()
			h.Post(func() {})
		})
	}
}

func (h *fakeHost) NewBuffer(b []byte) *goja.Object {
	from, _ := goja.AssertFunction(h.buffer.ToObject(h.vm).Get("from"))
	v, err := from(h.buffer, h.vm.ToValue(h.vm.NewArrayBuffer(b)))
	if err != nil {
		panic(err)
	}
	return v.(*goja.Object)
}

func (h *fakeHost) Func(name string, length int, fn func(goja.FunctionCall) goja.Value) *goja.Object {
	f := h.vm.ToValue(func(call goja.FunctionCall) goja.Value {
		defer func() {
			if x := recover(); x != nil {
				switch x.(type) {
				case *goja.Object, *goja.Exception, goja.Value:
					panic(x)
				}
				panic(h.vm.NewTypeError(fmt.Sprintf("%s: internal error: %v", name, x)))
			}
		}()
		return fn(call)
	}).(*goja.Object)
	return f
}

// run evaluates code as function(fs, print) and runs the loop until idle; it returns what print
// received, in order.
func (h *fakeHost) run(t testing.TB, code string) []string {
	t.Helper()
	var out []string
	fnv, err := h.vm.RunString("(function (fs, print) {" + code + "\n})")
	if err != nil {
		t.Fatal(err)
	}
	fn, _ := goja.AssertFunction(fnv)
	print := h.Func("print", 1, func(call goja.FunctionCall) goja.Value {
		out = append(out, call.Argument(0).String())
		return goja.Undefined()
	})
	if _, err := fn(goja.Undefined(), h.Require("fs"), print); err != nil {
		t.Fatalf("script: %v", err)
	}
	for {
		for len(h.ticks) > 0 {
			tk := h.ticks[0]
			h.ticks = h.ticks[1:]
			tk()
		}
		h.mu.Lock()
		posted, held := h.post, h.held
		h.post = nil
		h.mu.Unlock()
		for _, p := range posted {
			p()
		}
		if len(posted) > 0 || len(h.ticks) > 0 {
			continue
		}
		if held == 0 {
			return out
		}
		<-h.wake
	}
}

var _ host.Host = (*fakeHost)(nil)

func mustWrite(t testing.TB, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
