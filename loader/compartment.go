package loader

import (
	"fmt"
	nodenet "github.com/pkgbox/pkgbox/loader/node/net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dop251/goja"

	"github.com/pkgbox/pkgbox/loader/node/host"
	"github.com/pkgbox/pkgbox/loader/node/web"
)

// Compartment is the world one package (or the app) lives in: its own global object, process,
// builtin module instances, timers and require.cache. Its identity is fixed when it is created
// from the real path of the package folder and is carried in Go closures; nothing the package does
// at run time can change it.
type Compartment struct {
	rt   *Runtime
	pkg  host.Package
	deps map[string]bool // declared dependencies; nil for the app, which may require anything

	global       *goja.Object            // made on first use (see globalValue)
	values       map[string]goja.Value   // materialized Node globals
	builtins     map[string]*goja.Object // builtin name → its module object
	loading      map[string]bool         // builtins being evaluated
	cache        *goja.Object            // require.cache: this compartment's modules only
	processObj   *goja.Object
	processReady bool // internal/process has been (or is being) evaluated
	timers       *timerTable

	errorObj *goja.Object // the compartment's own Error (see errorConstructor)

	views *exportViews // read-only views of other compartments' exports (exportview.go)
}

// globalNames are the Node globals every compartment gets, in the order they are passed to module
// wrappers. ECMAScript intrinsics are not listed: they come from the shared frozen realm.
var globalNames = []string{
	"global", "globalThis", "process", "Buffer", "console",
	"setTimeout", "clearTimeout", "setInterval", "clearInterval", "setImmediate", "clearImmediate",
	"queueMicrotask", "structuredClone", "atob", "btoa", "performance", "crypto",
	"URL", "URLSearchParams", "TextEncoder", "TextDecoder",
	"AbortController", "AbortSignal", "Event", "EventTarget", "CustomEvent", "DOMException",
	"Blob", "File", "Error", "fetch", "Headers", "Request", "Response", "FormData",
}

// enumerableGlobals are the globals Node defines as enumerable on globalThis.
var enumerableGlobals = map[string]bool{
	"global": true, "setTimeout": true, "clearTimeout": true, "setInterval": true, "clearInterval": true,
	"setImmediate": true, "clearImmediate": true, "queueMicrotask": true, "structuredClone": true,
	"atob": true, "btoa": true, "performance": true, "crypto": true, "fetch": true,
}

// globalSources says which builtin provides a global, and under which export name.
var globalSources = map[string][2]string{
	"Buffer":         {"buffer", "Buffer"},
	"console":        {"console", ""},
	"performance":    {"perf_hooks", "performance"},
	"crypto":         {"crypto", "webcrypto"},
	"queueMicrotask": {"internal/microtask", "queueMicrotask"},
}

func init() {
	for _, m := range []map[string][]string{web.GlobalNames(), nodenet.GlobalNames()} {
		for module, names := range m {
			for _, n := range names {
				globalSources[n] = [2]string{module, n}
			}
		}
	}
}

func (rt *Runtime) newCompartment(pkg host.Package, deps map[string]bool) *Compartment {
	c := &Compartment{
		rt:       rt,
		pkg:      pkg,
		deps:     deps,
		values:   map[string]goja.Value{},
		builtins: map[string]*goja.Object{},
		loading:  map[string]bool{},
	}
	c.timers = newTimerTable(c)
	c.cache = rt.vm.NewObject()
	_ = c.cache.SetPrototype(nil)
	if len(rt.compList) == 0 {
		// The first compartment of a run or call: those of the previous one are gone.
		rt.sh.forgetGlobals()
	}
	rt.compList = append(rt.compList, c)
	if !pkg.App {
		rt.comps[pkg.Dir] = c
	}
	return c
}

// compartmentFor returns the compartment that owns the module at realPath.
func (rt *Runtime) compartmentFor(realPath string) *Compartment {
	p := rt.res.PackageOf(realPath)
	if p == nil {
		return rt.app
	}
	if c, ok := rt.comps[p.Dir]; ok {
		return c
	}
	deps := make(map[string]bool, len(p.Deps))
	for k := range p.Deps {
		deps[k] = true
	}
	return rt.newCompartment(host.Package{Name: p.Name, Version: p.Version, Dir: p.Dir}, deps)
}

// mayRequire reports whether code of c may load a module of target.
func (c *Compartment) mayRequire(target *Compartment) bool {
	if c == target || c.pkg.App || c.rt.opts.AllowAll {
		return true
	}
	if target.pkg.App {
		return false
	}
	return c.deps[target.pkg.Name]
}

// label names the compartment in messages: `"name@version"` or `the app`.
func (c *Compartment) label() string {
	if c.pkg.App {
		return "the app"
	}
	if c.pkg.Version != "" {
		return `"` + c.pkg.Name + "@" + c.pkg.Version + `"`
	}
	return `"` + c.pkg.Name + `"`
}

// globalValue returns the compartment's value for a Node global, creating it on first use.
func (c *Compartment) globalValue(name string) goja.Value {
	if v, ok := c.values[name]; ok {
		return v
	}
	var v goja.Value = goja.Undefined()
	switch name {
	case "global", "globalThis":
		// Made on first use: most modules never name the global object.
		if c.global == nil {
			c.global = c.rt.sh.newGlobal(c)
		}
		v = c.global
	case "process":
		v = c.process()
	case "setTimeout", "clearTimeout", "setInterval", "clearInterval", "setImmediate", "clearImmediate":
		v = c.timers.function(name)
	case "Error":
		v = c.errorConstructor()
	case "atob":
		v = c.rt.nativeFunc("atob", 1, c.rt.atob)
	case "btoa":
		v = c.rt.nativeFunc("btoa", 1, c.rt.btoa)
	default:
		if src, ok := globalSources[name]; ok {
			if c.loading[src[0]] {
				// A cycle between builtins: the provider is still being evaluated, so its export
				// does not exist yet. Do not remember that.
				return goja.Undefined()
			}
			if mod := c.builtinModule(src[0]); mod != nil {
				exp := mod.Get("exports")
				if src[1] == "" {
					v = exp
				} else if o, ok := exp.(*goja.Object); ok {
					if x := o.Get(src[1]); x != nil {
						v = x
					}
				}
			}
		}
	}
	c.values[name] = v
	return v
}

// builtinModule returns this compartment's instance of a builtin, evaluating it on first use, or
// nil when pkgbox does not provide it. A builtin that is still loading (a cycle between builtins)
// is returned with its partial exports, as Node does for CommonJS cycles.
func (c *Compartment) builtinModule(name string) *goja.Object {
	if m, ok := c.builtins[name]; ok {
		return m
	}
	def := c.rt.builtins[name]
	if def == nil {
		return nil
	}
	var fn goja.Callable
	var mentioned map[string]bool
	if def.init == nil {
		fn, mentioned = c.rt.sh.builtinFunction(name, def)
		if mentioned["Buffer"] && name != "buffer" && c.builtins["buffer"] == nil {
			// Load buffer first, so that the modules buffer itself needs are evaluated inside
			// it (seeing Buffer as not yet there), not the other way round.
			c.builtinModule("buffer")
			if m, ok := c.builtins[name]; ok {
				return m
			}
		}
	}
	vm := c.rt.vm
	module := vm.NewObject()
	exports := vm.NewObject()
	_ = module.Set("exports", exports)
	_ = module.Set("id", name)
	c.builtins[name] = module
	if def.init != nil {
		def.init(c, module)
		return module
	}
	if traceBuiltins {
		t0 := time.Now()
		defer func() { fmt.Fprintf(os.Stderr, "builtin %s %s %v\n", c.label(), name, time.Since(t0)) }()
	}
	c.loading[name] = true
	defer delete(c.loading, name)
	args := make([]goja.Value, len(builtinParams))
	args[0] = exports
	args[1] = c.builtinRequire()
	args[2] = module
	args[3] = vm.ToValue("node:" + name)
	args[4] = vm.ToValue("node:internal")
	for i := 5; i < len(builtinParams)-1; i++ {
		if builtinParams[i] == "process" && mentioned["process"] {
			args[i] = c.processShell()
		} else if mentioned[builtinParams[i]] {
			args[i] = c.globalValue(builtinParams[i])
		} else {
			args[i] = goja.Undefined()
		}
	}
	if def.binding != nil {
		args[len(args)-1] = def.binding(c)
	} else {
		args[len(args)-1] = goja.Undefined()
	}
	c.rt.mustCall(fn, exports, args...)
	return module
}

// builtinExports is builtinModule's exports, or undefined when the builtin does not exist.
func (c *Compartment) builtinExports(name string) goja.Value {
	m := c.builtinModule(name)
	if m == nil {
		return goja.Undefined()
	}
	return m.Get("exports")
}

// builtinRequire is the require function handed to builtin sources: builtin names only, internal
// ones included.
func (c *Compartment) builtinRequire() goja.Value {
	if v, ok := c.values["\x00builtinRequire"]; ok {
		return v
	}
	vm := c.rt.vm
	f := c.rt.nativeFunc("require", 1, func(call goja.FunctionCall) goja.Value {
		name := strings.TrimPrefix(call.Argument(0).String(), "node:")
		m := c.builtinModule(name)
		if m == nil {
			panic(c.rt.nodeError("Error", "ERR_UNKNOWN_BUILTIN_MODULE", "No such built-in module: "+name))
		}
		return m.Get("exports")
	})
	c.values["\x00builtinRequire"] = f
	_ = vm
	return f
}

// requireBuiltin is what `require('fs')` does in package or app code: user-visible builtins only.
func (c *Compartment) requireBuiltin(name string) goja.Value {
	def := c.rt.builtins[name]
	if def == nil || def.internal {
		if nodeBuiltinNames[name] {
			panic(c.rt.nodeError("Error", "ERR_UNKNOWN_BUILTIN_MODULE", "No such built-in module: "+name))
		}
		panic(c.rt.nodeError("Error", "ERR_UNKNOWN_BUILTIN_MODULE", "No such built-in module: "+name))
	}
	return c.builtinModule(name).Get("exports")
}

// Host implementation for Go bindings.

func (c *Compartment) VM() *goja.Runtime              { return c.rt.vm }
func (c *Compartment) Package() host.Package          { return c.pkg }
func (c *Compartment) Require(name string) goja.Value { return c.builtinExports(name) }
func (c *Compartment) Post(fn func())                 { c.rt.loop.post(fn) }
func (c *Compartment) Hold() func()                   { return c.rt.loop.hold() }
func (c *Compartment) Func(name string, length int, fn func(goja.FunctionCall) goja.Value) *goja.Object {
	return c.rt.nativeFunc(name, length, fn)
}

func (c *Compartment) NewBuffer(b []byte) *goja.Object {
	ab := c.rt.vm.NewArrayBuffer(b)
	from := c.bufferFrom()
	if from == nil {
		obj, _ := c.rt.vm.New(c.rt.vm.GlobalObject().Get("Uint8Array"), c.rt.vm.ToValue(ab))
		return obj
	}
	return c.rt.mustCall(from, goja.Undefined(), c.rt.vm.ToValue(ab)).(*goja.Object)
}

func (c *Compartment) bufferFrom() goja.Callable {
	buf, ok := c.globalValue("Buffer").(*goja.Object)
	if !ok {
		return nil
	}
	from, ok := goja.AssertFunction(buf.Get("from"))
	if !ok {
		return nil
	}
	return func(this goja.Value, args ...goja.Value) (goja.Value, error) { return from(buf, args...) }
}

// packageFile reports whether path lies inside this compartment's package folder.
func (c *Compartment) packageFile(path string) bool {
	rel, err := filepath.Rel(c.pkg.Dir, path)
	return err == nil && !strings.HasPrefix(rel, "..")
}

var traceBuiltins = os.Getenv("PKGBOX_TRACE_BUILTINS") != ""
