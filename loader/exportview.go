package loader

import (
	"reflect"
	"strconv"

	"github.com/dop251/goja"

	"github.com/pkgbox/pkgbox/loader/node/lib"
)

// Read-only views of other packages' exports.
//
// In Node every package that requires A gets the very object the app gets, so a package B that
// declares A as a dependency can replace A.sign or patch A.Client.prototype.prepare and see the
// app's calls. Here, when B's compartment receives the exports of a module owned by another
// compartment, it gets a view: a Proxy with Go traps over a shadow target. The app, and A itself,
// always get the real object; so do modules of B's own package.
//
//   - Writes through a view are refused (false from the trap, so a TypeError in strict code):
//     set, defineProperty or delete of a property the real object has, setPrototypeOf,
//     preventExtensions. A property the real object lacks may be added: it lives on the view's
//     expando and only this compartment sees it (packages do decorate their dependencies' exports
//     for their own use). A set whose receiver is another object inheriting from the view (a
//     subclass's static field) is ordinary: it lands on the receiver, never on the real object.
//   - Reads forward to the real object. Function values come back as function views (one per real
//     function per compartment, so require('A').f === require('A').f inside B); apply and
//     construct forward, with a view as `this` or new.target replaced by its real object, and a
//     result that is a real object B holds a view of comes back as that view (`return this`).
//     Accessors reported by getOwnPropertyDescriptor read through the view (the getters esbuild
//     gives converted ES modules would otherwise return the real export). Other objects (nested
//     data such as A.defaults, instances, results) are returned as they are: they stay shared and
//     mutable, a documented limit (SECURITY.md).
//   - `prototype` read through a function view (and any construction through it) is the real
//     prototype, so instances, subclasses and instanceof work across compartments, but it is tamed
//     first, once, for everyone: its data properties become accessors that refuse assignment
//     through the prototype itself but define an own property on any other receiver (the taming
//     lockdown applies to intrinsics, tameDataProperty), its accessors become non-configurable,
//     and it becomes non-extensible, so no package can replace or shadow an inherited method. The
//     same is done up its prototype chain, and to each constructor found there (reachable from
//     any instance as .constructor): its function-valued properties are tamed, its `prototype`
//     made read-only and the function non-extensible.
//
// The shadow target (an empty object, array or bound function) only satisfies the Proxy
// invariants: every trap answers from the real object, every property is reported configurable,
// and the shadow carries lib.ViewTarget so util.inspect formats the view through its traps, as it
// would the real object, instead of printing the shadow.

// exportViews is one compartment's table of views.
type exportViews struct {
	rt     *Runtime
	h      viewHelpers
	byReal map[*goja.Object]*goja.Object // real object → its view
	byView map[*goja.Object]*goja.Object // view → its real object
	ns     map[nsKey]*goja.Object        // namespace objects built over views
}

type nsKey struct {
	rec        *moduleRecord
	forRequire bool
}

// viewHelpers are the Reflect operations goja has no Go API for, made once per compartment from
// frozen intrinsics.
type viewHelpers struct {
	has, ownKeys, desc, set, get, extensible, frozen, preventExtensions, isArray, shadowFunction, mergeKeys goja.Callable
}

var viewHelpersProgram = goja.MustCompile("exportview.js", `(function () {
  'use strict';
  const R = Reflect;
  return [
    (o, k) => k in o,
    (o) => R.ownKeys(o),
    (o, k) => R.getOwnPropertyDescriptor(o, k),
    (o, k, v, r) => R.set(o, k, v, r),
    (o, k, r) => R.get(o, k, r),
    (o) => R.isExtensible(o),
    (o) => Object.isFrozen(o),
    (o) => R.preventExtensions(o),
    (o) => Array.isArray(o),
    () => (function () {}).bind(),
    (a, b) => { const s = new Set(a); return a.concat(b.filter((k) => !s.has(k))); },
  ];
})`, true)

func (c *Compartment) viewTable() *exportViews {
	if c.views != nil {
		return c.views
	}
	rt := c.rt
	fn, _ := goja.AssertFunction(rt.mustRun(viewHelpersProgram))
	arr := rt.mustCall(fn, goja.Undefined()).(*goja.Object)
	at := func(i int) goja.Callable {
		f, _ := goja.AssertFunction(arr.Get(strconv.Itoa(i)))
		return f
	}
	c.views = &exportViews{
		rt: rt,
		h: viewHelpers{
			has: at(0), ownKeys: at(1), desc: at(2), set: at(3), get: at(4), extensible: at(5),
			frozen: at(6), preventExtensions: at(7), isArray: at(8), shadowFunction: at(9), mergeKeys: at(10),
		},
		byReal: map[*goja.Object]*goja.Object{},
		byView: map[*goja.Object]*goja.Object{},
		ns:     map[nsKey]*goja.Object{},
	}
	return c.views
}

func (rt *Runtime) mustRun(p *goja.Program) goja.Value {
	v, err := rt.vm.RunProgram(p)
	if err != nil {
		panic(err)
	}
	return v
}

// viewsFor reports whether code of c gets views of the exports of modules owned by owner.
func viewsFor(c, owner *Compartment) bool {
	return c != owner && !c.pkg.App
}

// exportsView is what code of c gets for the exports value v of a module owned by owner.
func (rt *Runtime) exportsView(c, owner *Compartment, v goja.Value) goja.Value {
	o, ok := v.(*goja.Object)
	if !ok {
		return v
	}
	if !viewsFor(c, owner) {
		if c.pkg.App {
			// A package that re-exports a dependency (module.exports = require('dep')) exports
			// its view of it; the app gets what it would get from require('dep').
			if r := realOf(o); r != nil {
				return r
			}
		}
		return v
	}
	return c.viewTable().view(o)
}

// namespaceFor is rt.namespace as code of c sees it: built over c's view of the exports when the
// module belongs to another compartment, so that no property of it reaches the real object.
func (rt *Runtime) namespaceFor(c *Compartment, rec *moduleRecord, forRequire bool) *goja.Object {
	if !viewsFor(c, rec.comp) {
		return rt.namespace(rec, forRequire)
	}
	t := c.viewTable()
	key := nsKey{rec, forRequire}
	if ns, ok := t.ns[key]; ok {
		return ns
	}
	ns := rt.buildNamespace(rt.exportsView(c, rec.comp, rec.obj.Get("exports")), rec.esm, forRequire)
	t.ns[key] = ns
	return ns
}

// realOf returns the real object behind a view of any compartment, or nil.
func realOf(o *goja.Object) *goja.Object {
	if o.ExportType() != proxyExportType {
		return nil
	}
	p, _ := o.Export().(goja.Proxy)
	t := p.Target()
	if t == nil {
		return nil
	}
	if r, ok := t.GetSymbol(lib.ViewTarget).(*goja.Object); ok {
		return r
	}
	return nil
}

var proxyExportType = reflect.TypeOf(goja.Proxy{})

// view returns this compartment's view of the real object o (made on first use).
func (t *exportViews) view(o *goja.Object) *goja.Object {
	if v, ok := t.byReal[o]; ok {
		return v
	}
	if _, ok := t.byView[o]; ok {
		return o
	}
	if r := realOf(o); r != nil {
		// A view another compartment re-exported: view the real object instead, so that
		// require('A') === require('D') holds here when A re-exports D.
		return t.view(r)
	}
	vm := t.rt.vm
	_, isFunc := goja.AssertFunction(o)
	isArray := !isFunc && t.rt.mustCall(t.h.isArray, goja.Undefined(), o).ToBoolean()
	var shadow *goja.Object
	switch {
	case isFunc:
		shadow = t.rt.mustCall(t.h.shadowFunction, goja.Undefined()).(*goja.Object)
	case isArray:
		shadow = vm.NewArray()
	default:
		shadow = vm.NewObject()
		_ = shadow.SetPrototype(nil)
	}
	// Configurable, so the Proxy invariants never require a trap to report it.
	_ = shadow.DefineDataPropertySymbol(lib.ViewTarget, o, goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	v := &view{t: t, real: o, isFunc: isFunc, isArray: isArray}
	if isFunc {
		v.call, _ = goja.AssertFunction(o)
	}
	p := vm.NewProxy(shadow, v.traps())
	obj := vm.ToValue(p).(*goja.Object)
	v.self = obj
	t.byReal[o] = obj
	t.byView[obj] = o
	return obj
}

// value is what a read through a view returns for the value x of property key of owner.
func (t *exportViews) value(owner *view, key string, x goja.Value) goja.Value {
	o, ok := x.(*goja.Object)
	if !ok {
		return x
	}
	if v, ok := t.byReal[o]; ok {
		return v
	}
	if _, ok := goja.AssertFunction(o); ok {
		return t.view(o)
	}
	if owner.isFunc && key == "prototype" {
		owner.hardenOnce()
	}
	return x
}

// result maps what a call through a view returned: a real object this compartment holds a view
// of comes back as that view.
func (t *exportViews) result(x goja.Value) goja.Value {
	if o, ok := x.(*goja.Object); ok {
		if v, ok := t.byReal[o]; ok {
			return v
		}
	}
	return x
}

func (t *exportViews) unwrap(x goja.Value) goja.Value {
	if o, ok := x.(*goja.Object); ok {
		if r, ok := t.byView[o]; ok {
			return r
		}
	}
	return x
}

type view struct {
	t        *exportViews
	real     *goja.Object
	self     *goja.Object
	isFunc   bool
	isArray  bool
	call     goja.Callable
	hardened bool

	// Properties this compartment added that the real object lacks: visible through this view
	// only (ajv, for one, adds a property to a dependency's exports for its own use).
	expando *goja.Object
	added   map[any]bool // string or *goja.Symbol
}

func (v *view) hardenOnce() {
	if !v.hardened {
		v.hardened = true
		v.t.hardenClass(v.real)
	}
}

// propKey is a property key in the three forms the traps need.
type propKey struct {
	val  goja.Value   // for calls into JavaScript
	name string       // "" for a symbol
	sym  *goja.Symbol // nil for a string
}

func (k propKey) id() any {
	if k.sym != nil {
		return k.sym
	}
	return k.name
}

func getKey(o *goja.Object, k propKey) goja.Value {
	if k.sym != nil {
		return o.GetSymbol(k.sym)
	}
	return o.Get(k.name)
}

func (v *view) get(k propKey, receiver goja.Value) goja.Value {
	t := v.t
	if v.added[k.id()] {
		return orUndefined(getKey(v.expando, k))
	}
	if receiver == v.self {
		return orUndefined(t.value(v, k.name, getKey(v.real, k)))
	}
	return t.value(v, k.name, t.rt.mustCall(t.h.get, goja.Undefined(), v.real, k.val, receiver))
}

func (v *view) has(k propKey) bool {
	return v.added[k.id()] || v.t.rt.mustCall(v.t.h.has, goja.Undefined(), v.real, k.val).ToBoolean()
}

func (v *view) set(k propKey, value, receiver goja.Value) bool {
	t := v.t
	rt := t.rt
	if receiver != v.self {
		// Assignment to an object inheriting from the view (a subclass's static): ordinary
		// semantics, which put the property on the receiver, never on the real object.
		return rt.mustCall(t.h.set, goja.Undefined(), v.real, k.val, value, receiver).ToBoolean()
	}
	if v.added[k.id()] {
		return rt.mustCall(t.h.set, goja.Undefined(), v.expando, k.val, value, v.expando).ToBoolean()
	}
	if v.has(k) {
		return false
	}
	return v.add(k, goja.PropertyDescriptor{Value: value, Writable: goja.FLAG_TRUE, Enumerable: goja.FLAG_TRUE, Configurable: goja.FLAG_TRUE})
}

func (v *view) define(k propKey, d goja.PropertyDescriptor) bool {
	if !v.added[k.id()] && v.has(k) {
		return false
	}
	return v.add(k, d)
}

// add defines a property the real object lacks on this view's expando.
func (v *view) add(k propKey, d goja.PropertyDescriptor) bool {
	if v.expando == nil {
		v.expando = v.t.rt.vm.NewObject()
		_ = v.expando.SetPrototype(nil)
		v.added = map[any]bool{}
	}
	var err error
	switch {
	case d.Getter != nil || d.Setter != nil:
		g, s := orUndefined(d.Getter), orUndefined(d.Setter)
		if k.sym != nil {
			err = v.expando.DefineAccessorPropertySymbol(k.sym, g, s, d.Configurable, d.Enumerable)
		} else {
			err = v.expando.DefineAccessorProperty(k.name, g, s, d.Configurable, d.Enumerable)
		}
	default:
		val := orUndefined(d.Value)
		if k.sym != nil {
			err = v.expando.DefineDataPropertySymbol(k.sym, val, d.Writable, d.Configurable, d.Enumerable)
		} else {
			err = v.expando.DefineDataProperty(k.name, val, d.Writable, d.Configurable, d.Enumerable)
		}
	}
	if err != nil {
		return false
	}
	v.added[k.id()] = true
	return true
}

func (v *view) remove(k propKey) bool {
	if v.added[k.id()] {
		var err error
		if k.sym != nil {
			err = v.expando.DeleteSymbol(k.sym)
		} else {
			err = v.expando.Delete(k.name)
		}
		if err != nil {
			return false
		}
		delete(v.added, k.id())
		return true
	}
	return !v.has(k) // deleting what does not exist succeeds; deleting the real object's fails
}

func (v *view) ownKeys() *goja.Object {
	t := v.t
	keys := t.rt.mustCall(t.h.ownKeys, goja.Undefined(), v.real).(*goja.Object)
	if len(v.added) == 0 {
		return keys
	}
	return t.rt.mustCall(t.h.mergeKeys, goja.Undefined(), keys, t.rt.mustCall(t.h.ownKeys, goja.Undefined(), v.expando)).(*goja.Object)
}

func (t *exportViews) strKey(name string) propKey {
	return propKey{val: t.rt.vm.ToValue(name), name: name}
}

func symKey(s *goja.Symbol) propKey { return propKey{val: s, sym: s} }

func (v *view) traps() *goja.ProxyTrapConfig {
	t := v.t
	rt := t.rt
	const where = "exports view"
	return &goja.ProxyTrapConfig{
		Get: func(_ *goja.Object, key string, receiver goja.Value) goja.Value {
			defer rt.recoverNative(where)
			if receiver == v.self && v.added == nil {
				return orUndefined(t.value(v, key, v.real.Get(key))) // the common case, kept short
			}
			return v.get(t.strKey(key), receiver)
		},
		GetSym: func(_ *goja.Object, key *goja.Symbol, receiver goja.Value) goja.Value {
			defer rt.recoverNative(where)
			return v.get(symKey(key), receiver)
		},
		Has: func(_ *goja.Object, key string) bool {
			defer rt.recoverNative(where)
			return v.has(t.strKey(key))
		},
		HasSym: func(_ *goja.Object, key *goja.Symbol) bool {
			defer rt.recoverNative(where)
			return v.has(symKey(key))
		},
		GetOwnPropertyDescriptor: func(_ *goja.Object, key string) goja.PropertyDescriptor {
			defer rt.recoverNative(where)
			return v.descriptor(t.strKey(key))
		},
		GetOwnPropertyDescriptorSym: func(_ *goja.Object, key *goja.Symbol) goja.PropertyDescriptor {
			defer rt.recoverNative(where)
			return v.descriptor(symKey(key))
		},
		OwnKeys: func(*goja.Object) *goja.Object {
			defer rt.recoverNative(where)
			return v.ownKeys()
		},
		GetPrototypeOf: func(*goja.Object) *goja.Object {
			defer rt.recoverNative(where)
			p := v.real.Prototype()
			if p == nil {
				return nil
			}
			if rt.mustCall(t.h.frozen, goja.Undefined(), p).ToBoolean() {
				return p // an intrinsic such as Function.prototype: nothing to protect
			}
			if x, ok := t.value(v, "", p).(*goja.Object); ok && x != p {
				return x // a parent class, or an object this compartment holds a view of
			}
			t.hardenProto(p)
			return p
		},
		Set: func(_ *goja.Object, key string, value, receiver goja.Value) bool {
			defer rt.recoverNative(where)
			return v.set(t.strKey(key), value, receiver)
		},
		SetSym: func(_ *goja.Object, key *goja.Symbol, value, receiver goja.Value) bool {
			defer rt.recoverNative(where)
			return v.set(symKey(key), value, receiver)
		},
		DefineProperty: func(_ *goja.Object, key string, d goja.PropertyDescriptor) bool {
			defer rt.recoverNative(where)
			return v.define(t.strKey(key), d)
		},
		DefinePropertySym: func(_ *goja.Object, key *goja.Symbol, d goja.PropertyDescriptor) bool {
			defer rt.recoverNative(where)
			return v.define(symKey(key), d)
		},
		DeleteProperty: func(_ *goja.Object, key string) bool {
			defer rt.recoverNative(where)
			return v.remove(t.strKey(key))
		},
		DeletePropertySym: func(_ *goja.Object, key *goja.Symbol) bool {
			defer rt.recoverNative(where)
			return v.remove(symKey(key))
		},
		SetPrototypeOf:    func(*goja.Object, *goja.Object) bool { return false },
		PreventExtensions: func(*goja.Object) bool { return false },
		Apply: func(_ *goja.Object, this goja.Value, args []goja.Value) goja.Value {
			defer rt.recoverNative(where)
			if v.call == nil {
				panic(rt.vm.NewTypeError("not a function"))
			}
			res, err := v.call(t.unwrap(this), args...)
			if err != nil {
				panic(err)
			}
			return t.result(res)
		},
		Construct: func(_ *goja.Object, args []goja.Value, newTarget *goja.Object) *goja.Object {
			defer rt.recoverNative(where)
			ctor, ok := goja.AssertConstructor(v.real)
			if !ok {
				panic(rt.vm.NewTypeError("%s is not a constructor", v.real.Get("name")))
			}
			v.hardenOnce()
			if r, ok := t.byView[newTarget]; ok {
				newTarget = r
			}
			obj, err := ctor(newTarget, args...)
			if err != nil {
				panic(err)
			}
			return obj
		},
	}
}

// descriptor reports an own property through the view: the real object's, with values as a read
// returns them, or one this view added; always configurable (the shadow lacks the property; only
// an array's length, which the shadow has too, is reported as it is).
func (v *view) descriptor(k propKey) goja.PropertyDescriptor {
	t := v.t
	rt := t.rt
	from := v.real
	if v.added[k.id()] {
		from = v.expando
	}
	d, ok := rt.mustCall(t.h.desc, goja.Undefined(), from, k.val).(*goja.Object)
	if !ok {
		return goja.PropertyDescriptor{}
	}
	pd := goja.PropertyDescriptor{Configurable: goja.FLAG_TRUE, Enumerable: flagOf(d.Get("enumerable"))}
	g, s := d.Get("get"), d.Get("set")
	switch {
	case from == v.expando && (g != nil || s != nil):
		pd.Getter, pd.Setter = orUndefined(g), orUndefined(s)
	case g != nil || s != nil:
		// Not the real accessors: the getter of a converted ES module returns the real export.
		// These read through the view, and the setter refuses like a write through it.
		pd.Getter, pd.Setter = goja.Undefined(), goja.Undefined()
		if !goja.IsUndefined(orUndefined(g)) {
			pd.Getter = rt.nativeFunc("get", 0, func(goja.FunctionCall) goja.Value { return getKey(v.self, k) })
		}
		if !goja.IsUndefined(orUndefined(s)) {
			pd.Setter = rt.nativeFunc("set", 1, func(goja.FunctionCall) goja.Value {
				panic(rt.vm.NewTypeError("Cannot assign to read only property '%s' of object", k.val.String()))
			})
		}
	default:
		pd.Value = d.Get("value")
		if from == v.real {
			pd.Value = t.value(v, k.name, pd.Value)
		}
		pd.Writable = flagOf(d.Get("writable"))
		if k.name == "length" && v.isArray && from == v.real {
			pd.Configurable = goja.FLAG_FALSE
		}
	}
	return pd
}

func flagOf(x goja.Value) goja.Flag {
	if x != nil && x.ToBoolean() {
		return goja.FLAG_TRUE
	}
	return goja.FLAG_FALSE
}

func orUndefined(x goja.Value) goja.Value {
	if x == nil {
		return goja.Undefined()
	}
	return x
}

// hardenClass tames the class f (a real function) before a view hands out its prototype or an
// instance of it: its prototype chain (hardenProto) and its own function-valued properties.
func (t *exportViews) hardenClass(f *goja.Object) {
	if p, ok := f.Get("prototype").(*goja.Object); ok {
		t.hardenProto(p)
	}
	t.hardenFunction(f)
}

// hardenProto tames p and the prototypes above it, stopping at the first non-extensible one: a
// frozen intrinsic, a prototype tamed before, or one its author locked.
func (t *exportViews) hardenProto(p *goja.Object) {
	rt := t.rt
	for p != nil && rt.mustCall(t.h.extensible, goja.Undefined(), p).ToBoolean() {
		t.tameOwn(p, false)
		rt.mustCall(t.h.preventExtensions, goja.Undefined(), p)
		if c, ok := p.Get("constructor").(*goja.Object); ok {
			if cp, ok := c.Get("prototype").(*goja.Object); ok && cp == p {
				t.hardenFunction(c)
			}
		}
		p = p.Prototype()
	}
}

// hardenFunction tames a constructor's own function-valued properties (its static methods), makes
// its prototype property read-only and the function non-extensible (so no package can shadow an
// inherited static, or Function.prototype.call, for it). Its other data properties stay writable:
// classes keep static state (counters, defaults) that the app and the owner change.
func (t *exportViews) hardenFunction(f *goja.Object) {
	rt := t.rt
	if !rt.mustCall(t.h.extensible, goja.Undefined(), f).ToBoolean() {
		return
	}
	t.tameOwn(f, true)
	if p, ok := f.Get("prototype").(*goja.Object); ok {
		_ = f.DefineDataProperty("prototype", p, goja.FLAG_FALSE, goja.FLAG_NOT_SET, goja.FLAG_NOT_SET)
	}
	rt.mustCall(t.h.preventExtensions, goja.Undefined(), f)
}

// tameOwn replaces o's configurable own data properties by tamed accessors (only those holding
// functions when onlyFunctions) and makes its configurable accessors non-configurable.
func (t *exportViews) tameOwn(o *goja.Object, onlyFunctions bool) {
	rt := t.rt
	vm := rt.vm
	keys, ok := rt.mustCall(t.h.ownKeys, goja.Undefined(), o).(*goja.Object)
	if !ok {
		return
	}
	n := int(keys.Get("length").ToInteger())
	for i := 0; i < n; i++ {
		key := keys.Get(strconv.Itoa(i))
		if onlyFunctions && (key.String() == "prototype" || key.String() == "name" || key.String() == "length") {
			if _, isSym := key.(*goja.Symbol); !isSym {
				continue
			}
		}
		d, ok := rt.mustCall(t.h.desc, goja.Undefined(), o, key).(*goja.Object)
		if !ok || !d.Get("configurable").ToBoolean() {
			continue
		}
		enumerable := flagOf(d.Get("enumerable"))
		if g, s := d.Get("get"), d.Get("set"); g != nil || s != nil {
			g, s = orUndefined(g), orUndefined(s)
			if sym, isSym := key.(*goja.Symbol); isSym {
				_ = o.DefineAccessorPropertySymbol(sym, g, s, goja.FLAG_FALSE, enumerable)
			} else {
				_ = o.DefineAccessorProperty(key.String(), g, s, goja.FLAG_FALSE, enumerable)
			}
			continue
		}
		value := d.Get("value")
		if _, isFunc := goja.AssertFunction(value); onlyFunctions && !isFunc {
			continue
		}
		tameDataProperty(vm, o, key, value, enumerable)
	}
}
