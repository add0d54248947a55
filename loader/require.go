package loader

import (
	"path/filepath"
	"strings"

	"github.com/dop251/goja"

	"github.com/pkgbox/pkgbox/loader/resolve"
)

// makeRequire builds a require function for compartment c that resolves from base. Whatever base
// says, the function loads with c's identity and rights (createRequire, Module.prototype.require
// and friends all end here).
func (c *Compartment) makeRequire(rec *moduleRecord, base string, import_ bool) *goja.Object {
	rt := c.rt
	vm := rt.vm
	req := rt.nativeFunc("require", 1, func(call goja.FunctionCall) goja.Value {
		if rec != nil {
			return rt.require(rec, call.Argument(0), import_)
		}
		spec, ok := call.Argument(0).Export().(string)
		if !ok || spec == "" {
			panic(rt.nodeError("TypeError", "ERR_INVALID_ARG_TYPE", `The "id" argument must be of type string. Received `+describeReceived(call.Argument(0))))
		}
		return rt.requireFrom(c, nil, base, spec, import_)
	})
	resolveFn := rt.nativeFunc("resolve", 2, func(call goja.FunctionCall) goja.Value {
		spec, ok := call.Argument(0).Export().(string)
		if !ok {
			panic(rt.nodeError("TypeError", "ERR_INVALID_ARG_TYPE", `The "request" argument must be of type string. Received `+describeReceived(call.Argument(0))))
		}
		if name, ok := rt.builtinName(spec); ok {
			if def := rt.builtins[name]; def != nil && !def.internal || nodeBuiltinNames[name] {
				return vm.ToValue(spec)
			}
		}
		mode := resolve.Require
		if import_ {
			mode = resolve.Import
		}
		var res resolve.Result
		var err error
		if opts, ok := call.Argument(1).(*goja.Object); ok && opts.Get("paths") != nil && !goja.IsUndefined(opts.Get("paths")) {
			var paths []string
			if err := vm.ExportTo(opts.Get("paths"), &paths); err != nil {
				panic(rt.nodeError("TypeError", "ERR_INVALID_ARG_VALUE", "The property 'options.paths' must be an Array. Received "+describeReceived(opts.Get("paths"))))
			}
			res, err = rt.res.ResolvePaths(spec, paths, base, mode)
		} else {
			res, err = rt.res.Resolve(spec, base, mode)
		}
		if err != nil {
			panic(rt.resolveError(err, rec, base))
		}
		if res.Builtin != "" {
			return vm.ToValue(spec)
		}
		return vm.ToValue(res.Path)
	})
	pathsFn := rt.nativeFunc("paths", 1, func(call goja.FunctionCall) goja.Value {
		spec := call.Argument(0).String()
		if _, ok := rt.builtinName(spec); ok {
			return goja.Null()
		}
		return stringArray(vm, rt.res.LookupPaths(spec, base))
	})
	_ = resolveFn.Set("paths", pathsFn)
	_ = req.Set("resolve", resolveFn)
	_ = req.Set("cache", c.cache)
	_ = req.Set("main", c.mainModuleValue())
	_ = req.Set("extensions", c.extensionsObject())
	return req
}

// mainModuleValue is require.main / process.mainModule: the main module itself for the app, and
// for a package a stub that names the entry file but hands out nothing (Node would give the app's
// module object, and with it the app's require).
func (c *Compartment) mainModuleValue() goja.Value {
	rt := c.rt
	if rt.main == nil {
		return goja.Undefined()
	}
	if c == rt.main.comp {
		return rt.main.obj
	}
	if v, ok := c.values["\x00mainStub"]; ok {
		return v
	}
	v := rt.foreignModuleStub(rt.main)
	c.values["\x00mainStub"] = v
	return v
}

func (c *Compartment) extensionsObject() goja.Value {
	if v, ok := c.values["\x00extensions"]; ok {
		return v
	}
	vm := c.rt.vm
	o := vm.NewObject()
	for _, ext := range []string{".js", ".json", ".node"} {
		ext := ext
		_ = o.Set(ext, c.rt.nativeFunc("", 2, func(call goja.FunctionCall) goja.Value {
			panic(c.rt.nodeError("Error", "ERR_PKGBOX_UNSUPPORTED", "pkgbox: require.extensions['"+ext+"'] cannot be called or replaced; modules are loaded by pkgbox"))
		}))
	}
	c.values["\x00extensions"] = o
	return o
}

// moduleProto is the compartment's Module.prototype.
func (c *Compartment) moduleProto() *goja.Object {
	if v, ok := c.values["\x00moduleProto"]; ok {
		return v.(*goja.Object)
	}
	// Every module's prototype, but most compartments never reach Module itself: the constructor
	// and its statics are made when proto.constructor is first read.
	rt := c.rt
	proto := rt.vm.NewObject()
	c.values["\x00moduleProto"] = proto
	c.installModuleRequire(proto)
	get := rt.nativeFunc("get constructor", 0, func(goja.FunctionCall) goja.Value { return c.moduleConstructor() })
	set := rt.nativeFunc("set constructor", 1, func(call goja.FunctionCall) goja.Value {
		_ = proto.DefineDataProperty("constructor", call.Argument(0), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		return goja.Undefined()
	})
	_ = proto.DefineAccessorProperty("constructor", get, set, goja.FLAG_TRUE, goja.FLAG_FALSE)
	return proto
}

// moduleConstructor is the compartment's `require('module')`: Node's Module class with the
// documented statics. Everything that loads code does so as this compartment.
func (c *Compartment) moduleConstructor() *goja.Object {
	if v, ok := c.values["\x00moduleCtor"]; ok {
		return v.(*goja.Object)
	}
	rt := c.rt
	vm := rt.vm
	proto := c.moduleProto()
	ctor := rt.nativeCtor("Module", 2, func(call goja.ConstructorCall) *goja.Object {
		id := call.Argument(0)
		if goja.IsUndefined(id) {
			id = vm.ToValue("")
		}
		_ = call.This.Set("id", id)
		_ = call.This.Set("path", filepath.Dir(id.String()))
		_ = call.This.Set("exports", vm.NewObject())
		_ = call.This.Set("filename", goja.Null())
		_ = call.This.Set("loaded", false)
		_ = call.This.Set("children", vm.NewArray())
		_ = call.This.Set("paths", vm.NewArray())
		return nil
	})
	_ = ctor.Set("prototype", proto)
	_ = proto.DefineDataProperty("constructor", ctor, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	c.values["\x00moduleCtor"] = ctor
	createRequire := rt.nativeFunc("createRequire", 1, func(call goja.FunctionCall) goja.Value {
		p := call.Argument(0).String()
		if strings.HasPrefix(p, "file://") {
			p = filePathFromURL(p)
		}
		if !filepath.IsAbs(p) {
			panic(rt.nodeError("TypeError", "ERR_INVALID_ARG_VALUE",
				"The argument 'filename' must be a file URL object, file URL string, or absolute path string. Received "+describeReceived(call.Argument(0))))
		}
		if strings.HasSuffix(p, "/") {
			p += "noop.js"
		}
		return c.makeRequire(nil, p, false)
	})
	_ = ctor.Set("createRequire", createRequire)
	_ = ctor.Set("builtinModules", stringArray(vm, publicBuiltinNames()))
	_ = ctor.Set("isBuiltin", rt.nativeFunc("isBuiltin", 1, func(call goja.FunctionCall) goja.Value {
		_, ok := rt.builtinName(call.Argument(0).String())
		return vm.ToValue(ok)
	}))
	_ = ctor.Set("_cache", c.cache)
	_ = ctor.Set("_extensions", c.extensionsObject())
	_ = ctor.Set("_pathCache", vm.NewObject())
	_ = ctor.Set("globalPaths", vm.NewArray())
	_ = ctor.Set("Module", ctor)
	_ = ctor.Set("wrapper", vm.NewArray("(function (exports, require, module, __filename, __dirname) { ", "\n});"))
	_ = ctor.Set("wrap", rt.nativeFunc("wrap", 1, func(call goja.FunctionCall) goja.Value {
		return vm.ToValue("(function (exports, require, module, __filename, __dirname) { " + call.Argument(0).String() + "\n});")
	}))
	_ = ctor.Set("_nodeModulePaths", rt.nativeFunc("_nodeModulePaths", 1, func(call goja.FunctionCall) goja.Value {
		return stringArray(vm, rt.res.LookupPaths("x", filepath.Join(call.Argument(0).String(), "x")))
	}))
	_ = ctor.Set("_load", rt.nativeFunc("_load", 3, func(call goja.FunctionCall) goja.Value {
		spec := call.Argument(0).String()
		base := c.pkg.Dir + string(filepath.Separator)
		var from *moduleRecord
		if p, ok := call.Argument(1).(*goja.Object); ok {
			if rec := c.recordOf(p); rec != nil {
				from, base = rec, rec.path
			}
		}
		return rt.requireFrom(c, from, base, spec, false)
	}))
	_ = ctor.Set("_resolveFilename", rt.nativeFunc("_resolveFilename", 2, func(call goja.FunctionCall) goja.Value {
		spec := call.Argument(0).String()
		if name, ok := rt.builtinName(spec); ok {
			_ = name
			return vm.ToValue(spec)
		}
		base := c.pkg.Dir + string(filepath.Separator)
		var from *moduleRecord
		if p, ok := call.Argument(1).(*goja.Object); ok {
			if rec := c.recordOf(p); rec != nil {
				from, base = rec, rec.path
			}
		}
		res, err := rt.res.Resolve(spec, base, resolve.Require)
		if err != nil {
			panic(rt.resolveError(err, from, base))
		}
		if res.Builtin != "" {
			return vm.ToValue(res.Builtin)
		}
		return vm.ToValue(res.Path)
	}))
	_ = ctor.Set("findSourceMap", rt.nativeFunc("findSourceMap", 1, func(goja.FunctionCall) goja.Value { return goja.Undefined() }))
	_ = ctor.Set("syncBuiltinESMExports", rt.nativeFunc("syncBuiltinESMExports", 0, func(goja.FunctionCall) goja.Value { return goja.Undefined() }))
	_ = ctor.Set("register", rt.nativeFunc("register", 1, func(goja.FunctionCall) goja.Value {
		panic(rt.nodeError("Error", "ERR_PKGBOX_UNSUPPORTED", "pkgbox: module.register() (loader hooks) is not supported"))
	}))
	return ctor
}

// recordOf finds the record behind a module object of this compartment, ignoring objects that
// merely look like one (module.filename spoofing grants nothing).
func (c *Compartment) recordOf(obj *goja.Object) *moduleRecord {
	fn, ok := obj.Get("filename").Export().(string)
	if !ok {
		return nil
	}
	rec, ok := c.rt.modules[fn]
	if !ok || rec.obj != obj || rec.comp != c {
		return nil
	}
	return rec
}

func filePathFromURL(u string) string {
	p := strings.TrimPrefix(u, "file://")
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		if p[i] == '%' && i+2 < len(p) {
			if v, ok := unhex(p[i+1]); ok {
				if w, ok := unhex(p[i+2]); ok {
					b.WriteByte(v<<4 | w)
					i += 2
					continue
				}
			}
		}
		b.WriteByte(p[i])
	}
	return b.String()
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// installModuleRequire gives Module.prototype its require: module.require(id) resolves from this
// module's file, with the compartment's identity.
func (c *Compartment) installModuleRequire(proto *goja.Object) {
	rt := c.rt
	_ = proto.Set("require", rt.nativeFunc("require", 1, func(call goja.FunctionCall) goja.Value {
		spec, ok := call.Argument(0).Export().(string)
		if !ok || spec == "" {
			panic(rt.nodeError("TypeError", "ERR_INVALID_ARG_TYPE", `The "id" argument must be of type string. Received `+describeReceived(call.Argument(0))))
		}
		base := c.pkg.Dir + string(filepath.Separator)
		var from *moduleRecord
		if this, ok := call.This.(*goja.Object); ok {
			if rec := c.recordOf(this); rec != nil {
				from = rec
				base = rec.path
			}
		}
		return rt.requireFrom(c, from, base, spec, false)
	}))
}
