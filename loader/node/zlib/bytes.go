package zlib

import (
	"github.com/dop251/goja"

	"github.com/pkgbox/pkgbox/loader/node/host"
)

// viewBytes returns the bytes under an ArrayBuffer, TypedArray or DataView without copying.
// host.Bytes recognises ArrayBuffers and Uint8Arrays, but it tells the other views apart by
// ClassName, which goja reports as "Object" for every typed array and DataView; so the other views
// are recognised here with ArrayBuffer.isView (a frozen intrinsic) and read through ExportTo, which
// aliases a view's memory.
func viewBytes(vm *goja.Runtime, isView goja.Callable, v goja.Value) ([]byte, bool) {
	if p, ok := host.Bytes(vm, v); ok {
		return p, true
	}
	if _, ok := v.(*goja.Object); !ok || isView == nil {
		return nil, false
	}
	r, err := isView(goja.Undefined(), v)
	if err != nil || !r.ToBoolean() {
		return nil, false
	}
	var p []byte
	if err := vm.ExportTo(v, &p); err != nil {
		return nil, false
	}
	return p, true
}

// isViewFunc is the ArrayBuffer.isView intrinsic.
func isViewFunc(vm *goja.Runtime) goja.Callable {
	ab, ok := vm.Get("ArrayBuffer").(*goja.Object)
	if !ok {
		return nil
	}
	fn, _ := goja.AssertFunction(ab.Get("isView"))
	return fn
}
