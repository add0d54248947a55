// Package testhost is a minimal host.Host for testing Go-backed builtins outside the loader: one goja
// runtime, a require over a fixed set of builtins, Buffers that are plain Uint8Arrays and a small event
// loop. It exists so that the crypto and zlib builtins can be tested (and compared with node) before
// and independently of the real loader and of the pure-JS builtins.
package testhost

import (
	"os"

	_ "embed"
	"fmt"
	"github.com/pkgbox/pkgbox/policy"
	"sync"

	"github.com/dop251/goja"

	"github.com/pkgbox/pkgbox/loader/node/host"
)

//go:embed stream.js
var streamSource string

//go:embed events.js
var eventsSource string

// Host implements host.Host for tests. It is not safe for use by more than one test at a time.
type Host struct {
	vm       *goja.Runtime
	builtins map[string]host.Builtin
	modules  map[string]goja.Value
	process  *goja.Object

	// tasks run on the JavaScript goroutine in order; ticks run before the next task.
	tasks []func()
	ticks []func()

	mu      sync.Mutex
	posted  []func()
	wake    chan struct{}
	holding int
}

// New makes a host whose require knows the given builtins plus stand-ins for "events" and
// "stream" (just enough of Node's Transform for the zlib streams).
func New(sets ...[]host.Builtin) *Host {
	h := &Host{
		vm:       goja.New(),
		builtins: map[string]host.Builtin{},
		modules:  map[string]goja.Value{},
		wake:     make(chan struct{}, 1),
	}
	h.builtins["events"] = host.Builtin{Name: "events", Source: eventsSource}
	h.builtins["stream"] = host.Builtin{Name: "stream", Source: streamSource}
	for _, set := range sets {
		for _, b := range set {
			h.builtins[b.Name] = b
		}
	}
	h.process = h.vm.NewObject()
	must(h.process.Set("nextTick", h.Func("nextTick", 1, func(call goja.FunctionCall) goja.Value {
		fn, ok := goja.AssertFunction(call.Argument(0))
		if !ok {
			panic(h.vm.NewTypeError("nextTick: callback must be a function"))
		}
		args := append([]goja.Value(nil), call.Arguments[1:]...)
		h.ticks = append(h.ticks, func() { h.call(fn, args...) })
		return goja.Undefined()
	})))
	return h
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

// VM implements host.Host.
func (h *Host) VM() *goja.Runtime { return h.vm }

// Package implements host.Host.
func (h *Host) Package() host.Package { return host.Package{Name: "app", App: true, Dir: "/app"} }

// Check allows everything: the stand-in host is the app, which has every capability.
func (h *Host) Check(string, policy.Resource, string) *goja.Object { return nil }

// Cwd is the test process's working directory.
func (h *Host) Cwd() string { d, _ := os.Getwd(); return d }

// Env is the test process's environment.
func (h *Host) Env() []string { return os.Environ() }

// Require implements host.Host: it evaluates a builtin once, with the loader's wrapper.
func (h *Host) Require(name string) goja.Value {
	if m, ok := h.modules[name]; ok {
		return m
	}
	b, ok := h.builtins[name]
	if !ok {
		panic(h.vm.NewTypeError(fmt.Sprintf("testhost: no builtin %q", name)))
	}
	prg, err := goja.Compile("node:"+name, "(function (exports, require, module, __filename, __dirname, global, process, Buffer, setTimeout, clearTimeout, setInterval, clearInterval, setImmediate, clearImmediate, queueMicrotask, binding) {"+b.Source+"\n})", true)
	if err != nil {
		panic(h.vm.NewTypeError(fmt.Sprintf("testhost: compile %s: %v", name, err)))
	}
	fnv, err := h.vm.RunProgram(prg)
	if err != nil {
		panic(err)
	}
	fn, _ := goja.AssertFunction(fnv)
	module := h.vm.NewObject()
	exports := h.vm.NewObject()
	must(module.Set("exports", exports))
	var bind goja.Value = goja.Undefined()
	if b.Binding != nil {
		bind = b.Binding(h)
	}
	req := h.Func("require", 1, func(call goja.FunctionCall) goja.Value {
		return h.Require(call.Argument(0).String())
	})
	immediate := h.Func("setImmediate", 1, func(call goja.FunctionCall) goja.Value { return h.schedule(call, 1) })
	timeout := h.Func("setTimeout", 2, func(call goja.FunctionCall) goja.Value { return h.schedule(call, 2) })
	noop := h.Func("clear", 1, func(goja.FunctionCall) goja.Value { return goja.Undefined() })
	microtask := h.Func("queueMicrotask", 1, func(call goja.FunctionCall) goja.Value {
		fn, _ := goja.AssertFunction(call.Argument(0))
		h.ticks = append(h.ticks, func() { h.call(fn) })
		return goja.Undefined()
	})
	if _, err := fn(goja.Undefined(), exports, req, module, h.vm.ToValue("node:"+name), h.vm.ToValue("."),
		h.vm.GlobalObject(), h.process, goja.Undefined(), timeout, noop, timeout, noop, immediate, noop,
		microtask, bind); err != nil {
		panic(err)
	}
	m := module.Get("exports")
	h.modules[name] = m
	return m
}

// schedule is setTimeout (firstArg 2) and setImmediate (firstArg 1): delays are ignored, order is
// kept.
func (h *Host) schedule(call goja.FunctionCall, firstArg int) goja.Value {
	fn, ok := goja.AssertFunction(call.Argument(0))
	if !ok {
		panic(h.vm.NewTypeError("testhost: timer callback must be a function"))
	}
	var args []goja.Value
	if len(call.Arguments) > firstArg {
		args = append(args, call.Arguments[firstArg:]...)
	}
	h.tasks = append(h.tasks, func() { h.call(fn, args...) })
	return goja.Undefined()
}

func (h *Host) call(fn goja.Callable, args ...goja.Value) {
	if _, err := fn(goja.Undefined(), args...); err != nil {
		panic(err)
	}
}

// Post implements host.Host.
func (h *Host) Post(fn func()) {
	h.mu.Lock()
	h.posted = append(h.posted, fn)
	h.mu.Unlock()
	select {
	case h.wake <- struct{}{}:
	default:
	}
}

// Hold implements host.Host.
func (h *Host) Hold() func() {
	h.mu.Lock()
	h.holding++
	h.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			h.mu.Lock()
			h.holding--
			h.mu.Unlock()
			select {
			case h.wake <- struct{}{}:
			default:
			}
		})
	}
}

// NewBuffer implements host.Host with a plain Uint8Array.
func (h *Host) NewBuffer(b []byte) *goja.Object {
	ctor := h.vm.Get("Uint8Array").(*goja.Object)
	o, err := h.vm.New(ctor, h.vm.ToValue(h.vm.NewArrayBuffer(b)))
	if err != nil {
		panic(err)
	}
	return o
}

// Func implements host.Host: Go panics that are not JavaScript values become TypeErrors.
func (h *Host) Func(name string, length int, fn func(call goja.FunctionCall) goja.Value) *goja.Object {
	f := h.vm.ToValue(func(call goja.FunctionCall) (ret goja.Value) {
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
	must(f.DefineDataProperty("name", h.vm.ToValue(name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE))
	must(f.DefineDataProperty("length", h.vm.ToValue(length), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE))
	return f
}

// Run runs the loop until nothing is scheduled and nothing holds it. A JavaScript exception in a
// task ends the run and is returned.
func (h *Host) Run() (err error) {
	defer func() {
		if x := recover(); x != nil {
			if e, ok := x.(error); ok {
				err = e
				return
			}
			panic(x)
		}
	}()
	for {
		for len(h.ticks) > 0 {
			t := h.ticks[0]
			h.ticks = h.ticks[1:]
			t()
		}
		h.mu.Lock()
		posted := h.posted
		h.posted = nil
		holding := h.holding
		h.mu.Unlock()
		for _, p := range posted {
			p()
			for len(h.ticks) > 0 {
				t := h.ticks[0]
				h.ticks = h.ticks[1:]
				t()
			}
		}
		if len(h.tasks) > 0 {
			t := h.tasks[0]
			h.tasks = h.tasks[1:]
			t()
			continue
		}
		if len(posted) > 0 || len(h.ticks) > 0 {
			continue
		}
		if holding == 0 {
			h.mu.Lock()
			n := len(h.posted)
			h.mu.Unlock()
			if n == 0 {
				return nil
			}
			continue
		}
		<-h.wake
	}
}

var _ host.Host = (*Host)(nil)
