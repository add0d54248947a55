package web

import (
	"reflect"

	"github.com/dop251/goja"

	"github.com/pkgbox/pkgbox/loader/node/host"
)

var (
	proxyType   = reflect.TypeOf(goja.Proxy{})
	promiseType = reflect.TypeOf((*goja.Promise)(nil))
)

// cloneBinding answers what JavaScript cannot ask without side effects or spoofing: whether an
// object is a real Error, a Proxy or a Promise (by goja's internal class), and it moves an
// ArrayBuffer's memory for the transfer list.
func cloneBinding(h host.Host) *goja.Object {
	vm := h.VM()
	o := vm.NewObject()
	must(o.Set("kind", h.Func("kind", 1, func(call goja.FunctionCall) goja.Value {
		obj, ok := call.Argument(0).(*goja.Object)
		if !ok {
			return vm.ToValue("")
		}
		switch t := obj.ExportType(); {
		case t == proxyType:
			return vm.ToValue("Proxy")
		case t == promiseType:
			return vm.ToValue("Promise")
		}
		switch c := obj.ClassName(); c {
		case "Error", "Arguments":
			return vm.ToValue(c)
		}
		return vm.ToValue("")
	})))
	must(o.Set("detached", h.Func("detached", 1, func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(arrayBufferOf(vm, call.Argument(0)).Detached())
	})))
	// adopt returns a new ArrayBuffer over the same memory; detach then cuts the old one off.
	// Together they are a transfer.
	must(o.Set("adopt", h.Func("adopt", 1, func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(vm.NewArrayBuffer(arrayBufferOf(vm, call.Argument(0)).Bytes()))
	})))
	must(o.Set("detach", h.Func("detach", 1, func(call goja.FunctionCall) goja.Value {
		arrayBufferOf(vm, call.Argument(0)).Detach()
		return goja.Undefined()
	})))
	return o
}

func arrayBufferOf(vm *goja.Runtime, v goja.Value) goja.ArrayBuffer {
	if obj, ok := v.(*goja.Object); ok {
		if ab, ok := obj.Export().(goja.ArrayBuffer); ok {
			return ab
		}
	}
	panic(vm.NewTypeError("expected an ArrayBuffer"))
}
