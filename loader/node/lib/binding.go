package lib

import (
	"fmt"
	"reflect"

	"github.com/dop251/goja"
)

var (
	proxyType   = reflect.TypeOf(goja.Proxy{})
	promiseType = reflect.TypeOf((*goja.Promise)(nil))
)

// ViewTarget marks the shadow target of the loader's read-only exports views (a symbol JavaScript
// never sees: the shadow is reachable only from Go). proxyDetails treats such a view as an
// ordinary object, so util.inspect formats it through its traps, as it would the real exports.
var ViewTarget = goja.NewSymbol("pkgbox.exportsView")

// Binding builds the Go-native helpers the sources in this package use, for one runtime. It holds
// no state, so a loader may build it once per runtime and hand the same object to every
// compartment. Only plain JavaScript values cross: numbers, strings, arrays built here, and the
// very objects JavaScript passed in.
func Binding(vm *goja.Runtime) *goja.Object {
	b := vm.NewObject()
	def := func(name string, fn func(goja.FunctionCall) goja.Value) {
		_ = b.DefineDataProperty(name, native(vm, name, fn), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	}

	// className is goja's internal [[Class]]: "Error" for every native error, "RegExp",
	// "Arguments", "String"/"Number"/"Boolean" for boxed primitives. It reads no property.
	def("className", func(c goja.FunctionCall) goja.Value {
		if o, ok := c.Argument(0).(*goja.Object); ok && !isProxy(o) {
			return vm.ToValue(o.ClassName())
		}
		return vm.ToValue("")
	})
	def("isProxy", func(c goja.FunctionCall) goja.Value {
		o, ok := c.Argument(0).(*goja.Object)
		return vm.ToValue(ok && isProxy(o))
	})
	def("isPromise", func(c goja.FunctionCall) goja.Value {
		o, ok := c.Argument(0).(*goja.Object)
		return vm.ToValue(ok && o.ExportType() == promiseType)
	})
	// promiseState returns [state, result] with state 0 pending, 1 fulfilled, 2 rejected, or
	// undefined for a non-promise. It never runs JavaScript (no then() call).
	def("promiseState", func(c goja.FunctionCall) goja.Value {
		o, ok := c.Argument(0).(*goja.Object)
		if !ok || o.ExportType() != promiseType {
			return goja.Undefined()
		}
		p, _ := o.Export().(*goja.Promise)
		if p == nil {
			return goja.Undefined()
		}
		res := p.Result()
		if res == nil {
			res = goja.Undefined()
		}
		return vm.NewArray(int(p.State()), res)
	})
	// proxyDetails returns [target, handler] (or only target when the second argument is false)
	// for a Proxy, and undefined otherwise; a revoked proxy has null for both.
	def("proxyDetails", func(c goja.FunctionCall) goja.Value {
		o, ok := c.Argument(0).(*goja.Object)
		if !ok || !isProxy(o) {
			return goja.Undefined()
		}
		p, _ := o.Export().(goja.Proxy)
		if t := p.Target(); t != nil && t.GetSymbol(ViewTarget) != nil {
			return goja.Undefined()
		}
		target, handler := orNull(p.Target()), orNull(p.Handler())
		if len(c.Arguments) > 1 && !c.Argument(1).ToBoolean() {
			return target
		}
		return vm.NewArray(target, handler)
	})
	defineBufferNatives(vm, def)
	return b
}

func isProxy(o *goja.Object) bool { return o.ExportType() == proxyType }

func orNull(o *goja.Object) goja.Value {
	if o == nil {
		return goja.Null()
	}
	return o
}

// native wraps fn so that no Go panic escapes into the host: JavaScript exceptions and goja's
// own uncatchable signals pass through, anything else becomes a TypeError naming the helper.
func native(vm *goja.Runtime, name string, fn func(goja.FunctionCall) goja.Value) goja.Value {
	return vm.ToValue(func(c goja.FunctionCall) goja.Value {
		defer func() {
			if r := recover(); r != nil {
				switch r.(type) {
				case goja.Value, *goja.Exception, *goja.InterruptedError, *goja.StackOverflowError:
					panic(r)
				}
				panic(vm.NewTypeError(fmt.Sprintf("binding.%s: internal error: %v", name, r)))
			}
		}()
		return fn(c)
	})
}
