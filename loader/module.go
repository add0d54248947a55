package loader

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dop251/goja"

	"github.com/pkgbox/pkgbox/loader/resolve"
)

// moduleRecord is one loaded file. Its identity is the real path; it belongs to exactly one
// compartment.
type moduleRecord struct {
	path   string
	comp   *Compartment
	obj    *goja.Object // the `module` object
	parent *moduleRecord
	esm    bool // converted from ESM: its imports resolve with the "import" condition
	loaded bool

	nsImport, nsRequire *goja.Object // namespace objects, made on first use
}

func (rt *Runtime) newRecord(path string, comp *Compartment, parent *moduleRecord, esm bool) *moduleRecord {
	vm := rt.vm
	rec := &moduleRecord{path: path, comp: comp, parent: parent, esm: esm}
	obj := vm.CreateObject(comp.moduleProto())
	rec.obj = obj
	id := path
	if parent == nil && rt.main == nil {
		id = "."
	}
	_ = obj.Set("id", id)
	_ = obj.Set("path", filepath.Dir(path))
	_ = obj.Set("exports", vm.NewObject())
	_ = obj.Set("filename", path)
	_ = obj.Set("loaded", false)
	_ = obj.Set("children", vm.NewArray())
	_ = obj.Set("paths", stringArray(vm, rt.res.LookupPaths("x", path)))
	parentVal := goja.Null()
	if parent != nil {
		if parent.comp == comp {
			parentVal = parent.obj
		} else {
			parentVal = rt.foreignModuleStub(parent)
		}
	} else if rt.main != nil {
		parentVal = goja.Undefined()
	}
	_ = obj.DefineDataProperty("parent", parentVal, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	rt.modules[path] = rec
	_ = comp.cache.Set(path, obj)
	return rec
}

// foreignModuleStub stands for a module of another compartment where Node would hand out the
// module object itself (module.parent): it names the file but carries no exports, require or
// children, so it grants nothing.
func (rt *Runtime) foreignModuleStub(rec *moduleRecord) goja.Value {
	vm := rt.vm
	o := vm.NewObject()
	_ = o.Set("id", rec.obj.Get("id"))
	_ = o.Set("filename", rec.path)
	_ = o.Set("path", filepath.Dir(rec.path))
	_ = o.Set("loaded", rec.loaded)
	_ = o.Set("children", vm.NewArray())
	_ = o.Set("paths", vm.NewArray())
	freeze(vm, o)
	return o
}

// require implements require(spec) called by code of rec.
func (rt *Runtime) require(rec *moduleRecord, spec goja.Value, import_ bool) goja.Value {
	s, ok := spec.Export().(string)
	if !ok {
		panic(rt.nodeError("TypeError", "ERR_INVALID_ARG_TYPE", `The "id" argument must be of type string. Received `+describeReceived(spec)))
	}
	if s == "" {
		panic(rt.nodeError("TypeError", "ERR_INVALID_ARG_VALUE", "The argument 'id' must be a non-empty string. Received ''"))
	}
	return rt.requireFrom(rec.comp, rec, rec.path, s, import_)
}

// requireFrom loads spec for compartment c, resolving from the file base. parent is the requiring
// module (nil for createRequire-made functions).
func (rt *Runtime) requireFrom(c *Compartment, parent *moduleRecord, base, spec string, import_ bool) goja.Value {
	if name, ok := rt.builtinName(spec); ok {
		return c.requireBuiltin(name)
	}
	mode := resolve.Require
	if import_ {
		mode = resolve.Import
	}
	res, err := rt.res.Resolve(spec, base, mode)
	if err != nil {
		panic(rt.resolveError(err, parent, base))
	}
	if res.Builtin != "" {
		return c.requireBuiltin(res.Builtin)
	}
	target := rt.compartmentFor(res.Path)
	if !c.mayRequire(target) {
		panic(rt.deniedRequire(c, target, spec))
	}
	if rec, ok := rt.modules[res.Path]; ok && target.cache.Get(res.Path) == rec.obj {
		if parent != nil {
			rt.addChild(parent, rec)
		}
		return rt.exportsFor(c, rec, import_)
	}
	rec := rt.newRecord(res.Path, target, parent, rt.isESM(res.Path))
	if parent != nil {
		rt.addChild(parent, rec)
	}
	rt.loadRecord(rec)
	return rt.exportsFor(c, rec, import_)
}

// exportsFor is what a require() from code of c gets: the exports, except that require() from
// CommonJS of an ES module gets its namespace object, as in Node 20.19+. (Imports from converted
// ES modules need the raw exports: esbuild's interop helpers build their own view of them.) A
// package gets a read-only view of another package's exports (exportview.go); the app and the
// owning package get the real object.
func (rt *Runtime) exportsFor(c *Compartment, rec *moduleRecord, import_ bool) goja.Value {
	if rec.esm && !import_ && rec.loaded {
		return rt.namespaceFor(c, rec, true)
	}
	return rt.exportsView(c, rec.comp, rec.obj.Get("exports"))
}

func (rt *Runtime) addChild(parent, child *moduleRecord) {
	if parent.comp != child.comp {
		return
	}
	children, ok := parent.obj.Get("children").(*goja.Object)
	if !ok {
		return
	}
	push, ok := goja.AssertFunction(children.Get("push"))
	if !ok {
		return
	}
	// Node records a child once.
	if idx, ok := goja.AssertFunction(children.Get("indexOf")); ok {
		if v, err := idx(children, child.obj); err == nil && v.ToInteger() >= 0 {
			return
		}
	}
	_, _ = push(children, child.obj)
}

// loadRecord evaluates a module. If evaluation throws, the module is removed from the caches so a
// later require tries again, as Node does.
func (rt *Runtime) loadRecord(rec *moduleRecord) {
	ok := false
	defer func() {
		if !ok {
			delete(rt.modules, rec.path)
			_ = rec.comp.cache.Delete(rec.path)
		}
	}()
	switch strings.ToLower(filepath.Ext(rec.path)) {
	case ".json":
		rt.loadJSON(rec)
	case ".node":
		panic(rt.nodeError("Error", "ERR_PKGBOX_DENIED",
			"pkgbox: denied: package "+rec.comp.label()+" native.load \""+rec.path+"\" (require) — native addons cannot run inside pkgbox"))
	default:
		rt.loadJS(rec)
	}
	rec.loaded = true
	_ = rec.obj.Set("loaded", true)
	ok = true
}

func (rt *Runtime) loadJSON(rec *moduleRecord) {
	data, err := os.ReadFile(rec.path)
	if err != nil {
		panic(rt.nodeError("Error", "ENOENT", err.Error()))
	}
	parse, _ := goja.AssertFunction(rt.vm.Get("JSON").ToObject(rt.vm).Get("parse"))
	src := strings.TrimPrefix(string(data), "\uFEFF")
	v, err := parse(goja.Undefined(), rt.vm.ToValue(src))
	if err != nil {
		var ex *goja.Exception
		if errors.As(err, &ex) {
			if o, ok := ex.Value().(*goja.Object); ok {
				_ = o.Set("message", rec.path+": "+o.Get("message").String())
			}
		}
		panic(err)
	}
	_ = rec.obj.Set("exports", v)
}

func (rt *Runtime) loadJS(rec *moduleRecord) {
	if traceBuiltins {
		t0 := time.Now()
		defer func() { fmt.Fprintf(os.Stderr, "module %s %v\n", rec.path, time.Since(t0)) }()
	}
	prg, mentioned, err := rt.compileModule(rec)
	if traceBuiltins {
		fmt.Fprintf(os.Stderr, "compiled %s\n", rec.path)
	}
	if err != nil {
		panic(err)
	}
	v, rerr := rt.vm.RunProgram(prg)
	if rerr != nil {
		panic(rerr)
	}
	outer, _ := goja.AssertFunction(v)
	c := rec.comp
	vm := rt.vm
	exports := rec.obj.Get("exports")
	req := c.makeRequire(rec, rec.path, rec.esm)
	args := make([]goja.Value, len(outerParams))
	n := len(globalNames)
	for i, name := range globalNames {
		if mentioned[name] {
			args[i] = c.globalValue(name)
		} else {
			args[i] = goja.Undefined()
		}
	}
	args[n] = goja.Undefined()
	if mentioned["__pkgbox_import"] {
		args[n] = rt.nativeFunc("import", 1, func(call goja.FunctionCall) goja.Value {
			return rt.dynamicImport(c, rec, call.Argument(0))
		})
	}
	args[n+1] = goja.Undefined()
	if mentioned["__pkgbox_import_meta"] {
		args[n+1] = rt.importMeta(rec)
	}
	inner, ok := goja.AssertFunction(rt.mustCall(outer, goja.Undefined(), args...))
	if !ok {
		panic(rt.plainError("pkgbox: " + rec.path + ": the module wrapper did not compile to a function"))
	}
	rt.mustCall(inner, exports, exports, req, rec.obj, vm.ToValue(rec.path), vm.ToValue(filepath.Dir(rec.path)))
}

// importMeta builds import.meta for a module converted from ESM.
func (rt *Runtime) importMeta(rec *moduleRecord) goja.Value {
	vm := rt.vm
	meta := vm.NewObject()
	_ = meta.SetPrototype(nil)
	_ = meta.Set("url", fileURL(rec.path))
	_ = meta.Set("filename", rec.path)
	_ = meta.Set("dirname", filepath.Dir(rec.path))
	_ = meta.Set("resolve", rt.nativeFunc("resolve", 1, func(call goja.FunctionCall) goja.Value {
		spec := call.Argument(0).String()
		if name, ok := rt.builtinName(spec); ok {
			return vm.ToValue("node:" + name)
		}
		res, err := rt.res.Resolve(spec, rec.path, resolve.Import)
		if err != nil {
			panic(rt.resolveError(err, rec, rec.path))
		}
		if res.Builtin != "" {
			return vm.ToValue("node:" + res.Builtin)
		}
		return vm.ToValue(fileURL(res.Path))
	}))
	return meta
}

// isESM reports whether a file is an ES module by Node's rules (.mjs/.mts, or .js/.ts under
// "type": "module"); such files are converted to CommonJS and resolve their imports with the
// "import" condition.
func (rt *Runtime) isESM(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".mjs", ".mts":
		return true
	case ".js", ".ts", ".tsx", ".jsx":
		return rt.res.TypeScope(path) == "module"
	}
	return false
}

func (rt *Runtime) isESMEntry(path string) bool { return rt.isESM(path) }

func fileURL(path string) string {
	return "file://" + escapePath(path)
}

func escapePath(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c == '%' || c == ' ' || c == '#' || c == '?' || c == '"' || c == '\n' || c == '\r' || c == '\t' || c < 0x20 || c >= 0x7f {
			b.WriteString("%")
			b.WriteString(strings.ToUpper(string("0123456789abcdef"[c>>4]) + string("0123456789abcdef"[c&15])))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

func stringArray(vm *goja.Runtime, ss []string) *goja.Object {
	vals := make([]any, len(ss))
	for i, s := range ss {
		vals[i] = s
	}
	return vm.NewArray(vals...)
}
