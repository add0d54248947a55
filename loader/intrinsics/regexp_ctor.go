package intrinsics

import (
	"strings"

	"github.com/dop251/goja"
)

// installRegExp replaces the global RegExp with a native constructor that expands \p{...} before handing
// the pattern to goja's own constructor. Everything else is the original's: the same RegExp.prototype
// (whose constructor now points here), the same instances, new.target honoured for subclasses.
//
// RegExp[Symbol.species] deliberately answers goja's original constructor rather than the wrapper: goja's
// String.prototype.split keeps its fast path only when the species constructor is its own RegExp, and
// without it every split by a regexp would compile a new one. Install freezes that original so it carries
// no state a script could use (it is reachable only through that getter).
func (r *realm) installRegExp() error {
	vm := r.vm
	orig, ok := vm.Get("RegExp").(*goja.Object)
	if !ok {
		return errorf("RegExp: expected the global RegExp to be a constructor")
	}
	construct, ok := goja.AssertConstructor(orig)
	if !ok {
		return errorf("RegExp: expected the global RegExp to be a constructor")
	}
	proto, ok := orig.Get("prototype").(*goja.Object)
	if !ok {
		return errorf("RegExp: expected RegExp.prototype to be an object")
	}

	var wrapper *goja.Object
	build := func(args []goja.Value, newTarget *goja.Object) *goja.Object {
		if len(args) >= 2 {
			if expanded, changed := r.expandArgs(args[0], args[1]); changed {
				args = []goja.Value{expanded, args[1]}
			}
		}
		obj, err := construct(newTarget, args...)
		if err != nil {
			panic(err)
		}
		return obj
	}
	call := func(_ goja.Value, args []goja.Value) goja.Value {
		// RegExp(re) returns re itself when it is a regexp whose constructor is RegExp (ECMA-262 22.2.4.1).
		if p, ok := argAt(args, 0).(*goja.Object); ok && isUndef(argAt(args, 1)) && isRegExpObject(p) {
			if c := p.Get("constructor"); c != nil && c.SameAs(wrapper) {
				return p
			}
		}
		return build(args, wrapper)
	}
	wrapper = r.newCtor("RegExp", 2, call, build)
	if err := wrapper.DefineDataProperty("prototype", proto, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE); err != nil {
		return err
	}
	if err := proto.DefineDataProperty("constructor", wrapper, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		return err
	}
	speciesGetter := r.fn("get [Symbol.species]", 0, func(goja.FunctionCall) goja.Value { return orig })
	if err := wrapper.DefineAccessorPropertySymbol(goja.SymSpecies, speciesGetter, nil, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		return err
	}
	// compile() re-parses a pattern; route it through the expansion too.
	if compile, ok := goja.AssertFunction(proto.Get("compile")); ok {
		r.method(proto, "compile", 2, func(c goja.FunctionCall) goja.Value {
			args := c.Arguments
			if len(args) >= 2 {
				if expanded, changed := r.expandArgs(args[0], args[1]); changed {
					args = []goja.Value{expanded, args[1]}
				}
			}
			v, err := compile(c.This, args...)
			if err != nil {
				panic(err)
			}
			return v
		})
	}
	if err := vm.GlobalObject().DefineDataProperty("RegExp", wrapper, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		return err
	}
	return freezeShallow(vm, orig)
}

// expandArgs expands property escapes when the pattern is a string (a RegExp object was already
// expanded when it was made) and the flags include u.
func (r *realm) expandArgs(pattern, flags goja.Value) (goja.Value, bool) {
	if _, isObj := pattern.(*goja.Object); isObj || isUndef(pattern) || isUndef(flags) {
		return pattern, false
	}
	if _, isSym := flags.(*goja.Symbol); isSym {
		return pattern, false
	}
	if _, isSym := pattern.(*goja.Symbol); isSym {
		return pattern, false
	}
	f := flags.String()
	if !strings.ContainsRune(f, 'u') {
		return pattern, false
	}
	p := pattern.String()
	out, err := ExpandPropertyEscapes(p, f)
	if err != nil {
		r.syntaxError(err.Error())
	}
	if out == p {
		return pattern, false
	}
	return r.vm.ToValue(out), true
}

func isRegExpObject(o *goja.Object) bool {
	if m := o.GetSymbol(goja.SymMatch); m != nil && !goja.IsUndefined(m) {
		return m.ToBoolean()
	}
	return o.ClassName() == "RegExp"
}

// freezeShallow freezes one object and the accessor functions on it, using the engine's Object.freeze.
func freezeShallow(vm *goja.Runtime, o *goja.Object) error {
	freeze, ok := goja.AssertFunction(vm.Get("Object").(*goja.Object).Get("freeze"))
	if !ok {
		return errorf("Object.freeze: expected a function")
	}
	getOwn, _ := goja.AssertFunction(vm.Get("Object").(*goja.Object).Get("getOwnPropertyDescriptor"))
	for _, sym := range o.Symbols() {
		d, err := getOwn(nil, o, sym)
		if err != nil {
			return err
		}
		if dobj, ok := d.(*goja.Object); ok {
			for _, k := range []string{"get", "set"} {
				if fo, ok := dobj.Get(k).(*goja.Object); ok {
					if _, err := freeze(nil, fo); err != nil {
						return err
					}
				}
			}
		}
	}
	_, err := freeze(nil, o)
	return err
}
