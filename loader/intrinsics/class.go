package intrinsics

import (
	"github.com/dop251/goja"
)

// newCtor makes a built-in constructor with distinct [[Call]] and [[Construct]] behaviour. goja's own
// native constructors (ToValue of a func(ConstructorCall)) cannot tell `X()` from `new X()`, and V8's
// built-ins differ on exactly that ("requires 'new'", RegExp(re) === re), so the constructor is a Proxy
// whose apply and construct traps are Go. The proxy's target only carries name, length and prototype;
// its own body never runs.
func (r *realm) newCtor(name string, length int,
	call func(this goja.Value, args []goja.Value) goja.Value,
	construct func(args []goja.Value, newTarget *goja.Object) *goja.Object) *goja.Object {
	target := r.vm.ToValue(func(goja.ConstructorCall) *goja.Object {
		r.typeError("%s: unreachable constructor body", name)
		return nil
	}).(*goja.Object)
	r.setNameLength(target, name, length)
	p := r.vm.NewProxy(target, &goja.ProxyTrapConfig{
		Apply: func(_ *goja.Object, this goja.Value, args []goja.Value) goja.Value {
			defer r.recoverGo(name)
			return call(this, args)
		},
		Construct: func(_ *goja.Object, args []goja.Value, newTarget *goja.Object) *goja.Object {
			defer r.recoverGo(name)
			return construct(args, newTarget)
		},
	})
	self := r.vm.ToValue(p).(*goja.Object)
	// goja's instanceof does not see through a Proxy of a function (it throws "Expecting a function in
	// instanceof check"), so the target carries OrdinaryHasInstance itself.
	hasInstance := r.fn("[Symbol.hasInstance]", 1, func(c goja.FunctionCall) goja.Value {
		return r.vm.ToValue(r.ordinaryHasInstance(self, c.Argument(0)))
	})
	_ = target.DefineDataPropertySymbol(goja.SymHasInstance, hasInstance, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	return self
}

func (r *realm) ordinaryHasInstance(ctor *goja.Object, v goja.Value) bool {
	o, ok := v.(*goja.Object)
	if !ok {
		return false
	}
	proto, ok := ctor.Get("prototype").(*goja.Object)
	if !ok {
		r.typeError("Function has non-object prototype '%s' in instanceof check", r.describe(ctor.Get("prototype")))
	}
	for p := o.Prototype(); p != nil; p = p.Prototype() {
		if p.SameAs(proto) {
			return true
		}
	}
	return false
}

// classDef describes a built-in constructor such as Intl.NumberFormat.
type classDef struct {
	name       string // as it appears in messages, "Intl.NumberFormat"
	short      string // the function's name property, "NumberFormat"
	length     int
	requireNew bool // V8 throws "Constructor X requires 'new'" when called without it
	// init fills the instance's Go state from the arguments; this is the new object.
	init func(this *goja.Object, args []goja.Value)
}

// newClass builds a constructor and its prototype. Calls without new (where allowed) create an instance
// as `new` would, as ECMA-402 does for its legacy constructors; subclasses get their instance from
// new.target's prototype.
func (r *realm) newClass(d classDef) (ctor, proto *goja.Object) {
	proto = r.vm.NewObject()
	construct := func(args []goja.Value, newTarget *goja.Object) *goja.Object {
		p := proto
		if newTarget != nil && !newTarget.SameAs(ctor) {
			if np, ok := newTarget.Get("prototype").(*goja.Object); ok {
				p = np
			}
		}
		this := r.vm.CreateObject(p)
		d.init(this, args)
		return this
	}
	call := func(_ goja.Value, args []goja.Value) goja.Value {
		if d.requireNew {
			r.typeError("Constructor %s requires 'new'", d.name)
		}
		return construct(args, nil)
	}
	ctor = r.newCtor(d.short, d.length, call, construct)
	_ = proto.DefineDataProperty("constructor", ctor, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = ctor.DefineDataProperty("prototype", proto, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	r.toStringTag(proto, d.name)
	return ctor, proto
}

// receiver fetches the Go state of this for a prototype method, with V8's message when it is missing.
func receiver[T any](r *realm, s *slots[T], this goja.Value, method string) *T {
	st := s.get(this)
	if st == nil {
		r.typeError("Method %s called on incompatible receiver %s", method, r.describe(this))
	}
	return st
}

// describe renders a value for an error message without invoking user code.
func (r *realm) describe(v goja.Value) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return "undefined"
	case goja.IsNull(v):
		return "null"
	}
	if o, ok := v.(*goja.Object); ok {
		if _, isFn := goja.AssertFunction(o); isFn {
			return "function"
		}
		return "#<" + o.ClassName() + ">"
	}
	return v.String()
}
