package intrinsics

import (
	"runtime"
	"sync"
	"weak"

	"github.com/dop251/goja"
)

// WeakRef and FinalizationRegistry follow the specification's API, with the two liberties it allows an
// implementation: a WeakRef holds its target strongly (deref always answers it) and a FinalizationRegistry
// never calls its cleanup callback. goja exposes no hook to learn when a JavaScript object dies, and
// calling back would need the host's event loop; code that uses these classes as caches keeps working,
// it just never sees anything collected.

type weakRef struct{ target *goja.Object }

type finalizationRegistry struct {
	mu     sync.Mutex
	tokens map[weak.Pointer[goja.Object]]int // live registrations per unregister token
}

func (r *realm) installWeakRef() error {
	var refs slots[weakRef]
	ctor, proto := r.newClass(classDef{
		name: "WeakRef", short: "WeakRef", length: 1, requireNew: true,
		init: func(this *goja.Object, args []goja.Value) {
			t, ok := argAt(args, 0).(*goja.Object)
			if !ok {
				r.typeError("WeakRef: invalid target")
			}
			refs.put(this, &weakRef{target: t})
		},
	})
	r.method(proto, "deref", 0, func(c goja.FunctionCall) goja.Value {
		return receiver(r, &refs, c.This, "WeakRef.prototype.deref").target
	})
	return r.vm.GlobalObject().DefineDataProperty("WeakRef", ctor, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

func (r *realm) installFinalizationRegistry() error {
	var regs slots[finalizationRegistry]
	ctor, proto := r.newClass(classDef{
		name: "FinalizationRegistry", short: "FinalizationRegistry", length: 1, requireNew: true,
		init: func(this *goja.Object, args []goja.Value) {
			if _, ok := goja.AssertFunction(argAt(args, 0)); !ok {
				r.typeError("FinalizationRegistry: cleanup must be callable")
			}
			regs.put(this, &finalizationRegistry{tokens: map[weak.Pointer[goja.Object]]int{}})
		},
	})
	r.method(proto, "register", 2, func(c goja.FunctionCall) goja.Value {
		reg := receiver(r, &regs, c.This, "FinalizationRegistry.prototype.register")
		target, ok := c.Argument(0).(*goja.Object)
		if !ok {
			r.typeError("FinalizationRegistry.prototype.register: invalid target")
		}
		if c.Argument(1).SameAs(target) {
			r.typeError("FinalizationRegistry.prototype.register: target and holdings must not be same")
		}
		tok := c.Argument(2)
		if isUndef(tok) {
			return goja.Undefined()
		}
		to, ok := tok.(*goja.Object)
		if !ok {
			r.typeError("Invalid unregisterToken ('%s')", r.describe(tok))
		}
		// Only the count of registrations per token is kept: holdings are never needed because no
		// callback ever runs, and the token is held weakly.
		wp := weak.Make(to)
		reg.mu.Lock()
		first := reg.tokens[wp] == 0
		reg.tokens[wp]++
		reg.mu.Unlock()
		if first {
			runtime.AddCleanup(to, reg.forget, wp)
		}
		return goja.Undefined()
	})
	r.method(proto, "unregister", 1, func(c goja.FunctionCall) goja.Value {
		reg := receiver(r, &regs, c.This, "FinalizationRegistry.prototype.unregister")
		to, ok := c.Argument(0).(*goja.Object)
		if !ok {
			r.typeError("Invalid unregisterToken ('%s')", r.describe(c.Argument(0)))
		}
		wp := weak.Make(to)
		reg.mu.Lock()
		n := reg.tokens[wp]
		delete(reg.tokens, wp)
		reg.mu.Unlock()
		return r.vm.ToValue(n > 0)
	})
	return r.vm.GlobalObject().DefineDataProperty("FinalizationRegistry", ctor, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

func (f *finalizationRegistry) forget(wp weak.Pointer[goja.Object]) {
	f.mu.Lock()
	delete(f.tokens, wp)
	f.mu.Unlock()
}

func argAt(args []goja.Value, i int) goja.Value {
	if i < len(args) {
		return args[i]
	}
	return goja.Undefined()
}
