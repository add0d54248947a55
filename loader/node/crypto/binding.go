package crypto

import (
	"fmt"

	"github.com/dop251/goja"

	"github.com/pkgbox/pkgbox/loader/node/host"
)

// binding is the Go half of one compartment's crypto module. Everything JavaScript can reach is
// built explicitly on obj; per-object state (a running hash, a cipher) lives in Go closures.
type binding struct {
	h      host.Host
	vm     *goja.Runtime
	obj    *goja.Object
	isView goja.Callable
}

// Binding builds the crypto binding for one compartment.
func Binding(h host.Host) *goja.Object {
	b := &binding{h: h, vm: h.VM(), obj: h.VM().NewObject(), isView: isViewFunc(h.VM())}
	b.hashFuncs()
	b.randomFuncs()
	b.kdfFuncs()
	b.cipherFuncs()
	b.fn("encode", 2, func(call goja.FunctionCall) goja.Value {
		p := b.bytes(call.Argument(0))
		enc := parseEncoding(call.Argument(1), encBuffer)
		if enc == encBuffer {
			p = append([]byte{}, p...)
		}
		return b.out(p, enc)
	})
	b.fn("alloc", 1, func(call goja.FunctionCall) goja.Value {
		return b.h.NewBuffer(make([]byte, b.intArg(call, 0)))
	})
	b.fn("decode", 2, func(call goja.FunctionCall) goja.Value {
		return b.h.NewBuffer(b.data(call.Argument(0), call.Argument(1)))
	})
	b.fn("copy", 1, func(call goja.FunctionCall) goja.Value {
		return b.h.NewBuffer(append([]byte{}, b.bytes(call.Argument(0))...))
	})
	b.fn("newDecoder", 1, b.newDecoder)
	return b.obj
}

func (b *binding) fn(name string, n int, f func(goja.FunctionCall) goja.Value) {
	if err := b.obj.Set(name, b.h.Func(name, n, f)); err != nil {
		panic(err)
	}
}

func (b *binding) method(o *goja.Object, name string, n int, f func(goja.FunctionCall) goja.Value) {
	if err := o.Set(name, b.h.Func(name, n, f)); err != nil {
		panic(err)
	}
}

// bytes returns the bytes viewed by a Buffer, TypedArray, DataView or ArrayBuffer, without copying.
// The JavaScript side validates types first, so a mismatch here is a bug in crypto.js.
func (b *binding) bytes(v goja.Value) []byte {
	if goja.IsUndefined(v) || goja.IsNull(v) {
		return nil
	}
	p, ok := viewBytes(b.vm, b.isView, v)
	if !ok {
		panic(b.vm.NewTypeError(fmt.Sprintf("crypto binding: expected an ArrayBuffer or a view of one, got %s", v.String())))
	}
	return p
}

// data is the bytes of a string in the given encoding (UTF-8 when unknown) or of a binary view.
func (b *binding) data(v, enc goja.Value) []byte {
	if s, ok := v.(goja.String); ok {
		return decodeString(s, parseEncoding(enc, encUTF8))
	}
	return b.bytes(v)
}

// out returns p as a Buffer (which then owns p) or as a string in enc.
func (b *binding) out(p []byte, enc encoding) goja.Value {
	if enc == encBuffer {
		return b.h.NewBuffer(p)
	}
	return encodeBytes(b.vm, p, enc)
}

// throwPlain raises an error of the kind Node's C++ layer raises: a plain Error (or TypeError,
// RangeError) whose code, when there is one, is only a property.
func (b *binding) throwPlain(ctor, code, msg string) {
	panic(b.plainError(ctor, code, msg))
}

func (b *binding) plainError(ctor, code, msg string) *goja.Object {
	c, ok := b.vm.Get(ctor).(*goja.Object)
	if !ok {
		panic(b.vm.NewTypeError(msg))
	}
	err, e := b.vm.New(c, b.vm.ToValue(msg))
	if e != nil {
		panic(e)
	}
	if code != "" {
		_ = err.Set("code", code)
	}
	return err
}

// throwOpenSSL raises an error shaped like the ones OpenSSL failures produce in Node:
// "error:XXXXXXXX:library::reason" with library, reason and code properties.
func (b *binding) throwOpenSSL(id, library, reason, code string) {
	err := b.plainError("Error", "", fmt.Sprintf("error:%s:%s::%s", id, library, reason))
	_ = err.Set("library", library)
	_ = err.Set("reason", reason)
	_ = err.Set("code", code)
	panic(err)
}

// background runs work on its own goroutine and then, on the JavaScript goroutine, calls cb with
// the arguments deliver returns. The loop is held meanwhile, like a libuv threadpool request.
// An exception thrown by cb is re-raised from the posted function for the loop to report.
//
// work runs off the JavaScript goroutine: it may use plain Go values only (its inputs are converted
// and copied before background is called). A goja value the result needs (cb, a view to fill) is
// only carried in a closure and touched inside deliver, which runs on the JavaScript goroutine.
func (b *binding) background(cb goja.Value, work func() (deliver func() []goja.Value)) {
	fn, ok := goja.AssertFunction(cb)
	if !ok {
		panic(b.vm.NewTypeError("crypto binding: callback must be a function"))
	}
	release := b.h.Hold()
	go func() {
		var deliver func() []goja.Value
		func() {
			defer func() {
				if x := recover(); x != nil {
					msg := fmt.Sprint(x)
					deliver = func() []goja.Value {
						return []goja.Value{b.plainError("Error", "", "crypto: internal error: "+msg)}
					}
				}
			}()
			deliver = work()
		}()
		b.h.Post(func() {
			defer release()
			if _, err := fn(goja.Undefined(), deliver()...); err != nil {
				panic(err)
			}
		})
	}()
}

func (b *binding) intArg(call goja.FunctionCall, i int) int {
	return int(call.Argument(i).ToInteger())
}
