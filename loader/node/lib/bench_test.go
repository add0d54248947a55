package lib

import (
	"testing"

	"github.com/dop251/goja"
)

// BenchmarkCompile is the one-time cost per process of compiling each builtin's source.
func BenchmarkCompile(b *testing.B) {
	for _, name := range AllNames() {
		src, _ := Source(name)
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for i := 0; i < b.N; i++ {
				if _, err := goja.Compile("node:"+name, wrapperHead+src+"\n})", true); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCompartmentBase is what every compartment pays before any require: its global stand-ins
// plus evaluating buffer (and what buffer requires), since Buffer is a wrapper parameter.
func BenchmarkCompartmentBase(b *testing.B) {
	r := newRealm(b)
	for i := 0; i < b.N; i++ {
		r.newCompartment(b)
	}
}

// BenchmarkRequire is the per-compartment cost of the first require(name) on top of the base:
// evaluating the module and every builtin it pulls in that is not loaded yet (sources compiled).
func BenchmarkRequire(b *testing.B) {
	for _, name := range Names() {
		b.Run(name, func(b *testing.B) {
			r := newRealm(b)
			if _, err := program(name); err != nil {
				b.Fatal(err)
			}
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				c := r.newCompartment(b)
				b.StartTimer()
				if _, err := c.require(name); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkInspect1000Keys(b *testing.B) {
	r := newRealm(b)
	c := r.newCompartment(b)
	v, err := c.require("util")
	if err != nil {
		b.Fatal(err)
	}
	inspect, _ := goja.AssertFunction(v.ToObject(r.vm).Get("inspect"))
	obj, err := r.vm.RunString(`(() => { const o = {}; for (let i = 0; i < 1000; i++) o['key' + i] = i % 2 ? 'value ' + i : { n: i }; return o; })()`)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := inspect(goja.Undefined(), obj); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBufferRoundTrip is Buffer.from(str).toString() of a 64 KB string with the Go codecs
// and with the bundle's JavaScript ones (the reason buffer.js installs the Go codecs).
func BenchmarkBufferRoundTrip(b *testing.B) {
	for _, mode := range []string{"go", "js"} {
		for _, kind := range []string{"ascii", "mixed"} {
			b.Run(mode+"/"+kind, func(b *testing.B) {
				r := newRealm(b)
				c := r.newCompartment(b)
				if mode == "js" {
					c = newPureCompartment(b, r)
				}
				unit := `'abcdefghijklmnopqrstuvwxyz012345'`
				if kind == "mixed" {
					unit = `'héllo wörld € 😀 abcdefghijklm'`
				}
				fn, err := r.vm.RunString(`(function (Buffer) { const s = ` + unit + `.repeat(65536 / ` + unit + `.length); return () => Buffer.from(s).toString(); })`)
				if err != nil {
					b.Fatal(err)
				}
				mk, _ := goja.AssertFunction(fn)
				rt, err := mk(goja.Undefined(), c.buffer)
				if err != nil {
					b.Fatal(err)
				}
				run, _ := goja.AssertFunction(rt)
				b.SetBytes(65536)
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					if _, err := run(goja.Undefined()); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
