package loader

import (
	"sort"

	"github.com/dop251/goja"

	"github.com/pkgbox/pkgbox/loader/resolve"
)

// Module namespace objects: what import() resolves to and what require() of an ES module returns.
// Like Node's, they have a null prototype, are sealed, are tagged "Module", and are the same
// object every time for the same module.

// dynamicImport implements import(spec) for code of rec (lowered by esbuild to
// __pkgbox_import(spec, nodeMode)).
func (rt *Runtime) dynamicImport(c *Compartment, rec *moduleRecord, spec goja.Value) goja.Value {
	s := spec.String()
	if name, ok := rt.builtinName(s); ok {
		return c.builtinNamespace(name)
	}
	res, err := rt.res.Resolve(s, rec.path, resolve.Import)
	if err != nil {
		panic(rt.resolveError(err, rec, rec.path))
	}
	if res.Builtin != "" {
		return c.builtinNamespace(res.Builtin)
	}
	rt.requireFrom(c, rec, rec.path, s, true)
	target := rt.modules[res.Path]
	if target == nil {
		panic(rt.plainError("Cannot load " + res.Path))
	}
	return rt.namespaceFor(c, target, false)
}

// namespace returns the namespace of a loaded module; forRequire adds the __esModule flag Node
// puts on what require() of an ES module returns.
func (rt *Runtime) namespace(rec *moduleRecord, forRequire bool) *goja.Object {
	slot := &rec.nsImport
	if forRequire {
		slot = &rec.nsRequire
	}
	if *slot != nil {
		return *slot
	}
	ns := rt.buildNamespace(rec.obj.Get("exports"), rec.esm, forRequire)
	*slot = ns
	return ns
}

func (c *Compartment) builtinNamespace(name string) goja.Value {
	key := "\x00ns:" + name
	if v, ok := c.values[key]; ok {
		return v
	}
	ns := c.rt.buildNamespace(c.requireBuiltin(name), false, false)
	c.values[key] = ns
	return ns
}

func (rt *Runtime) buildNamespace(exports goja.Value, esm, forRequire bool) *goja.Object {
	vm := rt.vm
	ns := vm.NewObject()
	_ = ns.SetPrototype(nil)
	obj, isObj := exports.(*goja.Object)
	var keys []string
	if isObj {
		keys = obj.Keys()
		if esm {
			// A converted ES module's exports are getters, some of them not enumerable.
			keys = ownStringKeys(vm, obj)
		}
	}
	seen := map[string]bool{}
	var names []string
	for _, k := range keys {
		if k == "__esModule" && esm {
			continue
		}
		if !esm && k == "default" {
			continue
		}
		if !seen[k] {
			seen[k] = true
			names = append(names, k)
		}
	}
	if !esm {
		names = append(names, "default")
	}
	if forRequire {
		names = append(names, "__esModule")
	}
	sort.Strings(names)
	for _, k := range names {
		k := k
		switch {
		case k == "__esModule" && forRequire:
			_ = ns.DefineDataProperty(k, vm.ToValue(true), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
		case !esm && k == "default":
			_ = ns.DefineDataProperty(k, exports, goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE)
		case esm:
			// Live binding: read through to the module's export.
			getter := rt.nativeFunc(k, 0, func(goja.FunctionCall) goja.Value { return obj.Get(k) })
			_ = ns.DefineAccessorProperty(k, getter, nil, goja.FLAG_FALSE, goja.FLAG_TRUE)
		default:
			_ = ns.DefineDataProperty(k, obj.Get(k), goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE)
		}
	}
	_ = ns.DefineDataPropertySymbol(goja.SymToStringTag, vm.ToValue("Module"), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	if esm {
		_ = ns.DefineDataPropertySymbol(esmMarker(vm), vm.ToValue(true), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	}
	preventExtensions(vm, ns)
	return ns
}

var ownKeysProgram = goja.MustCompile("ownkeys.js", "(function (o) { return Object.getOwnPropertyNames(o); })", true)
var preventExtensionsProgram = goja.MustCompile("seal.js", "(function (o) { Object.preventExtensions(o); })", true)
var symbolForProgram = goja.MustCompile("symfor.js", "(function () { return Symbol.for('pkgbox.esm'); })", true)

func ownStringKeys(vm *goja.Runtime, o *goja.Object) []string {
	f, _ := vm.RunProgram(ownKeysProgram)
	fn, _ := goja.AssertFunction(f)
	v, err := fn(goja.Undefined(), o)
	if err != nil {
		return nil
	}
	var out []string
	_ = vm.ExportTo(v, &out)
	return out
}

func preventExtensions(vm *goja.Runtime, o *goja.Object) {
	f, _ := vm.RunProgram(preventExtensionsProgram)
	fn, _ := goja.AssertFunction(f)
	_, _ = fn(goja.Undefined(), o)
}

func esmMarker(vm *goja.Runtime) *goja.Symbol {
	f, _ := vm.RunProgram(symbolForProgram)
	fn, _ := goja.AssertFunction(f)
	v, _ := fn(goja.Undefined())
	s, _ := v.(*goja.Symbol)
	return s
}
