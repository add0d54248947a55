package lib

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/dop251/goja"
	nodeurl "github.com/dop251/goja_nodejs/url"
)

// This file is a stand-in for the lead's loader, just enough to run the builtins the way it will:
// one goja runtime whose intrinsics are frozen (with SES-style override taming) before anything
// runs, compartments with their own global object and process, sources compiled once and
// evaluated per compartment inside the module wrapper, and a small deterministic event loop.

const wrapperHead = "(function (exports, require, module, __filename, __dirname, global, process, Buffer, setTimeout, clearTimeout, setInterval, clearInterval, setImmediate, clearImmediate, queueMicrotask, binding) {"

var (
	programsMu sync.Mutex
	programs   = map[string]*goja.Program{}
)

// program compiles a builtin once per test binary, as the loader compiles once per process.
func program(name string) (*goja.Program, error) {
	programsMu.Lock()
	defer programsMu.Unlock()
	if p, ok := programs[name]; ok {
		return p, nil
	}
	src, ok := Source(name)
	if !ok {
		return nil, fmt.Errorf("no builtin %q", name)
	}
	p, err := goja.Compile("node:"+name, wrapperHead+src+"\n})", true)
	if err != nil {
		return nil, err
	}
	programs[name] = p
	return p, nil
}

// lockdownJS freezes every intrinsic reachable from the global object. Data properties that
// packages commonly assign on their own objects (the override mistake) become accessors whose
// setter defines the property on the receiver; the getter carries originalValue (SES's
// convention), which internal/util/inspect_hooks reads to see through the taming.
const lockdownJS = `(function (names) {
  'use strict';
  const tame = ['constructor', 'toString', 'valueOf', 'toLocaleString', 'name', 'message', 'toJSON'];
  const seen = new Set();
  function tameProp(obj, key) {
    const d = Object.getOwnPropertyDescriptor(obj, key);
    if (!d || !('value' in d) || !d.configurable) return;
    const value = d.value;
    // Methods have no .prototype, so taming does not recurse into the accessors it makes.
    const { getter, setter } = {
      getter() { return value; },
      setter(v) {
        if (this === obj) throw new TypeError('Cannot assign to read only property \'' + String(key) + '\' of object');
        Object.defineProperty(this, key, { value: v, writable: true, enumerable: true, configurable: true });
      },
    };
    Object.defineProperty(getter, 'originalValue', { value, writable: false, enumerable: false, configurable: false });
    Object.defineProperty(obj, key, {
      get: getter,
      set: setter,
      enumerable: d.enumerable,
      configurable: false,
    });
  }
  function freeze(o) {
    if ((typeof o !== 'object' && typeof o !== 'function') || o === null || seen.has(o)) return;
    seen.add(o);
    if (typeof o !== 'function' || o === Function.prototype) {
      for (const k of tame) tameProp(o, k);
    }
    for (const k of Reflect.ownKeys(o)) {
      const d = Object.getOwnPropertyDescriptor(o, k);
      if ('value' in d) freeze(d.value); else { freeze(d.get); freeze(d.set); }
    }
    freeze(Object.getPrototypeOf(o));
    Object.freeze(o);
  }
  const extra = [
    Object.getPrototypeOf(function* () {}), Object.getPrototypeOf(async function () {}),
    Object.getPrototypeOf([][Symbol.iterator]()), Object.getPrototypeOf(new Map().entries()),
    Object.getPrototypeOf(new Set().values()), Object.getPrototypeOf(''[Symbol.iterator]()),
    Object.getPrototypeOf(/a/[Symbol.matchAll]('')), Object.getPrototypeOf(Uint8Array),
  ];
  // goja has no async iteration; the symbol esbuild's lowered async generators use stands in.
  if (!Symbol.asyncIterator) Object.defineProperty(Symbol, 'asyncIterator', { value: Symbol.for('Symbol.asyncIterator') });
  for (const n of names) if (n !== 'globalThis') freeze(globalThis[n]);
  for (const o of extra) freeze(o);
})`

// realm is one goja runtime with frozen intrinsics.
type realm struct {
	vm         *goja.Runtime
	intrinsics []string
	binding    *goja.Object
}

func newRealm(t testing.TB) *realm {
	vm := goja.New()
	// Before any script declares a var, so the list is complete (DESIGN.md, engine facts).
	names := vm.GlobalObject().Keys()
	names = append(names, vm.GlobalObject().GetOwnPropertyNames()...)
	uniq := map[string]bool{}
	var list []string
	for _, n := range names {
		if !uniq[n] {
			uniq[n] = true
			list = append(list, n)
		}
	}
	sort.Strings(list)
	fn, err := vm.RunString(lockdownJS)
	if err != nil {
		t.Fatalf("lockdown: %v", err)
	}
	lock, _ := goja.AssertFunction(fn)
	arr := make([]interface{}, len(list))
	for i, n := range list {
		arr[i] = n
	}
	if _, err := lock(goja.Undefined(), vm.NewArray(arr...)); err != nil {
		t.Fatalf("lockdown: %v", err)
	}
	return &realm{vm: vm, intrinsics: list, binding: Binding(vm)}
}

// compartment is one package's view: its own global, process and builtin instances.
type compartment struct {
	r       *realm
	vm      *goja.Runtime
	global  *goja.Object
	process *goja.Object
	modules map[string]*goja.Object
	loop    *loop
	buffer  goja.Value
	out     []string // lines written through print() and process.stdout/stderr
	warns   []string
}

func (r *realm) newCompartment(t testing.TB) *compartment {
	vm := r.vm
	c := &compartment{r: r, vm: vm, modules: map[string]*goja.Object{}, loop: newLoop(vm), buffer: goja.Undefined()}
	g := vm.NewObject()
	for _, n := range r.intrinsics {
		_ = g.Set(n, vm.GlobalObject().Get(n))
	}
	_ = g.Set("globalThis", g)
	_ = g.Set("global", g)
	urlMod := vm.NewObject()
	_ = urlMod.Set("exports", vm.NewObject())
	nodeurl.Require(vm, urlMod)
	urlExports := urlMod.Get("exports").ToObject(vm)
	_ = g.Set("URL", urlExports.Get("URL"))
	_ = g.Set("URLSearchParams", urlExports.Get("URLSearchParams"))
	c.global = g
	c.loop.install(g)
	c.process = c.makeProcess(t)

	// Globals whose real implementations live in other folders: small stand-ins.
	stand, err := vm.RunString(standInsJS)
	if err != nil {
		t.Fatalf("stand-ins: %v", err)
	}
	f, _ := goja.AssertFunction(stand)
	if _, err := f(goja.Undefined(), g); err != nil {
		t.Fatalf("stand-ins: %v", err)
	}
	buf, err := c.require("buffer")
	if err != nil {
		t.Fatalf("require buffer: %v", err)
	}
	c.buffer = buf.ToObject(vm).Get("Buffer")
	_ = g.Set("Buffer", c.buffer)
	print := func(call goja.FunctionCall) goja.Value {
		u, err := c.require("util")
		if err != nil {
			panic(vm.NewTypeError(err.Error()))
		}
		format, _ := goja.AssertFunction(u.ToObject(vm).Get("format"))
		s, err := format(goja.Undefined(), call.Arguments...)
		if err != nil {
			panic(err)
		}
		c.out = append(c.out, s.String())
		return goja.Undefined()
	}
	_ = g.Set("print", print)
	_ = g.Set("console", c.makeConsole())
	return c
}

const standInsJS = `(function (g) {
  class Event {
    constructor(type) { this.type = type; this.defaultPrevented = false; }
    preventDefault() { this.defaultPrevented = true; }
  }
  class EventTarget {
    #l = new Map();
    addEventListener(type, fn, opts) {
      if (!this.#l.has(type)) this.#l.set(type, []);
      this.#l.get(type).push({ fn, once: !!(opts && opts.once) });
    }
    removeEventListener(type, fn) {
      const a = this.#l.get(type); if (!a) return;
      const i = a.findIndex((e) => e.fn === fn); if (i >= 0) a.splice(i, 1);
    }
    dispatchEvent(ev) {
      const a = (this.#l.get(ev.type) || []).slice();
      for (const e of a) {
        if (e.once) this.removeEventListener(ev.type, e.fn);
        if (typeof e.fn === 'function') e.fn.call(this, ev); else e.fn.handleEvent(ev);
      }
      return !ev.defaultPrevented;
    }
  }
  class AbortSignal extends EventTarget {
    constructor() { super(); this.aborted = false; this.reason = undefined; this.onabort = null; }
    throwIfAborted() { if (this.aborted) throw this.reason; }
    static abort(reason) { const c = new AbortController(); c.abort(reason); return c.signal; }
  }
  class AbortController {
    constructor() { this.signal = new AbortSignal(); }
    abort(reason) {
      const s = this.signal; if (s.aborted) return;
      s.aborted = true;
      if (reason === undefined) { reason = new Error('This operation was aborted'); reason.name = 'AbortError'; reason.code = 20; }
      s.reason = reason;
      const ev = new Event('abort');
      if (typeof s.onabort === 'function') s.onabort(ev);
      s.dispatchEvent(ev);
    }
  }
  class TextEncoder {
    get encoding() { return 'utf-8'; }
    encode(s = '') { const b = g.Buffer.from(String(s), 'utf8'); return new Uint8Array(b.buffer, b.byteOffset, b.length); }
  }
  class TextDecoder {
    constructor(enc = 'utf-8') { this.encoding = enc; }
    decode(u) { return u === undefined ? '' : g.Buffer.from(u.buffer || u, u.byteOffset, u.byteLength).toString('utf8'); }
  }
  Object.assign(g, { Event, EventTarget, AbortSignal, AbortController, TextEncoder, TextDecoder });
  g.atob = (s) => g.Buffer.from(String(s), 'base64').toString('latin1');
  g.btoa = (s) => g.Buffer.from(String(s), 'latin1').toString('base64');
})`

func (c *compartment) makeProcess(t testing.TB) *goja.Object {
	vm := c.vm
	p := vm.NewObject()
	env := vm.NewObject()
	_ = p.Set("env", env)
	_ = p.Set("platform", "linux")
	_ = p.Set("version", "v20.20.2")
	versions := vm.NewObject()
	_ = versions.Set("node", "20.20.2")
	_ = p.Set("versions", versions)
	_ = p.Set("argv", vm.NewArray("/usr/bin/node", "/app/main.js"))
	_ = p.Set("execArgv", vm.NewArray())
	_ = p.Set("cwd", func() string { return "/app" })
	_ = p.Set("nextTick", func(call goja.FunctionCall) goja.Value {
		fn, ok := goja.AssertFunction(call.Argument(0))
		if !ok {
			panic(vm.NewTypeError("process.nextTick: callback must be a function"))
		}
		args := append([]goja.Value(nil), call.Arguments[1:]...)
		c.loop.ticks = append(c.loop.ticks, func() { _, err := fn(goja.Undefined(), args...); c.loop.fail(err) })
		return goja.Undefined()
	})
	_ = p.Set("emitWarning", func(call goja.FunctionCall) goja.Value {
		w := call.Argument(0)
		msg := w.String()
		if o, ok := w.(*goja.Object); ok && o.ClassName() == "Error" {
			msg = o.Get("name").String() + ": " + o.Get("message").String()
			if code := o.Get("code"); code != nil && !goja.IsUndefined(code) {
				msg = "[" + code.String() + "] " + msg
			}
		} else {
			typ := "Warning"
			code := ""
			if a := call.Argument(1); !goja.IsUndefined(a) {
				if _, isFn := goja.AssertFunction(a); isFn {
					// emitWarning(warning, ctor)
				} else if ao, ok := a.(*goja.Object); ok && ao.ClassName() != "String" {
					if v := ao.Get("type"); v != nil && !goja.IsUndefined(v) {
						typ = v.String()
					}
					if v := ao.Get("code"); v != nil && !goja.IsUndefined(v) {
						code = v.String()
					}
				} else {
					typ = a.String()
				}
			}
			if a := call.Argument(2); !goja.IsUndefined(a) {
				if _, isFn := goja.AssertFunction(a); !isFn {
					code = a.String()
				}
			}
			msg = typ + ": " + msg
			if code != "" {
				msg = "[" + code + "] " + msg
			}
		}
		c.warns = append(c.warns, msg)
		return goja.Undefined()
	})
	stream := func(name string) *goja.Object {
		s := vm.NewObject()
		_ = s.Set("write", func(v goja.Value) bool {
			c.out = append(c.out, strings.TrimSuffix(v.String(), "\n"))
			return true
		})
		_ = s.Set("isTTY", false)
		return s
	}
	_ = p.Set("stdout", stream("stdout"))
	_ = p.Set("stderr", stream("stderr"))
	return p
}

func (c *compartment) makeConsole() *goja.Object {
	vm := c.vm
	con := vm.NewObject()
	for _, n := range []string{"log", "info", "warn", "error", "debug"} {
		_ = con.Set(n, c.global.Get("print"))
	}
	return con
}

// require returns this compartment's instance of a builtin, evaluating it on first use.
func (c *compartment) require(name string) (goja.Value, error) {
	if m, ok := c.modules[name]; ok {
		return m.Get("exports"), nil
	}
	p, err := program(name)
	if err != nil {
		return nil, err
	}
	vm := c.vm
	module := vm.NewObject()
	exports := vm.NewObject()
	_ = module.Set("exports", exports)
	_ = module.Set("id", name)
	c.modules[name] = module
	fnv, err := vm.RunProgram(p)
	if err != nil {
		delete(c.modules, name)
		return nil, err
	}
	fn, _ := goja.AssertFunction(fnv)
	req := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		v, err := c.require(call.Argument(0).String())
		if err != nil {
			if ex, ok := err.(*goja.Exception); ok {
				panic(ex)
			}
			panic(vm.NewTypeError(err.Error()))
		}
		return v
	})
	g := c.global
	_, err = fn(goja.Undefined(), exports, req, module, vm.ToValue("node:"+name), vm.ToValue("node:"),
		g, c.process, c.buffer, g.Get("setTimeout"), g.Get("clearTimeout"), g.Get("setInterval"),
		g.Get("clearInterval"), g.Get("setImmediate"), g.Get("clearImmediate"), g.Get("queueMicrotask"),
		c.r.binding)
	if err != nil {
		delete(c.modules, name)
		return nil, err
	}
	return module.Get("exports"), nil
}

// run evaluates user code as a function of (require, print, done) with the compartment's global
// as `this`, then runs the event loop until nothing is left.
func (c *compartment) run(code string) error {
	vm := c.vm
	fnv, err := vm.RunString("(function (require, print, done, global, process, Buffer, console, setTimeout, setImmediate, clearTimeout, queueMicrotask, URL, URLSearchParams, AbortController, TextEncoder, TextDecoder, EventTarget, Event, atob, btoa) {\n" + code + "\n})")
	if err != nil {
		return err
	}
	fn, _ := goja.AssertFunction(fnv)
	req := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		name := strings.TrimPrefix(call.Argument(0).String(), "node:")
		if Internal(name) {
			panic(vm.NewTypeError("Cannot find module '" + name + "'"))
		}
		v, err := c.require(name)
		if err != nil {
			if ex, ok := err.(*goja.Exception); ok {
				panic(ex)
			}
			panic(vm.NewTypeError(err.Error()))
		}
		return v
	})
	g := c.global
	noop := vm.ToValue(func() {})
	args := []goja.Value{req, g.Get("print"), noop, g, c.process, c.buffer, g.Get("console")}
	for _, n := range []string{"setTimeout", "setImmediate", "clearTimeout", "queueMicrotask", "URL", "URLSearchParams", "AbortController", "TextEncoder", "TextDecoder", "EventTarget", "Event", "atob", "btoa"} {
		args = append(args, g.Get(n))
	}
	_, err = fn(g, args...)
	if err != nil {
		return err
	}
	return c.loop.run()
}

// loop is a deterministic event loop: next ticks, then immediates, then timers in virtual time.
type loop struct {
	vm     *goja.Runtime
	ticks  []func()
	imms   []*timer
	timers []*timer
	now    int64
	seq    int64
	err    error
}

type timer struct {
	id       int64
	due      int64
	interval int64
	fn       goja.Callable
	args     []goja.Value
	cleared  bool
}

func newLoop(vm *goja.Runtime) *loop { return &loop{vm: vm} }

func (l *loop) fail(err error) {
	if err != nil && l.err == nil {
		l.err = err
	}
}

func (l *loop) install(g *goja.Object) {
	vm := l.vm
	add := func(call goja.FunctionCall, imm bool, repeat bool) goja.Value {
		fn, ok := goja.AssertFunction(call.Argument(0))
		if !ok {
			panic(vm.NewTypeError("The \"callback\" argument must be of type function"))
		}
		l.seq++
		t := &timer{id: l.seq, fn: fn}
		rest := call.Arguments
		if imm {
			if len(rest) > 1 {
				t.args = append([]goja.Value(nil), rest[1:]...)
			}
			l.imms = append(l.imms, t)
		} else {
			d := call.Argument(1).ToInteger()
			if d < 1 {
				d = 1
			}
			if len(rest) > 2 {
				t.args = append([]goja.Value(nil), rest[2:]...)
			}
			t.due = l.now + d
			if repeat {
				t.interval = d
			}
			l.timers = append(l.timers, t)
		}
		h := vm.NewObject()
		_ = h.Set("id", t.id)
		_ = h.Set("unref", func(goja.FunctionCall) goja.Value { return h })
		_ = h.Set("ref", func(goja.FunctionCall) goja.Value { return h })
		_ = h.Set("hasRef", func() bool { return true })
		_ = h.DefineDataProperty("__timer", vm.ToValue(t.id), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
		return h
	}
	clear := func(call goja.FunctionCall) goja.Value {
		o, ok := call.Argument(0).(*goja.Object)
		if !ok {
			return goja.Undefined()
		}
		id := o.Get("__timer")
		if id == nil {
			return goja.Undefined()
		}
		for _, t := range append(append([]*timer(nil), l.timers...), l.imms...) {
			if t.id == id.ToInteger() {
				t.cleared = true
			}
		}
		return goja.Undefined()
	}
	_ = g.Set("setTimeout", func(c goja.FunctionCall) goja.Value { return add(c, false, false) })
	_ = g.Set("setInterval", func(c goja.FunctionCall) goja.Value { return add(c, false, true) })
	_ = g.Set("setImmediate", func(c goja.FunctionCall) goja.Value { return add(c, true, false) })
	_ = g.Set("clearTimeout", clear)
	_ = g.Set("clearInterval", clear)
	_ = g.Set("clearImmediate", clear)
	qm, _ := vm.RunString(`(function queueMicrotask(fn) { if (typeof fn !== 'function') throw new TypeError('The "callback" argument must be of type function'); Promise.resolve().then(() => fn()); })`)
	_ = g.Set("queueMicrotask", qm)
}

func (l *loop) drainTicks() {
	for len(l.ticks) > 0 {
		t := l.ticks[0]
		l.ticks = l.ticks[1:]
		t()
	}
}

func (l *loop) run() error {
	for steps := 0; steps < 1_000_000; steps++ {
		l.drainTicks()
		if l.err != nil {
			return l.err
		}
		if len(l.imms) > 0 {
			batch := l.imms
			l.imms = nil
			for _, t := range batch {
				if !t.cleared {
					_, err := t.fn(goja.Undefined(), t.args...)
					l.fail(err)
					l.drainTicks()
				}
			}
			continue
		}
		// earliest live timer
		best := -1
		for i, t := range l.timers {
			if t.cleared {
				continue
			}
			if best < 0 || t.due < l.timers[best].due || (t.due == l.timers[best].due && t.id < l.timers[best].id) {
				best = i
			}
		}
		if best < 0 {
			return l.err
		}
		t := l.timers[best]
		if t.due > l.now {
			l.now = t.due
		}
		if t.interval > 0 {
			t.due = l.now + t.interval
		} else {
			t.cleared = true
		}
		_, err := t.fn(goja.Undefined(), t.args...)
		l.fail(err)
		live := l.timers[:0]
		for _, x := range l.timers {
			if !x.cleared {
				live = append(live, x)
			}
		}
		l.timers = live
	}
	return fmt.Errorf("event loop did not settle after 1,000,000 steps")
}
