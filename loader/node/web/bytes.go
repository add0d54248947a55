package web

import "github.com/dop251/goja"

// viewBytes returns the bytes of an ArrayBuffer range that shared.js's byteView described. It
// shares memory with the buffer; a detached buffer reads as empty.
func viewBytes(vm *goja.Runtime, buf, off, length goja.Value) []byte {
	obj, ok := buf.(*goja.Object)
	if !ok {
		panic(vm.NewTypeError("expected an ArrayBuffer"))
	}
	ab, ok := obj.Export().(goja.ArrayBuffer)
	if !ok {
		panic(vm.NewTypeError("expected an ArrayBuffer"))
	}
	b := ab.Bytes()
	o, n := off.ToInteger(), length.ToInteger()
	if o < 0 || n < 0 || o > int64(len(b)) || n > int64(len(b))-o {
		return nil
	}
	return b[o : o+n]
}
