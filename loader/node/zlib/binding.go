package zlib

import (
	"fmt"
	"hash/crc32"
	"sync"

	"github.com/dop251/goja"

	"github.com/pkgbox/pkgbox/loader/node/host"
)

// binding is the Go half of one compartment's zlib module. Engines live in Go closures behind
// handle objects built here; zlib.js keeps them in private fields.
type binding struct {
	h      host.Host
	vm     *goja.Runtime
	obj    *goja.Object
	isView goja.Callable
}

// Binding builds the zlib binding for one compartment.
func Binding(h host.Host) *goja.Object {
	b := &binding{h: h, vm: h.VM(), obj: h.VM().NewObject(), isView: isViewFunc(h.VM())}
	// create(options) -> handle {process, processAsync, params, reset, close}
	b.fn("create", 1, func(call goja.FunctionCall) goja.Value {
		return b.handle(b.options(call.Argument(0)))
	})
	// oneShot(options, input) -> Buffer | error info
	b.fn("oneShot", 2, func(call goja.FunctionCall) goja.Value {
		out, zerr := runAll(b.options(call.Argument(0)), b.input(call.Argument(1)))
		if zerr != nil {
			return b.errorInfo(zerr)
		}
		return b.h.NewBuffer(out)
	})
	// oneShotAsync(options, input, cb): the work runs on its own goroutine; cb(errInfo, Buffer).
	b.fn("oneShotAsync", 3, func(call goja.FunctionCall) goja.Value {
		o := b.options(call.Argument(0))
		in := append([]byte(nil), b.input(call.Argument(1))...)
		b.background(call.Argument(2), func() func() []goja.Value {
			out, zerr := runAll(o, in)
			return b.result(out, zerr)
		})
		return goja.Undefined()
	})
	b.fn("crc32", 2, func(call goja.FunctionCall) goja.Value {
		v := call.Argument(1)
		var init uint32
		if !goja.IsUndefined(v) {
			init = uint32(v.ToInteger())
		}
		return b.vm.ToValue(crc32.Update(init, crc32.IEEETable, b.input(call.Argument(0))))
	})
	b.fn("empty", 0, func(goja.FunctionCall) goja.Value { return b.h.NewBuffer([]byte{}) })
	return b.obj
}

func (b *binding) fn(name string, n int, f func(goja.FunctionCall) goja.Value) {
	b.method(b.obj, name, n, f)
}

func (b *binding) method(o *goja.Object, name string, n int, f func(goja.FunctionCall) goja.Value) {
	if err := o.Set(name, b.h.Func(name, n, f)); err != nil {
		panic(err)
	}
}

// input is the bytes of a string (UTF-8) or of a binary view, which zlib.js already validated.
func (b *binding) input(v goja.Value) []byte {
	if goja.IsUndefined(v) || goja.IsNull(v) {
		return nil
	}
	if s, ok := v.(goja.String); ok {
		return []byte(s.String())
	}
	p, ok := viewBytes(b.vm, b.isView, v)
	if !ok {
		panic(b.vm.NewTypeError(fmt.Sprintf("zlib binding: expected a string, an ArrayBuffer or a view of one, got %s", v.String())))
	}
	return p
}

func (b *binding) options(v goja.Value) options {
	obj, ok := v.(*goja.Object)
	if !ok {
		panic(b.vm.NewTypeError("zlib binding: options must be an object"))
	}
	num := func(name string, def int) int {
		x := obj.Get(name)
		if x == nil || goja.IsUndefined(x) || goja.IsNull(x) {
			return def
		}
		return int(x.ToInteger())
	}
	o := options{
		mode:       num("mode", modeDeflate),
		level:      num("level", -1),
		windowBits: num("windowBits", defaultWindowBits),
		strategy:   num("strategy", 0),
		limit:      num("maxOutputLength", 0),
		quality:    num("quality", 11),
		lgwin:      num("lgwin", 22),
	}
	o.flush = num("flush", finishFlag(o.mode))
	if d := obj.Get("dictionary"); d != nil && !goja.IsUndefined(d) {
		o.dictionary = append([]byte(nil), b.input(d)...)
	}
	if o.mode < modeDeflate || o.mode > modeBrotliEncode {
		panic(b.vm.NewTypeError(fmt.Sprintf("zlib binding: unknown mode %d", o.mode)))
	}
	if o.level < -1 || o.level > 9 {
		o.level = -1
	}
	o.quality = min(max(o.quality, 0), 11)
	o.lgwin = min(max(o.lgwin, 10), 24)
	return o
}

// errorInfo describes a failure for zlib.js to turn into Node's error object.
func (b *binding) errorInfo(z *zerror) *goja.Object {
	o := b.vm.NewObject()
	if z.tooLarge > 0 {
		_ = o.Set("tooLarge", z.tooLarge)
		return o
	}
	_ = o.Set("message", z.msg)
	_ = o.Set("errno", z.errno)
	_ = o.Set("code", z.code)
	return o
}

// result is what a background call delivers: (errInfo, Buffer).
func (b *binding) result(out []byte, zerr *zerror) func() []goja.Value {
	return func() []goja.Value {
		if zerr != nil {
			return []goja.Value{b.errorInfo(zerr)}
		}
		return []goja.Value{goja.Null(), b.h.NewBuffer(out)}
	}
}

// background runs work on its own goroutine and calls cb on the JavaScript goroutine with what
// deliver returns, holding the loop meanwhile (like a libuv threadpool request). An exception
// from cb is re-raised from the posted function for the loop to report.
//
// work runs off the JavaScript goroutine: it may use plain Go values only (its input and options
// are converted and copied before background is called); goja values are made only by deliver.
func (b *binding) background(cb goja.Value, work func() func() []goja.Value) {
	fn, ok := goja.AssertFunction(cb)
	if !ok {
		panic(b.vm.NewTypeError("zlib binding: callback must be a function"))
	}
	release := b.h.Hold()
	go func() {
		var deliver func() []goja.Value
		func() {
			defer func() {
				if x := recover(); x != nil {
					deliver = b.result(nil, dataError(fmt.Sprintf("zlib: internal error: %v", x)))
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

// handle wraps one engine for a zlib stream. A mutex serialises the engine between a write
// running in the background and params/reset/close called meanwhile from JavaScript.
func (b *binding) handle(o options) *goja.Object {
	var mu sync.Mutex
	eng := newEngine(o)
	closed := false
	// last marks the stream's final chunk: a decoder not told to finish then hands out the rest.
	run := func(in []byte, flush int, last bool) ([]byte, *zerror) {
		mu.Lock()
		defer mu.Unlock()
		if closed {
			return nil, nil
		}
		out, err := eng.process(in, flush)
		if err == nil && last && flush != finishFlag(o.mode) {
			out = append(out, eng.salvage()...)
		}
		return out, err
	}
	h := b.vm.NewObject()
	// process(chunk, flush) -> Buffer | error info, on the JavaScript goroutine.
	b.method(h, "process", 2, func(call goja.FunctionCall) goja.Value {
		out, zerr := run(b.input(call.Argument(0)), int(call.Argument(1).ToInteger()), false)
		if zerr != nil {
			return b.errorInfo(zerr)
		}
		return b.h.NewBuffer(out)
	})
	// processAsync(chunk, flush, cb, last): the same on its own goroutine; cb(errInfo, Buffer).
	b.method(h, "processAsync", 4, func(call goja.FunctionCall) goja.Value {
		in := append([]byte(nil), b.input(call.Argument(0))...)
		flush := int(call.Argument(1).ToInteger())
		last := call.Argument(3).ToBoolean()
		b.background(call.Argument(2), func() func() []goja.Value {
			out, zerr := run(in, flush, last)
			return b.result(out, zerr)
		})
		return goja.Undefined()
	})
	b.method(h, "params", 2, func(call goja.FunctionCall) goja.Value {
		mu.Lock()
		defer mu.Unlock()
		if !closed {
			eng.params(int(call.Argument(0).ToInteger()), int(call.Argument(1).ToInteger()))
		}
		return goja.Undefined()
	})
	b.method(h, "reset", 0, func(goja.FunctionCall) goja.Value {
		mu.Lock()
		defer mu.Unlock()
		if !closed {
			eng.reset()
		}
		return goja.Undefined()
	})
	b.method(h, "close", 0, func(goja.FunctionCall) goja.Value {
		mu.Lock()
		defer mu.Unlock()
		if !closed {
			closed = true
			eng.close()
		}
		return goja.Undefined()
	})
	return h
}
