package web

import (
	"fmt"
	"github.com/pkgbox/pkgbox/policy"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"github.com/pkgbox/pkgbox/loader/node/host"
)

// harness is a stand-in for the loader: one goja runtime whose intrinsics are deep-frozen first,
// the builtins of this package evaluated on demand with the loader's wrapper, a virtual-time
// timer queue and a nextTick queue. It implements host.Host.
type harness struct {
	t        testing.TB
	vm       *goja.Runtime
	builtins map[string]host.Builtin
	modules  map[string]goja.Value
	out      strings.Builder

	process   *goja.Object
	ticks     []func()
	timers    []*timer
	now       float64
	seq       int
	uncaught  goja.Callable
	warning   goja.Callable
	posted    []func()
	holds     int
	timerFunc map[string]goja.Value
}

type timer struct {
	id       int
	due      float64
	seq      int
	interval float64
	fn       goja.Callable
	args     []goja.Value
	ref      bool
	obj      *goja.Object
	cleared  bool
}

var wrapperParams = []string{"exports", "require", "module", "__filename", "__dirname", "global",
	"process", "Buffer", "setTimeout", "clearTimeout", "setInterval", "clearInterval",
	"setImmediate", "clearImmediate", "queueMicrotask", "binding"}

func newHarness(t testing.TB) *harness {
	t.Helper()
	h := &harness{t: t, vm: goja.New(), builtins: map[string]host.Builtin{}, modules: map[string]goja.Value{}}
	h.vm.SetMaxCallStackSize(5000) // runaway recursion fails the test instead of eating memory
	for _, b := range Builtins() {
		h.builtins[b.Name] = b
	}
	h.freezeIntrinsics()
	h.makeProcess()
	h.makeTimers()
	return h
}

// freezeIntrinsics deep-freezes everything reachable from the global object's own properties,
// the way lockdown does before any builtin runs (without SES's override taming, which is stricter:
// code that assigns an inherited frozen property such as err.name fails here).
func (h *harness) freezeIntrinsics() {
	_, err := h.vm.RunString(`(function () {
		'use strict';
		const seen = new Set();
		const roots = Object.getOwnPropertyNames(globalThis).map((k) => globalThis[k]);
		roots.push(Object.getPrototypeOf(function* () {}), Object.getPrototypeOf(async function () {}),
			Object.getPrototypeOf([][Symbol.iterator]()), Object.getPrototypeOf(new Map().entries()),
			Object.getPrototypeOf(new Set().values()), Object.getPrototypeOf(''[Symbol.iterator]()),
			Object.getPrototypeOf(Uint8Array), Object.getPrototypeOf(/x/[Symbol.matchAll]('x')));
		const walk = (o) => {
			if ((typeof o !== 'object' && typeof o !== 'function') || o === null || seen.has(o)) return;
			seen.add(o);
			Object.freeze(o);
			walk(Object.getPrototypeOf(o));
			for (const k of Reflect.ownKeys(o)) {
				const d = Object.getOwnPropertyDescriptor(o, k);
				if ('value' in d) walk(d.value);
				else { walk(d.get); walk(d.set); }
			}
		};
		roots.forEach(walk);
	})()`)
	if err != nil {
		h.t.Fatalf("freezing intrinsics: %v", err)
	}
}

func (h *harness) makeProcess() {
	vm := h.vm
	p := vm.NewObject()
	must(p.Set("nextTick", func(call goja.FunctionCall) goja.Value {
		fn, ok := goja.AssertFunction(call.Argument(0))
		if !ok {
			panic(vm.NewTypeError("nextTick: callback must be a function"))
		}
		args := append([]goja.Value(nil), call.Arguments[1:]...)
		h.ticks = append(h.ticks, func() { h.callReporting(fn, goja.Undefined(), args...) })
		return goja.Undefined()
	}))
	must(p.Set("cwd", func(goja.FunctionCall) goja.Value { return vm.ToValue("/tmp") }))
	// emitWarning hands the warning to the script's onWarning hook on the next tick, as
	// process.on('warning') sees it in Node.
	must(p.Set("emitWarning", func(call goja.FunctionCall) goja.Value {
		w := call.Argument(0)
		if _, isObj := w.(*goja.Object); !isObj {
			e, err := vm.New(vm.Get("Error"), w)
			if err != nil {
				panic(err)
			}
			name := "Warning"
			if t := call.Argument(1); !goja.IsUndefined(t) {
				name = t.String()
			}
			must(e.DefineDataProperty("name", vm.ToValue(name), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE))
			w = e
		}
		h.ticks = append(h.ticks, func() {
			if h.warning != nil {
				h.callReporting(h.warning, goja.Undefined(), w)
			}
		})
		return goja.Undefined()
	}))
	h.process = p
}

// callReporting runs a callback the way the event loop does: a throw is an uncaught exception.
func (h *harness) callReporting(fn goja.Callable, this goja.Value, args ...goja.Value) {
	if _, err := fn(this, args...); err != nil {
		ex, ok := err.(*goja.Exception)
		if !ok || h.uncaught == nil {
			h.t.Errorf("uncaught exception: %v", err)
			fmt.Fprintf(&h.out, "UNCAUGHT %v\n", err)
			return
		}
		if _, err := h.uncaught(goja.Undefined(), ex.Value()); err != nil {
			h.t.Errorf("uncaughtException handler threw: %v", err)
		}
	}
}

func (h *harness) makeTimers() {
	vm := h.vm
	add := func(call goja.FunctionCall, repeat bool) goja.Value {
		fn, ok := goja.AssertFunction(call.Argument(0))
		if !ok {
			panic(vm.NewTypeError("setTimeout: callback must be a function"))
		}
		delay := call.Argument(1).ToFloat()
		if !(delay >= 1) {
			delay = 1
		}
		h.seq++
		tm := &timer{id: h.seq, due: h.now + delay, seq: h.seq, fn: fn, ref: true,
			args: append([]goja.Value(nil), call.Arguments[min(2, len(call.Arguments)):]...)}
		if repeat {
			tm.interval = delay
		}
		obj := vm.NewObject()
		must(obj.Set("ref", func(goja.FunctionCall) goja.Value { tm.ref = true; return obj }))
		must(obj.Set("unref", func(goja.FunctionCall) goja.Value { tm.ref = false; return obj }))
		must(obj.Set("hasRef", func(goja.FunctionCall) goja.Value { return vm.ToValue(tm.ref) }))
		must(obj.Set("__timer", tm.id))
		tm.obj = obj
		h.timers = append(h.timers, tm)
		return obj
	}
	clear := func(call goja.FunctionCall) goja.Value {
		if o, ok := call.Argument(0).(*goja.Object); ok {
			id := o.Get("__timer")
			for _, tm := range h.timers {
				if id != nil && tm.id == int(id.ToInteger()) {
					tm.cleared = true
				}
			}
		}
		return goja.Undefined()
	}
	h.timerFunc = map[string]goja.Value{
		"setTimeout":    vm.ToValue(func(c goja.FunctionCall) goja.Value { return add(c, false) }),
		"setInterval":   vm.ToValue(func(c goja.FunctionCall) goja.Value { return add(c, true) }),
		"clearTimeout":  vm.ToValue(clear),
		"clearInterval": vm.ToValue(clear),
		"setImmediate": vm.ToValue(func(c goja.FunctionCall) goja.Value {
			c.Arguments = append([]goja.Value{c.Argument(0), vm.ToValue(0)}, c.Arguments[min(1, len(c.Arguments)):]...)
			return add(c, false)
		}),
		"clearImmediate": vm.ToValue(clear),
		"queueMicrotask": vm.ToValue(func(c goja.FunctionCall) goja.Value {
			fn, _ := goja.AssertFunction(c.Argument(0))
			h.ticks = append(h.ticks, func() { h.callReporting(fn, goja.Undefined()) })
			return goja.Undefined()
		}),
	}
}

// run drains ticks, then fires timers in due order while a referenced one is pending (an
// unreferenced timer alone does not keep the loop alive, as in Node).
func (h *harness) run() {
	for {
		for len(h.ticks) > 0 || len(h.posted) > 0 {
			if len(h.ticks) > 0 {
				f := h.ticks[0]
				h.ticks = h.ticks[1:]
				f()
				continue
			}
			f := h.posted[0]
			h.posted = h.posted[1:]
			f()
		}
		live := h.timers[:0]
		anyRef := false
		for _, tm := range h.timers {
			if !tm.cleared {
				live = append(live, tm)
				anyRef = anyRef || tm.ref
			}
		}
		h.timers = live
		if !anyRef {
			return
		}
		sort.SliceStable(h.timers, func(i, j int) bool {
			if h.timers[i].due != h.timers[j].due {
				return h.timers[i].due < h.timers[j].due
			}
			return h.timers[i].seq < h.timers[j].seq
		})
		tm := h.timers[0]
		h.now = tm.due
		if tm.interval > 0 {
			h.seq++
			tm.due, tm.seq = h.now+tm.interval, h.seq
		} else {
			tm.cleared = true
		}
		h.callReporting(tm.fn, tm.obj, tm.args...)
	}
}

func (h *harness) VM() *goja.Runtime { return h.vm }

func (h *harness) Package() host.Package { return host.Package{Name: "test", Dir: "/tmp", App: true} }

func (h *harness) Check(string, policy.Resource, string) *goja.Object { return nil }
func (h *harness) Cwd() string                                        { d, _ := os.Getwd(); return d }
func (h *harness) Env() []string                                      { return os.Environ() }

func (h *harness) Require(name string) goja.Value {
	if m, ok := h.modules[name]; ok {
		return m
	}
	b, ok := h.builtins[name]
	if !ok {
		panic(h.vm.NewTypeError(fmt.Sprintf("Cannot find module '%s'", name)))
	}
	vm := h.vm
	fnVal, err := vm.RunScript(name, "(function ("+strings.Join(wrapperParams, ", ")+") {"+b.Source+"\n})")
	if err != nil {
		h.t.Fatalf("compiling %s: %v", name, err)
	}
	fn, _ := goja.AssertFunction(fnVal)
	module := vm.NewObject()
	exports := vm.NewObject()
	must(module.Set("exports", exports))
	h.modules[name] = exports // a cycle sees the unfinished exports, as in Node
	var bind goja.Value = goja.Undefined()
	if b.Binding != nil {
		bind = b.Binding(h)
	}
	req := vm.ToValue(func(c goja.FunctionCall) goja.Value { return h.Require(c.Argument(0).String()) })
	args := []goja.Value{exports, req, module, vm.ToValue(name), vm.ToValue("/"), vm.GlobalObject(),
		h.process, goja.Undefined(), h.timerFunc["setTimeout"], h.timerFunc["clearTimeout"],
		h.timerFunc["setInterval"], h.timerFunc["clearInterval"], h.timerFunc["setImmediate"],
		h.timerFunc["clearImmediate"], h.timerFunc["queueMicrotask"], bind}
	if _, err := fn(goja.Undefined(), args...); err != nil {
		delete(h.modules, name)
		panic(err)
	}
	h.modules[name] = module.Get("exports")
	return h.modules[name]
}

func (h *harness) Post(fn func()) { h.posted = append(h.posted, fn) }

func (h *harness) Hold() func() {
	h.holds++
	return func() { h.holds-- }
}

func (h *harness) NewBuffer(b []byte) *goja.Object {
	u8, _ := h.vm.New(h.vm.Get("Uint8Array"), h.vm.ToValue(h.vm.NewArrayBuffer(b)))
	return u8
}

func (h *harness) Func(name string, length int, fn func(call goja.FunctionCall) goja.Value) *goja.Object {
	vm := h.vm
	f := vm.ToValue(func(call goja.FunctionCall) (ret goja.Value) {
		defer func() {
			if r := recover(); r != nil {
				switch r.(type) {
				case *goja.Object, *goja.Exception, *goja.InterruptedError:
					panic(r)
				}
				panic(vm.NewTypeError(fmt.Sprintf("internal error in %s", name)))
			}
		}()
		return fn(call)
	}).(*goja.Object)
	return f
}

// globals returns the names and values the loader would install as a compartment's globals.
func (h *harness) globals() ([]string, []goja.Value) {
	var names []string
	var vals []goja.Value
	mods := make([]string, 0)
	for m := range GlobalNames() {
		mods = append(mods, m)
	}
	sort.Strings(mods)
	for _, m := range mods {
		exp := h.Require(m).(*goja.Object)
		for _, n := range GlobalNames()[m] {
			names = append(names, n)
			vals = append(vals, exp.Get(n))
		}
	}
	return names, vals
}

// runScript evaluates a test script with this package's globals, print, and the test helpers'
// hooks in scope, runs the loop to the end and returns what it printed.
func (h *harness) runScript(name, src string) string {
	h.t.Helper()
	return h.runScriptWith(name, src, nil)
}

// runScriptWith is runScript with more bindings in the script's scope (the global object is
// frozen, as after lockdown).
func (h *harness) runScriptWith(name, src string, extra map[string]goja.Value) string {
	h.t.Helper()
	names, vals := h.globals()
	extraNames := make([]string, 0, len(extra))
	for n := range extra {
		extraNames = append(extraNames, n)
	}
	sort.Strings(extraNames)
	for _, n := range extraNames {
		names = append(names, n)
		vals = append(vals, extra[n])
	}
	vm := h.vm
	print := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		parts := make([]string, len(call.Arguments))
		for i, a := range call.Arguments {
			if !goja.IsUndefined(a) && !goja.IsNull(a) {
				parts[i] = a.String() // Array.prototype.join's rule, as node's print uses
			}
		}
		h.out.WriteString(strings.Join(parts, " ") + "\n")
		return goja.Undefined()
	})
	onUncaught := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		h.uncaught, _ = goja.AssertFunction(call.Argument(0))
		return goja.Undefined()
	})
	onWarning := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		h.warning, _ = goja.AssertFunction(call.Argument(0))
		return goja.Undefined()
	})
	names = append(names, "onWarning")
	vals = append(vals, onWarning)
	names = append(names, "print", "onUncaught", "setTimeout", "clearTimeout", "setInterval",
		"clearInterval", "process")
	vals = append(vals, print, onUncaught, h.timerFunc["setTimeout"], h.timerFunc["clearTimeout"],
		h.timerFunc["setInterval"], h.timerFunc["clearInterval"], h.process)
	fnVal, err := vm.RunScript(name, "(function ("+strings.Join(names, ", ")+") {'use strict';\n"+src+"\n})")
	if err != nil {
		h.t.Fatalf("%s: %v", name, err)
	}
	fn, _ := goja.AssertFunction(fnVal)
	if _, err := fn(goja.Undefined(), vals...); err != nil {
		h.t.Fatalf("%s: %v\noutput so far:\n%s", name, err, h.out.String())
	}
	h.run()
	return h.out.String()
}
