package web

import (
	"github.com/dop251/goja"

	"github.com/pkgbox/pkgbox/loader/node/host"
)

// encodingBinding is what encoding.js reaches Go through.
func encodingBinding(h host.Host) *goja.Object {
	vm := h.VM()
	o := vm.NewObject()
	// lookup(label) returns [name, supported] or undefined for an unknown label.
	must(o.Set("lookup", h.Func("lookup", 1, func(call goja.FunctionCall) goja.Value {
		name, ok := lookupEncoding(call.Argument(0).String())
		if name == "" {
			return goja.Undefined()
		}
		return vm.NewArray(name, ok)
	})))
	must(o.Set("encode", h.Func("encode", 1, func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(vm.NewArrayBuffer([]byte(call.Argument(0).String())))
	})))
	must(o.Set("encodeInto", h.Func("encodeInto", 4, func(call goja.FunctionCall) goja.Value {
		dst := viewBytes(vm, call.Argument(1), call.Argument(2), call.Argument(3))
		read, written := encodeInto(call.Argument(0).String(), dst)
		res := vm.NewObject()
		must(res.Set("read", read))
		must(res.Set("written", written))
		return res
	})))
	must(o.Set("decodeLatin1", h.Func("decodeLatin1", 3, func(call goja.FunctionCall) goja.Value {
		in := viewBytes(vm, call.Argument(0), call.Argument(1), call.Argument(2))
		return vm.ToValue(decodeLatin1(in))
	})))
	// decoder(name, fatal, ignoreBOM) returns a handle whose decode(buffer, offset, length, flush)
	// returns the
	// text, or undefined when fatal mode met invalid data. The Go state lives in the closure.
	must(o.Set("decoder", h.Func("decoder", 3, func(call goja.FunctionCall) goja.Value {
		d := newTextDecoder(call.Argument(0).String(), call.Argument(1).ToBoolean(), call.Argument(2).ToBoolean())
		handle := vm.NewObject()
		must(handle.Set("decode", h.Func("decode", 4, func(call goja.FunctionCall) goja.Value {
			in := viewBytes(vm, call.Argument(0), call.Argument(1), call.Argument(2))
			flush := call.Argument(3).ToBoolean()
			switch d.name {
			case "utf-8":
				s, err := d.decodeUTF8(in, flush)
				if err != nil {
					return goja.Undefined()
				}
				return vm.ToValue(s)
			case "utf-16le", "utf-16be":
				u, err := d.decodeUTF16(in, flush)
				if err != nil {
					return goja.Undefined()
				}
				return goja.StringFromUTF16(u)
			default:
				var s string
				var err error
				if d.single != nil {
					s, err = d.decodeSingleByte(in)
				} else {
					s, err = d.decodeLegacy(in, flush)
				}
				if err != nil {
					return goja.Undefined()
				}
				return vm.ToValue(s)
			}
		})))
		return handle
	})))
	return o
}
