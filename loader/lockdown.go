package loader

import (
	_ "embed"
	"fmt"

	"github.com/dop251/goja"
)

//go:embed lockdown.js
var lockdownSource string

var lockdownProgram = goja.MustCompile("lockdown.js", lockdownSource, true)

// tamedProperties lists the intrinsic properties that real packages assign on objects inheriting
// from them (SES's "moderate" override taming). Each becomes a native accessor: reading returns the
// original value; assigning on an inheriting object defines an own property there instead of failing
// on the frozen prototype. Kept short on purpose: every tamed property costs an accessor call on
// each read (see BenchmarkTamedPropertyRead).
var tamedProperties = []struct {
	path  string // JavaScript expression for the object, evaluated before lockdown
	names []string
}{
	{"Object.prototype", []string{"constructor", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "toString", "valueOf"}},
	{"Function.prototype", []string{"constructor", "bind", "toString", "apply", "call"}},
	{"Array.prototype", []string{"constructor", "toString", "toLocaleString"}},
	{"Error.prototype", []string{"constructor", "message", "name", "toString"}},
	{"EvalError.prototype", []string{"constructor", "message", "name"}},
	{"RangeError.prototype", []string{"constructor", "message", "name"}},
	{"ReferenceError.prototype", []string{"constructor", "message", "name"}},
	{"SyntaxError.prototype", []string{"constructor", "message", "name"}},
	{"TypeError.prototype", []string{"constructor", "message", "name"}},
	{"URIError.prototype", []string{"constructor", "message", "name"}},
	{"AggregateError.prototype", []string{"constructor", "message", "name"}},
	{"Promise.prototype", []string{"constructor", "then", "catch", "finally"}},
	{"RegExp.prototype", []string{"constructor", "exec", "toString"}},
	{"Date.prototype", []string{"constructor", "toString", "toJSON", "valueOf"}},
	{"Map.prototype", []string{"constructor"}},
	{"Set.prototype", []string{"constructor"}},
	{"Symbol.prototype", []string{"constructor", "toString"}},
	{"Number.prototype", []string{"constructor", "toString"}},
	{"String.prototype", []string{"constructor", "toString"}},
	{"Object.getPrototypeOf(Uint8Array.prototype)", []string{ // %TypedArray%.prototype: Buffer assigns these
		"constructor", "toString", "toLocaleString", "slice", "subarray", "fill", "indexOf", "lastIndexOf",
		"includes", "set", "join", "reverse", "sort", "entries", "keys", "values", "map", "filter", "forEach",
		"toJSON", "at", "copyWithin", "every", "some", "find", "findIndex", "reduce",
	}},
	{"Uint8Array.prototype", []string{"constructor"}},
	{"Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()))", []string{"toString"}},
	{"Object.getPrototypeOf(function*(){}).prototype", []string{"constructor", "toString"}},
}

// lockdown freezes the realm. It must run after every engine extension is installed and before
// any package, app or builtin code runs.
func lockdown(vm *goja.Runtime) error {
	for _, t := range tamedProperties {
		v, err := vm.RunString(t.path)
		if err != nil {
			return fmt.Errorf("lockdown: %s: %w", t.path, err)
		}
		obj, ok := v.(*goja.Object)
		if !ok {
			continue
		}
		for _, name := range t.names {
			tameProperty(vm, obj, name)
		}
	}
	fn, err := vm.RunProgram(lockdownProgram)
	if err != nil {
		return fmt.Errorf("lockdown: %w", err)
	}
	call, _ := goja.AssertFunction(fn)
	if _, err := call(goja.Undefined(), vm.GlobalObject()); err != nil {
		return fmt.Errorf("lockdown: %w", err)
	}
	return nil
}

var ownDataDescriptor = goja.MustCompile("tame.js",
	`(function (o, n) { var d = Object.getOwnPropertyDescriptor(o, n); return d !== undefined && 'value' in d && d.configurable ? d : null; })`, true)

func tameProperty(vm *goja.Runtime, home *goja.Object, name string) {
	f, _ := vm.RunProgram(ownDataDescriptor)
	check, _ := goja.AssertFunction(f)
	d, err := check(goja.Undefined(), home, vm.ToValue(name))
	if err != nil || goja.IsNull(d) {
		return
	}
	tameDataProperty(vm, home, vm.ToValue(name), d.(*goja.Object).Get("value"), goja.FLAG_FALSE)
}

// tameDataProperty replaces home's own data property key (a string or a *goja.Symbol), whose value
// is v, by a non-configurable accessor: reading returns v; assigning through home itself throws,
// assigning through an object that inherits from home defines an own property there (SES's
// override-mistake taming). Exports views (exportview.go) use it on the prototypes they tame.
func tameDataProperty(vm *goja.Runtime, home *goja.Object, key, v goja.Value, enumerable goja.Flag) {
	getter := vm.ToValue(func(goja.FunctionCall) goja.Value { return v }).(*goja.Object)
	// SES's convention: inspect-like code reads the tamed value through the getter's originalValue.
	_ = getter.DefineDataProperty("originalValue", v, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	sym, isSym := key.(*goja.Symbol)
	setter := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		this, ok := call.This.(*goja.Object)
		if !ok || this == home {
			panic(vm.NewTypeError("Cannot assign to read only property '%s' of object", key.String()))
		}
		var err error
		if isSym {
			err = this.DefineDataPropertySymbol(sym, call.Argument(0), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
		} else {
			err = this.DefineDataProperty(key.String(), call.Argument(0), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
		}
		if err != nil {
			panic(vm.NewTypeError("Cannot assign to read only property '%s' of object", key.String()))
		}
		return goja.Undefined()
	})
	if isSym {
		_ = home.DefineAccessorPropertySymbol(sym, getter, setter, goja.FLAG_FALSE, enumerable)
	} else {
		_ = home.DefineAccessorProperty(key.String(), getter, setter, goja.FLAG_FALSE, enumerable)
	}
}
