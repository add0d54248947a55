package web

import (
	"strings"
	"testing"

	"github.com/dop251/goja"
)

// TestBindingsSurviveBadArguments calls every binding function with arguments of the wrong
// kinds: each must return or throw a deliberate JavaScript error, without leaning on the Func
// panic guard.
func TestBindingsSurviveBadArguments(t *testing.T) {
	h := newHarness(t)
	vm := h.VM()
	weird := []goja.Value{goja.Undefined(), goja.Null(), vm.ToValue(-1), vm.ToValue(1e300), vm.ToValue("x"),
		vm.NewObject(), vm.NewArray(1, "a"), vm.ToValue(vm.NewArrayBuffer([]byte{1, 2}))}
	for _, b := range Builtins() {
		if b.Binding == nil {
			continue
		}
		obj := b.Binding(h)
		for _, key := range obj.Keys() {
			fn, ok := goja.AssertFunction(obj.Get(key))
			if !ok {
				continue
			}
			for _, a := range weird {
				for _, c := range weird {
					func() {
						defer func() {
							if r := recover(); r != nil {
								t.Errorf("%s.%s(%v, %v) panicked in Go: %v", b.Name, key, a, c, r)
							}
						}()
						res, err := fn(goja.Undefined(), a, c, a, c)
						if ex, ok := err.(*goja.Exception); ok && strings.Contains(ex.Value().String(), "internal error") {
							t.Errorf("%s.%s(%v, %v) needed the panic guard: %v", b.Name, key, a, c, ex.Value())
						}
						if err == nil && key == "decoder" {
							// Exercise the handle the decoder returns too.
							if o, ok := res.(*goja.Object); ok {
								if dec, ok := goja.AssertFunction(o.Get("decode")); ok {
									_, _ = dec(goja.Undefined(), a, c, a, c)
								}
							}
						}
					}()
				}
			}
		}
	}
}
